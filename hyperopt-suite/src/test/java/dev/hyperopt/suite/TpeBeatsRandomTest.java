package dev.hyperopt.suite;

import dev.hyperopt.engine.sample.Sampler;
import dev.hyperopt.engine.sample.random.RandomSampler;
import dev.hyperopt.engine.sample.tpe.HyperoptTpeSampler;
import dev.hyperopt.engine.sample.tpe.TpeSampler;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * TPE must learn: over 10 fixed seeds and 100 trials its mean best loss beats random
 * search on a smooth problem (branin) and on a conditional one (cash_synth).
 */
class TpeBeatsRandomTest {
    private static final int SEEDS = 10;
    private static final int BUDGET = 100;

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("tpe-hyperopt", new HyperoptTpeSampler(), Problems.BRANIN),
                Arguments.of("tpe-hyperopt", new HyperoptTpeSampler(), Problems.CASH),
                Arguments.of("tpe", new TpeSampler(), Problems.BRANIN),
                Arguments.of("tpe", new TpeSampler(), Problems.CASH));
    }

    @ParameterizedTest(name = "{0} on {2}")
    @MethodSource("cases")
    void beatsRandomSearch(String name, Sampler sampler, Problems.Problem problem) {
        double tpe = Problems.meanBest(sampler, problem, SEEDS, BUDGET);
        double random = Problems.meanBest(new RandomSampler(), problem, SEEDS, BUDGET);
        System.out.printf("%s on %s: mean best after %d trials over %d seeds %.5f, random %.5f%n",
                name, problem.name(), BUDGET, SEEDS, tpe, random);
        assertThat(tpe).isLessThan(random);
    }
}
