package dev.hyperopt.engine.prune;

import dev.hyperopt.engine.api.Intermediate;
import dev.hyperopt.engine.api.Trial;
import dev.hyperopt.engine.api.TrialState;

import java.util.Arrays;
import java.util.List;

/**
 * Optuna's WilcoxonPruner, for objectives whose steps are folds or problem instances rather
 * than a time axis: compares the trial with the best trial that finished ok (lowest loss,
 * then lowest number) on the steps both reported, and stops it when a one-sided Wilcoxon
 * signed-rank test says it is worse with {@code p < pThreshold}. A trial whose mean over
 * those steps is no worse than the best trial's is never stopped, whatever the test says.
 *
 * @param pThreshold    in [0, 1]; lower stops fewer trials
 * @param nStartupSteps no pruning before the trial shares this many steps with the best trial (at least 2 are needed)
 */
public record WilcoxonPruner(double pThreshold, int nStartupSteps) implements Pruner {

    public WilcoxonPruner {
        if (!(pThreshold >= 0 && pThreshold <= 1)) throw new IllegalArgumentException("p_threshold must be in [0, 1], got " + pThreshold);
        if (nStartupSteps < 0) throw new IllegalArgumentException("n_startup_steps must be >= 0, got " + nStartupSteps);
    }

    @Override
    public boolean prune(PruningContext context) {
        Trial best = null;
        for (Trial t : context.study()) {
            if (t.state() != TrialState.OK || t.number() == context.trial()) continue;
            if (best == null || t.loss() < best.loss() || (t.loss() == best.loss() && t.number() < best.number())) best = t;
        }
        if (best == null) return false;

        List<Intermediate> mine = context.curve();
        List<Intermediate> theirs = best.intermediate();
        double[] differences = new double[Math.min(mine.size(), theirs.size())];
        int n = 0;
        double sum = 0;
        for (int i = 0, j = 0; i < mine.size() && j < theirs.size(); ) {
            long a = mine.get(i).step();
            long b = theirs.get(j).step();
            if (a < b) i++;
            else if (a > b) j++;
            else {
                double d = mine.get(i++).value() - theirs.get(j++).value();
                differences[n++] = d;
                sum += d;
            }
        }
        if (n < Math.max(2, nStartupSteps)) return false;
        // Optuna's safety rule: the objective is usually the mean over the steps, and a trial
        // whose mean is no worse than the best's may yet become the best, whatever the ranks say.
        if (sum <= 0) return false;
        return SignedRank.greaterPValue(Arrays.copyOf(differences, n)) < pThreshold;
    }
}
