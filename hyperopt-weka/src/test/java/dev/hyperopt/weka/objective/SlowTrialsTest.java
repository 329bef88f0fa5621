package dev.hyperopt.weka.objective;

import dev.hyperopt.engine.api.Intermediate;
import dev.hyperopt.engine.api.Reporter;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The rule on a fake clock: only a trial that is both slow and poor stops, and only after enough trials finished. */
class SlowTrialsTest {
    private static final long SECOND = 1_000_000_000L;
    private final AtomicLong clock = new AtomicLong();
    private final SlowTrials rule = new SlowTrials(4, 5, clock::get);

    /** Runs a whole trial of 5 folds, each taking {@code foldSeconds}, with these losses; true when it was stopped. */
    private boolean trial(long number, double foldSeconds, double... losses) {
        Reporter r = rule.start(number);
        for (int fold = 1; fold <= losses.length; fold++) {
            clock.addAndGet((long) (foldSeconds * SECOND));
            if (r.report(number, new Intermediate(fold, losses[fold - 1]))) {
                rule.finish(number, false, Double.NaN);
                return true;
            }
        }
        rule.finish(number, true, foldSeconds * losses.length);
        return false;
    }

    private void fiveFinishedTrials() {
        for (int i = 0; i < SlowTrials.STARTUP; i++) assertThat(trial(i, 1, 0.20 + i * 0.02, 0.2, 0.2, 0.2, 0.2)).isFalse();
    }

    @Test
    void aSlowPoorTrialStopsAfterItsFirstFoldWithTheReason() {
        fiveFinishedTrials();
        assertThat(trial(10, 30, 0.40, 0.40, 0.40, 0.40, 0.40)).isTrue();
        assertThat(rule.stoppedBecause(10)).startsWith("slow and poor after fold 1: projected 150.0 s against a median trial of 5.0 s");
        assertThat(rule.stoppedBecause(10)).as("told once").isNull();
    }

    @Test
    void aSlowTrialAmongTheBestQuarterFinishes() {
        fiveFinishedTrials();
        assertThat(trial(10, 30, 0.10, 0.10, 0.10, 0.10, 0.10)).isFalse();
        assertThat(rule.stoppedBecause(10)).isNull();
    }

    @Test
    void aPoorTrialThatIsNotSlowFinishes() {
        fiveFinishedTrials();
        assertThat(trial(10, 3, 0.40, 0.40, 0.40, 0.40, 0.40)).as("15 s, under 4 median trials of 5 s").isFalse();
    }

    @Test
    void aTrialOfAFewSecondsIsNeverStopped() {
        for (int i = 0; i < SlowTrials.STARTUP; i++) assertThat(trial(i, 0.01, 0.2, 0.2, 0.2, 0.2, 0.2)).isFalse();
        assertThat(trial(10, 0.9, 0.40, 0.40, 0.40, 0.40, 0.40)).as("4.5 s: 90 median trials, but under the floor").isFalse();
    }

    @Test
    void nothingStopsBeforeEnoughTrialsFinished() {
        for (int i = 0; i < SlowTrials.STARTUP - 1; i++) assertThat(trial(i, 1, 0.2, 0.2, 0.2, 0.2, 0.2)).isFalse();
        assertThat(trial(10, 30, 0.40, 0.40, 0.40, 0.40, 0.40)).isFalse();
    }

    @Test
    void aTrialIsJudgedOnItsMeanSoFar() {
        fiveFinishedTrials();
        assertThat(trial(10, 30, 0.19, 0.40, 0.40, 0.40, 0.40)).as("fold 1 good, mean after fold 2 poor").isTrue();
        assertThat(rule.stoppedBecause(10)).startsWith("slow and poor after fold 2");
    }
}
