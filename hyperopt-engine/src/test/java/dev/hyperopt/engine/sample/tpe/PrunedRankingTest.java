package dev.hyperopt.engine.sample.tpe;

import dev.hyperopt.engine.sample.Observation;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PrunedRankingTest {
    private static final double[] V = {0.5};

    @Test
    void prunedTrialsRankBehindOkOnesByHowFarTheyGotThenByTheirLastValue() {
        List<Observation> history = List.of(
                Observation.ok(0, V, 3.0),
                Observation.pruned(1, V, 1, 0.1),
                Observation.pruned(2, V, 9, 5.0),
                Observation.ok(3, V, 1.0),
                new Observation(4, V, Observation.State.RUNNING, Double.NaN),
                Observation.pruned(5, V, 9, 2.0),
                Observation.pruned(6, V, 1, 0.1));
        int m = history.size();
        int[] counted = {0, 1, 2, 3, 4, 5, 6};
        double[] losses = {3.0, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, 1.0, Double.POSITIVE_INFINITY,
                Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        TpeSampler.rankWithPruned(history, counted, losses, m);
        // ok 3 (1.0) < ok 0 (3.0) < step 9 at 2.0 (5) < step 9 at 5.0 (2) < step 1 (1, 6 tied) < running
        assertThat(losses[3]).isLessThan(losses[0]);
        assertThat(losses[0]).isLessThan(losses[5]);
        assertThat(losses[5]).isLessThan(losses[2]);
        assertThat(losses[2]).isLessThan(losses[1]);
        assertThat(losses[1]).isEqualTo(losses[6]);
        assertThat(losses[4]).isInfinite();
    }
}
