package dev.hyperopt.engine.prune;

import dev.hyperopt.engine.api.Trial;
import dev.hyperopt.engine.inject.Engine;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static dev.hyperopt.engine.prune.Studies.START;
import static dev.hyperopt.engine.prune.Studies.at;
import static dev.hyperopt.engine.prune.Studies.curve;
import static dev.hyperopt.engine.prune.Studies.decisions;
import static dev.hyperopt.engine.prune.Studies.failed;
import static dev.hyperopt.engine.prune.Studies.flat;
import static dev.hyperopt.engine.prune.Studies.judge;
import static dev.hyperopt.engine.prune.Studies.ok;
import static dev.hyperopt.engine.prune.Studies.pruned;
import static dev.hyperopt.engine.prune.Studies.running;
import static org.assertj.core.api.Assertions.assertThat;

/** Defaults: rungs at steps 1, 3, 9, 27 (min_resource 1, reduction factor 3). */
class AshaPrunerTest {
    private static final Pruner ASHA = pruner("asha");

    private static Pruner pruner(String spec) {
        return Engine.standard().pruner(spec);
    }

    @Test
    void promotesExactlyTheBestThirdOfTheTrialsAtARung() {
        // 27 trials whose values at the first rung are 0..26 in a scrambled order; each is judged
        // as the last to arrive, so it competes with all 27 values.
        List<Trial> all = new ArrayList<>();
        for (int i = 0; i < 27; i++) all.add(running(i, curve((i * 7) % 27)));
        Set<Double> promoted = new TreeSet<>();
        for (int i = 0; i < 27; i++) {
            List<Trial> others = new ArrayList<>(all);
            others.remove(i);
            if (!ASHA.prune(judge(i, curve((i * 7) % 27), others))) promoted.add((double) ((i * 7) % 27));
        }
        assertThat(promoted).containsExactly(0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0);
    }

    @Test
    void atALaterRungOnlyTheTrialsThatReachedItCompete() {
        // Nine trials reached step 3 with values 1..9; three more stopped at step 1 with better values.
        List<Trial> study = new ArrayList<>();
        for (int i = 0; i < 9; i++) study.add(ok(i, curve(i + 1, i + 1, i + 1)));
        for (int i = 9; i < 12; i++) study.add(pruned(i, curve(0.0)));
        // Ten values at rung 3: the best 10 / 3 = 3 go on, so 2.5 (third best) is kept and 3.5 is not.
        assertThat(ASHA.prune(judge(20, curve(0.5, 2.5, 2.5), study))).isFalse();
        assertThat(ASHA.prune(judge(20, curve(0.5, 3.5, 3.5), study))).isTrue();
    }

    @Test
    void whileFewerThanEtaHaveAValueOnlyTheBestGoesOn() {
        assertThat(ASHA.prune(judge(0, curve(100), List.of()))).isFalse();
        List<Trial> one = List.of(running(0, curve(1.0)));
        assertThat(ASHA.prune(judge(1, curve(2.0), one))).isTrue();
        assertThat(ASHA.prune(judge(1, curve(0.5), one))).isFalse();
        // A tie is not worse.
        assertThat(ASHA.prune(judge(1, curve(1.0), one))).isFalse();
    }

    @Test
    void aTrialIsJudgedOnlyWhenItReachesARung() {
        List<Trial> study = new ArrayList<>();
        for (int i = 0; i < 9; i++) study.add(ok(i, flat(1, 9)));
        assertThat(decisions(ASHA, 20, flat(100, 10), study))
                .containsExactly(true, false, true, false, false, false, false, false, true, false);
    }

    @Test
    void aTrialsValueAtARungIsItsFirstReportAtOrAfterTheRung() {
        // The other trial reported at steps 2 and 5 only: 0.1 counts at rung 1, 9.0 at rung 3.
        List<Trial> study = List.of(ok(0, at(2, 0.1, 5, 9.0)));
        assertThat(ASHA.prune(judge(1, at(1, 1.0), study))).isTrue();
        assertThat(ASHA.prune(judge(1, at(1, 1.0, 3, 1.0), study))).isFalse();
    }

    @Test
    void aReportPastSeveralRungsIsJudgedAtEachOfThem() {
        // Three trials stopped at rung 1 with better values than the newcomer's.
        List<Trial> study = List.of(pruned(0, curve(0.1)), pruned(1, curve(0.1)), pruned(2, curve(0.1)));
        // Its first report, at step 9, is judged at rungs 1, 3 and 9, and it loses at rung 1.
        assertThat(ASHA.prune(judge(5, at(9, 0.5), study))).isTrue();
        // Having passed rung 1 at step 1, at step 9 it is judged at rungs 3 and 9 only, where it is alone.
        assertThat(ASHA.prune(judge(5, at(1, 0.05, 9, 0.5), study))).isFalse();
    }

    @Test
    void theMinimumEarlyStoppingRateMovesTheFirstRung() {
        List<Trial> study = new ArrayList<>();
        for (int i = 0; i < 9; i++) study.add(ok(i, flat(1, 9)));
        assertThat(decisions(pruner("asha:min_early_stopping_rate=1"), 20, flat(100, 9), study))
                .containsExactly(false, false, true, false, false, false, false, false, true);
        assertThat(decisions(pruner("asha:min_resource=2,reduction_factor=2"), 20, flat(100, 8), study))
                .containsExactly(false, true, false, true, false, false, false, true);
    }

    @Test
    void trialsOfEveryStateCompeteAtTheRungsTheyReached() {
        for (Trial other : List.of(ok(0, curve(0.1)), pruned(0, curve(0.1)), failed(0, curve(0.1)), running(0, curve(0.1)))) {
            assertThat(ASHA.prune(judge(1, curve(1.0), List.of(other)))).as(other.toString()).isTrue();
        }
    }

    @Test
    void bootstrapCountStopsTrialsAtARungTooFewHaveReached() {
        Pruner p = pruner("asha:bootstrap_count=3");
        List<Trial> two = List.of(ok(0, curve(5.0)), ok(1, curve(6.0)));
        // The best value, but only three trials (itself included) reached the rung.
        assertThat(p.prune(judge(9, curve(0.0), two))).isTrue();
        List<Trial> three = List.of(ok(0, curve(5.0)), ok(1, curve(6.0)), ok(2, curve(7.0)));
        assertThat(p.prune(judge(9, curve(0.0), three))).isFalse();
        assertThat(p.prune(judge(9, curve(5.5), three))).isTrue();
    }

    @Test
    void autoMinResourceIsAHundredthOfTheFirstCompletedTrialsSteps() {
        Pruner auto = pruner("asha:min_resource=auto");
        List<Trial> runningOnly = new ArrayList<>();
        for (int i = 0; i < 9; i++) runningOnly.add(running(i, flat(1, 20)));
        assertThat(decisions(auto, 20, flat(100, 20), runningOnly)).containsOnly(false);

        // Trial 0 finished first after 500 steps: rungs at 5, 15, 45; trial 1 ran longer but later.
        List<Trial> study = new ArrayList<>(runningOnly.subList(2, 9));
        study.add(ok(0, 1, flat(1, 500), START.plusSeconds(10)));
        study.add(ok(1, 1, flat(1, 1000), START.plusSeconds(20)));
        List<Boolean> d = decisions(auto, 20, flat(100, 20), study);
        assertThat(indicesOf(d)).containsExactly(4, 14);

        // Had trial 1 finished first, rungs would sit at 10, 30.
        study.set(study.size() - 1, ok(1, 1, flat(1, 1000), START.plusSeconds(5)));
        assertThat(indicesOf(decisions(auto, 20, flat(100, 20), study))).containsExactly(9);
    }

    @Test
    void successiveHalvingIsAnotherNameForAsha() {
        assertThat(pruner("successive-halving:reduction_factor=2")).isEqualTo(new AshaPruner(1, 2, 0, 0));
        assertThat(pruner("asha")).isEqualTo(new AshaPruner(1, 3, 0, 0));
        assertThat(pruner("asha:min_resource=auto,bootstrap_count=2")).isEqualTo(new AshaPruner(AshaPruner.AUTO, 3, 0, 2));
    }

    private static List<Integer> indicesOf(List<Boolean> decisions) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < decisions.size(); i++) if (decisions.get(i)) out.add(i);
        return out;
    }
}
