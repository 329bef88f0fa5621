package dev.hyperopt.suite;

import dev.hyperopt.engine.sample.anneal.AnnealSampler;
import dev.hyperopt.engine.sample.random.RandomSampler;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Annealing must learn: over 10 fixed seeds and 100 trials its mean best loss beats random search. */
class AnnealBeatsRandomTest {

    @Test
    void beatsRandomSearchOnBraninAndOnAConditionalProblem() {
        for (Problems.Problem p : List.of(Problems.BRANIN, Problems.CASH)) {
            double anneal = Problems.meanBest(new AnnealSampler(), p, 10, 100);
            double random = Problems.meanBest(new RandomSampler(), p, 10, 100);
            System.out.printf("anneal on %s: mean best after 100 trials over 10 seeds %.5f, random %.5f%n", p.name(), anneal, random);
            assertThat(anneal).isLessThan(random);
        }
    }
}
