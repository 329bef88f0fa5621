package dev.hyperopt.engine.sample;

import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.engine.sample.random.RandomSampler;
import dev.hyperopt.engine.space.Assignment;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

import static dev.hyperopt.engine.testing.Ir.dict;
import static dev.hyperopt.engine.testing.Ir.named;
import static dev.hyperopt.engine.testing.Ir.normal;
import static dev.hyperopt.engine.testing.Ir.randint;
import static dev.hyperopt.engine.testing.Ir.uniform;
import static org.assertj.core.api.Assertions.assertThat;

/** Reproducibility rests on one stream per (seed, trial): serial, parallel and resumed runs agree. */
class SeedsTest {

    private static long[] firstDraws(RandomGenerator rng, int n) {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) out[i] = rng.nextLong();
        return out;
    }

    @Test
    void sameSeedAndTrialGiveTheSameStream() {
        for (long seed : new long[] {0, 1, -1, 42, Long.MAX_VALUE}) {
            for (long trial : new long[] {0, 1, 7, 1_000_000}) {
                assertThat(firstDraws(Seeds.stream(seed, trial), 100)).isEqualTo(firstDraws(Seeds.stream(seed, trial), 100));
            }
        }
    }

    @Test
    void nearbySeedsAndTrialsGiveDistinctStreams() {
        Set<Long> first = new HashSet<>();
        for (long seed = 0; seed < 100; seed++) {
            for (long trial = 0; trial < 100; trial++) {
                first.add(Seeds.stream(seed, trial).nextLong());
            }
        }
        assertThat(first).hasSize(100 * 100);
    }

    @Test
    void swappingSeedAndTrialGivesAnotherStream() {
        assertThat(firstDraws(Seeds.stream(3, 5), 10)).isNotEqualTo(firstDraws(Seeds.stream(5, 3), 10));
        assertThat(firstDraws(Seeds.stream(0, 1), 10)).isNotEqualTo(firstDraws(Seeds.stream(1, 0), 10));
    }

    @Test
    void aTrialStreamIsNotAShiftOfTheNext() {
        // Streams of trials t and t + 1 must not overlap, or consecutive trials would be correlated.
        long[] a = firstDraws(Seeds.stream(9, 0), 1000);
        Set<Long> b = new HashSet<>();
        for (long x : firstDraws(Seeds.stream(9, 1), 1000)) b.add(x);
        for (long x : a) assertThat(b).doesNotContain(x);
    }

    @Test
    void samplingContextUsesTheTrialStream() {
        SearchSpace space = SearchSpace.of(dict("x", uniform(0, 1)));
        SamplingContext ctx = new SamplingContext(space, List.of(), 77, 12);
        assertThat(firstDraws(ctx.random(), 20)).isEqualTo(firstDraws(Seeds.stream(77, 12), 20));
        assertThat(firstDraws(ctx.random(), 20)).isEqualTo(firstDraws(ctx.random(), 20));
    }

    @Test
    void randomSamplerRepeatsItselfForTheSameTrialOnly() {
        SearchSpace space = SearchSpace.of(dict(
                "x", uniform(0, 1), "n", randint(0, 1000),
                "opt", named("a", dict("y", normal(0, 1)), "b", dict("z", uniform(-1, 1)))));
        RandomSampler sampler = new RandomSampler();
        Set<Assignment> seen = new HashSet<>();
        for (long trial = 0; trial < 200; trial++) {
            Assignment first = sampler.suggest(new SamplingContext(space, List.of(), 5, trial));
            Assignment again = sampler.suggest(new SamplingContext(space, List.of(), 5, trial));
            assertThat(again).isEqualTo(first);
            assertThat(seen.add(first)).as("trial %d repeats an earlier trial", trial).isTrue();
            Assignment otherSeed = sampler.suggest(new SamplingContext(space, List.of(), 6, trial));
            assertThat(otherSeed).isNotEqualTo(first);
        }
    }
}
