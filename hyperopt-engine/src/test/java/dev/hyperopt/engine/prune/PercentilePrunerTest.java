package dev.hyperopt.engine.prune;

import dev.hyperopt.engine.api.Trial;
import dev.hyperopt.engine.inject.Engine;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.hyperopt.engine.prune.Studies.at;
import static dev.hyperopt.engine.prune.Studies.curve;
import static dev.hyperopt.engine.prune.Studies.decisions;
import static dev.hyperopt.engine.prune.Studies.flat;
import static dev.hyperopt.engine.prune.Studies.judge;
import static dev.hyperopt.engine.prune.Studies.ok;
import static dev.hyperopt.engine.prune.Studies.pruned;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PercentilePrunerTest {
    private static final Pruner MEDIAN = pruner("median");

    private static Pruner pruner(String spec) {
        return Engine.standard().pruner(spec);
    }

    /** Five completed trials that reported 1, 2, 3, 4 and 5 at every step from 1 to 10: the median is 3. */
    private static List<Trial> fiveCompleted() {
        List<Trial> study = new ArrayList<>();
        for (int i = 0; i < 5; i++) study.add(ok(i, flat(i + 1, 10)));
        return study;
    }

    @Test
    void theMedianExampleByHand() {
        List<Trial> study = fiveCompleted();
        // Best so far 3.5 > median 3: stopped.
        assertThat(MEDIAN.prune(judge(9, curve(4.0, 3.5, 3.6), study))).isTrue();
        // Its value now (3.6) is worse than the median, but its best so far (2.9, at step 1) is not.
        assertThat(MEDIAN.prune(judge(9, curve(2.9, 3.5, 3.6), study))).isFalse();
        // Equal to the median is not worse.
        assertThat(MEDIAN.prune(judge(9, curve(3.0), study))).isFalse();
        assertThat(MEDIAN.prune(judge(9, curve(3.0001), study))).isTrue();
    }

    @Test
    void theMedianIsTakenAtTheReportedStepOnly() {
        // Completed trials that improve: 5, 4, 3, ... at steps 1, 2, 3, ... (offset by the trial)
        List<Trial> study = new ArrayList<>();
        for (int i = 0; i < 5; i++) study.add(ok(i, curve(5 + i, 4 + i, 3 + i, 2 + i, 1 + i)));
        // At step 1 the median is 7; at step 4 it is 4.
        assertThat(MEDIAN.prune(judge(9, curve(6.5), study))).isFalse();
        assertThat(MEDIAN.prune(judge(9, curve(6.5, 6.0, 5.5, 4.5), study))).isTrue();
        assertThat(MEDIAN.prune(judge(9, curve(6.5, 6.0, 5.5, 4.0), study))).isFalse();
    }

    @Test
    void aPercentileInterpolatesBetweenValuesAsNumPyDoes() {
        // 25th percentile of 1, 2, 3, 4 is 1.75; of 1..5 it is 2.
        Pruner p = pruner("percentile:n_startup_trials=4");
        List<Trial> four = fiveCompleted().subList(0, 4);
        assertThat(p.prune(judge(9, curve(1.76), four))).isTrue();
        assertThat(p.prune(judge(9, curve(1.75), four))).isFalse();
        Pruner p10 = pruner("percentile:percentile=10,n_startup_trials=4");
        assertThat(PercentilePruner.percentile(new double[] {4, 1, 3, 2}, 4, 10)).isCloseTo(1.3, within(1e-12));
        assertThat(p10.prune(judge(9, curve(1.31), four))).isTrue();
        assertThat(p10.prune(judge(9, curve(1.29), four))).isFalse();
        assertThat(PercentilePruner.percentile(new double[] {3, 1, 2}, 3, 0)).isEqualTo(1);
        assertThat(PercentilePruner.percentile(new double[] {3, 1, 2}, 3, 100)).isEqualTo(3);
        assertThat(PercentilePruner.percentile(new double[] {7}, 1, 25)).isEqualTo(7);
    }

    @Test
    void onlyTrialsThatFinishedOkAreTheReference() {
        List<Trial> study = fiveCompleted();
        // Pruned trials with poor values at the step would raise the median from 3 to 7.5 if they counted.
        for (int i = 5; i < 10; i++) study.add(pruned(i, flat(10, 3)));
        study.add(Studies.failed(10, flat(10, 3)));
        assertThat(MEDIAN.prune(judge(11, curve(3.5), study))).isTrue();
        // Nor do they count towards the start-up trials.
        List<Trial> fewCompleted = new ArrayList<>(study.subList(1, study.size()));
        assertThat(MEDIAN.prune(judge(11, curve(100), fewCompleted))).isFalse();
    }

    @Test
    void noPruningBeforeTheStartupTrialsHaveCompleted() {
        List<Trial> four = fiveCompleted().subList(0, 4);
        assertThat(MEDIAN.prune(judge(9, curve(100), four))).isFalse();
        assertThat(MEDIAN.prune(judge(9, curve(100), fiveCompleted()))).isTrue();
        Pruner eager = pruner("median:n_startup_trials=0");
        // No completed trial at all: nothing to compare with.
        assertThat(eager.prune(judge(9, curve(100), List.of()))).isFalse();
        assertThat(eager.prune(judge(9, curve(100), List.of(ok(0, flat(1, 3)))))).isTrue();
    }

    @Test
    void noPruningDuringTheWarmup() {
        Pruner p = pruner("median:n_warmup_steps=3");
        assertThat(decisions(p, 9, flat(100, 5), fiveCompleted())).containsExactly(false, false, true, true, true);
    }

    @Test
    void judgedOnlyAtTheFirstReportOfEachInterval() {
        // Judging points 0, 3, 6, 9: the first report (step 1) is the first after point 0.
        Pruner p = pruner("median:interval_steps=3");
        assertThat(decisions(p, 9, flat(100, 7), fiveCompleted()))
                .containsExactly(true, false, true, false, false, true, false);
        // A report that skips a judging point is judged in its place: steps 2, 4 (past 3), 5, 7 (past 6).
        assertThat(decisions(p, 9, at(2, 100, 4, 100, 5, 100, 7, 100), fiveCompleted()))
                .containsExactly(true, true, false, true);
        // With a warm-up the points are offset: 2, 5, 8.
        Pruner warm = pruner("median:n_warmup_steps=2,interval_steps=3");
        assertThat(decisions(warm, 9, flat(100, 8), fiveCompleted()))
                .containsExactly(false, true, false, false, true, false, false, true);
    }

    @Test
    void noPruningAtAStepWithTooFewCompletedValues() {
        List<Trial> study = fiveCompleted();
        // Only two completed trials reported at step 12.
        study.add(ok(5, at(1, 1, 12, 1)));
        study.add(ok(6, at(1, 1, 12, 1)));
        Pruner needsThree = pruner("median:n_min_trials=3");
        assertThat(needsThree.prune(judge(9, at(12, 100), study))).isFalse();
        assertThat(MEDIAN.prune(judge(9, at(12, 100), study))).isTrue();
        // No completed trial reported at step 11 at all.
        assertThat(MEDIAN.prune(judge(9, at(11, 100), study))).isFalse();
    }

    @Test
    void theReportingTrialsOwnEntryInTheStudyIsIgnored() {
        // A trial can appear in the study with its state already ok (a late re-ask); it is not its own reference.
        List<Trial> study = fiveCompleted().subList(0, 4);
        List<Trial> withSelf = new ArrayList<>(study);
        withSelf.add(ok(9, flat(100, 3)));
        assertThat(MEDIAN.prune(new PruningContext(9, flat(100, 3), withSelf))).isFalse();
    }
}
