package dev.hyperopt.engine.prune;

import dev.hyperopt.engine.api.Trial;
import dev.hyperopt.engine.inject.Engine;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.hyperopt.engine.prune.Studies.START;
import static dev.hyperopt.engine.prune.Studies.curve;
import static dev.hyperopt.engine.prune.Studies.decisions;
import static dev.hyperopt.engine.prune.Studies.flat;
import static dev.hyperopt.engine.prune.Studies.judge;
import static dev.hyperopt.engine.prune.Studies.ok;
import static dev.hyperopt.engine.prune.Studies.running;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class HyperbandPrunerTest {
    /** min_resource 1, max_resource 27, reduction factor 3: four brackets, budgets 27, 12, 6, 4. */
    private static final long[] BUDGETS = {27, 12, 6, 4};
    private static final Pruner HYPERBAND = pruner("hyperband:max_resource=27");

    private static Pruner pruner(String spec) {
        return Engine.standard().pruner(spec);
    }

    /** The first {@code count} trial numbers from {@code from} in bracket {@code bracket} of the 27-step setting. */
    private static List<Long> numbersIn(int bracket, long from, int count) {
        List<Long> out = new ArrayList<>();
        for (long n = from; out.size() < count; n++) if (HyperbandPruner.bracket(n, BUDGETS) == bracket) out.add(n);
        return out;
    }

    @Test
    void bracketsAndTheirBudgetsAreOptunas() {
        assertThat(HyperbandPruner.brackets(1, 27, 3)).isEqualTo(4);
        assertThat(HyperbandPruner.brackets(1, 26, 3)).isEqualTo(3);
        assertThat(HyperbandPruner.brackets(1, 81, 3)).isEqualTo(5);
        assertThat(HyperbandPruner.brackets(2, 16, 2)).isEqualTo(4);
        assertThat(HyperbandPruner.brackets(4, 4, 2)).isEqualTo(1);
        assertThat(HyperbandPruner.brackets(2, 1, 3)).isZero();
        assertThat(HyperbandPruner.budgets(4, 3)).containsExactly(BUDGETS);
        assertThat(HyperbandPruner.budgets(5, 3)).containsExactly(81, 34, 15, 8, 5);
        assertThat(HyperbandPruner.budgets(3, 2)).containsExactly(4, 3, 3);
    }

    @Test
    void bracketsAreAssignedByTrialNumberInProportionToTheirBudgets() {
        int n = 98_000;
        int[] counts = new int[BUDGETS.length];
        for (long t = 0; t < n; t++) {
            int b = HyperbandPruner.bracket(t, BUDGETS);
            assertThat(HyperbandPruner.bracket(t, BUDGETS)).isEqualTo(b);
            counts[b]++;
        }
        for (int b = 0; b < BUDGETS.length; b++) {
            assertThat(counts[b] / (double) n).as("bracket " + b).isCloseTo(BUDGETS[b] / 49.0, within(0.005));
        }
        // Neighbouring numbers are not in lockstep: runs of one bracket are short.
        int longestRun = 0;
        for (long t = 1, run = 1; t < n; t++) {
            run = HyperbandPruner.bracket(t, BUDGETS) == HyperbandPruner.bracket(t - 1, BUDGETS) ? run + 1 : 1;
            longestRun = (int) Math.max(longestRun, run);
        }
        assertThat(longestRun).isLessThan(40);
    }

    @Test
    void aTrialCompetesOnlyWithTrialsOfItsBracket() {
        long me = numbersIn(0, 0, 1).get(0);
        List<Trial> study = new ArrayList<>();
        for (long other : numbersIn(1, 0, 5)) study.add(ok(other, flat(1, 27)));
        // Much better trials, but in bracket 1: alone in bracket 0 at rung 1, it goes on.
        assertThat(HYPERBAND.prune(judge(me, curve(5.0), study))).isFalse();
        study.add(running(numbersIn(0, me + 1, 1).get(0), curve(1.0)));
        assertThat(HYPERBAND.prune(judge(me, curve(5.0), study))).isTrue();
    }

    @Test
    void bracketSFirstJudgesAtMinResourceTimesEtaToTheS() {
        List<Trial> study = new ArrayList<>();
        for (int b = 0; b < 4; b++) for (long other : numbersIn(b, 1000, 5)) study.add(ok(other, flat(1, 27)));
        for (int b = 0; b < 4; b++) {
            long me = numbersIn(b, 0, 1).get(0);
            List<Integer> judgedAt = new ArrayList<>();
            List<Boolean> d = decisions(HYPERBAND, me, flat(100, 27), study);
            for (int i = 0; i < d.size(); i++) if (d.get(i)) judgedAt.add(i + 1);
            assertThat(judgedAt).as("bracket " + b).containsExactlyElementsOf(
                    List.of(1, 3, 9, 27).subList(b, 4));
        }
    }

    @Test
    void autoMaxResourceIsTheLastStepOfTheFirstCompletedTrial() {
        Pruner auto = pruner("hyperband");
        Pruner max81 = pruner("hyperband:max_resource=81");
        List<Trial> runningOnly = new ArrayList<>();
        for (long t = 1000; t < 1100; t++) runningOnly.add(running(t, flat(1, 27)));
        assertThat(decisions(auto, 0, flat(100, 27), runningOnly)).containsOnly(false);

        // The first to finish ran 27 steps; one that ran 81 finished later and changes nothing.
        List<Trial> study = new ArrayList<>(runningOnly);
        study.add(ok(2000, 1, flat(1, 27), START.plusSeconds(3000)));
        study.add(ok(2001, 1, flat(1, 81), START.plusSeconds(4000)));
        int differsFrom81 = 0;
        for (long me = 0; me < 200; me++) {
            boolean a = auto.prune(judge(me, curve(5.0), study));
            assertThat(a).as("trial " + me).isEqualTo(HYPERBAND.prune(judge(me, curve(5.0), study)));
            if (a != max81.prune(judge(me, curve(5.0), study))) differsFrom81++;
        }
        assertThat(differsFrom81).isPositive();
    }
}
