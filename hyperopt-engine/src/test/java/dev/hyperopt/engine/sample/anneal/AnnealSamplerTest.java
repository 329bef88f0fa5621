package dev.hyperopt.engine.sample.anneal;

import dev.hyperopt.dsl.ir.Choice;
import dev.hyperopt.dsl.ir.Dist;
import dev.hyperopt.dsl.ir.Distribution;
import dev.hyperopt.dsl.ir.Literal;
import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.engine.sample.Observation;
import dev.hyperopt.engine.sample.SamplingContext;
import dev.hyperopt.engine.sample.tpe.Problems;
import dev.hyperopt.engine.space.Assignment;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class AnnealSamplerTest {

    @Test
    void geometricRanksHaveTheConfiguredMean() {
        SplittableRandom rng = new SplittableRandom(3);
        double sum = 0;
        int n = 200_000;
        for (int i = 0; i < n; i++) sum += AnnealSampler.geometric(rng, 0.5);
        assertThat(sum / n).isCloseTo(2.0, within(0.02));
        assertThat(AnnealSampler.geometric(rng, 1.0)).isEqualTo(1);
    }

    @Test
    void uniformDrawsStayInAShrunkWindowShiftedInsideTheRange() {
        Distribution d = Distribution.of(Dist.UNIFORM, 0, 10);
        SplittableRandom rng = new SplittableRandom(4);
        for (int i = 0; i < 2000; i++) {
            // shrink 0.1: width 1; centred at 9.9 it would stick out, so it is shifted to [9, 10]
            assertThat(AnnealSampler.near(d, 9.9, 0.1, rng)).isBetween(9.0, 10.0);
            assertThat(AnnealSampler.near(d, 4.0, 0.1, rng)).isBetween(3.5, 4.5);
        }
        Distribution log = Distribution.of(Dist.LOGUNIFORM, 1e-4, 1);
        for (int i = 0; i < 2000; i++) {
            // in log space: width 0.1 * ln(1e4) around ln(1e-2)
            double x = AnnealSampler.near(log, 1e-2, 0.1, rng);
            assertThat(Math.log(x)).isBetween(Math.log(1e-2) - 0.05 * Math.log(1e4) - 1e-12, Math.log(1e-2) + 0.05 * Math.log(1e4) + 1e-12);
        }
        Distribution q = Distribution.of(Dist.QUNIFORM, 0, 100, 5);
        for (int i = 0; i < 200; i++) assertThat(AnnealSampler.near(q, 50, 0.2, rng) % 5).isEqualTo(0.0);
    }

    @Test
    void aChoiceKeepsTheBestOptionMoreOftenAsObservationsGrow() {
        Choice c = Choice.weighted("c", List.of(0.5, 0.25, 0.25), List.of(new Literal(1L), new Literal(2L), new Literal(3L)));
        SplittableRandom rng = new SplittableRandom(9);
        for (double shrink : new double[] {1.0, 0.5, 0.1}) {
            int kept = 0;
            int n = 100_000;
            for (int i = 0; i < n; i++) if (AnnealSampler.nearOption(c, 2, shrink, rng) == 2) kept++;
            // (1 - shrink) * 1 + shrink * prior(2)
            assertThat(kept / (double) n).isCloseTo(1 - shrink + shrink * 0.25, within(0.005));
        }
    }

    @Test
    void drawsAroundTheBestTrialWhenTheRankIsAlwaysZero() {
        SearchSpace space = Problems.BRANIN.space();
        List<Observation> history = new ArrayList<>();
        SplittableRandom rng = new SplittableRandom(2);
        for (int t = 0; t < 40; t++) {
            double x = -5 + 15 * rng.nextDouble();
            double y = 15 * rng.nextDouble();
            double loss = t == 17 ? -1 : Problems.branin(x, y);
            if (t == 17) {
                x = 2;
                y = 7;
            }
            history.add(Observation.ok(t, new double[] {x, y}, loss));
        }
        AnnealSampler sampler = new AnnealSampler(new AnnealSampler.Options(1.0, 0.1));
        // 40 observations: shrink 1 / (1 + 4) = 0.2, windows of width 3 around (2, 7)
        for (int t = 40; t < 140; t++) {
            Assignment a = sampler.suggest(new SamplingContext(space, history, 5, t));
            assertThat(a.value(0)).isBetween(0.5, 3.5);
            assertThat(a.value(1)).isBetween(5.5, 8.5);
        }
    }
}
