package dev.hyperopt.engine.sample.tpe;

import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.engine.sample.Observation;
import dev.hyperopt.engine.sample.SamplingContext;
import dev.hyperopt.engine.space.Assignment;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A learner that always fails (a slow one past its time-out) must not keep being proposed.
 * When failures count as the worst losses it gets few of the later trials; a TPE that
 * leaves them out sees it as unexplored and keeps returning to it.
 */
class FailedTrialsTest {

    static final SearchSpace SPACE = Problems.compile("learners", """
            space = {
              learner: choice {
                fast: { x: uniform(0, 1) },
                slow: { y: uniform(0, 1) },
                other: { z: uniform(0, 1) },
              },
            }
            """);

    /** Runs a search of 60 trials; the learner {@code slow} (option 1) always fails. Returns how many of the last 30 trials it got. */
    private static int slowTrials(TpeOptions options) {
        TpeSampler sampler = new TpeSampler(options);
        List<Observation> history = new ArrayList<>();
        int slow = 0;
        for (int t = 0; t < 60; t++) {
            Assignment a = sampler.suggest(new SamplingContext(SPACE, history, 3, t));
            double[] v = a.values();
            if (v[0] == 1) {
                if (t >= 30) slow++;
                history.add(new Observation(t, v, Observation.State.FAILED, Double.NaN));
            } else {
                double loss = v[0] == 0 ? (v[1] - 0.3) * (v[1] - 0.3) : 0.5 + v[3];
                history.add(Observation.ok(t, v, loss));
            }
        }
        return slow;
    }

    @Test
    void aLearnerThatAlwaysFailsIsProposedLessWhenFailuresCountAsTheWorst() {
        int counted = slowTrials(TpeOptions.DEFAULTS);
        int leftOut = slowTrials(TpeOptions.DEFAULTS.withFailedAsWorst(false));
        System.out.printf("trials of the failing learner among the last 30: %d counted as worst, %d left out%n", counted, leftOut);
        assertThat(counted).isLessThan(leftOut);
        // the prior alone would give it a third of them
        assertThat(counted).isLessThan(10);
    }
}
