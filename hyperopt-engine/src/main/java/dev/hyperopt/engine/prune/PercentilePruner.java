package dev.hyperopt.engine.prune;

import dev.hyperopt.engine.api.Intermediate;
import dev.hyperopt.engine.api.Trial;
import dev.hyperopt.engine.api.TrialState;

import org.apache.commons.math3.util.KthSelector;

import java.util.Arrays;
import java.util.List;

/**
 * Optuna's PercentilePruner (and, at 50, its MedianPruner): stops a trial whose best value so
 * far is worse than the {@code percentile}-th percentile of the values that the study's
 * completed trials reported at the same step.
 *
 * <p>Only trials that finished ok count, as in Optuna, both towards {@code nStartupTrials}
 * and as the reference at a step: a pruned trial was stopped because it looked poor, so
 * its values would make the reference worse than what a trial has to beat to finish.
 *
 * @param percentile     in [0, 100]; a trial is kept while its best value is at most this percentile
 * @param nStartupTrials no pruning until this many trials have finished ok
 * @param nWarmupSteps   no pruning at steps below this
 * @param intervalSteps  judge only at the first report in each interval of this many steps after the warm-up
 * @param nMinTrials     no pruning at a step where fewer completed trials reported a value
 */
public record PercentilePruner(double percentile, int nStartupTrials, int nWarmupSteps, int intervalSteps,
                               int nMinTrials) implements Pruner {

    public PercentilePruner {
        if (!(percentile >= 0 && percentile <= 100)) throw new IllegalArgumentException("percentile must be in [0, 100], got " + percentile);
        if (nStartupTrials < 0) throw new IllegalArgumentException("n_startup_trials must be >= 0, got " + nStartupTrials);
        if (nWarmupSteps < 0) throw new IllegalArgumentException("n_warmup_steps must be >= 0, got " + nWarmupSteps);
        if (intervalSteps < 1) throw new IllegalArgumentException("interval_steps must be >= 1, got " + intervalSteps);
        if (nMinTrials < 1) throw new IllegalArgumentException("n_min_trials must be >= 1, got " + nMinTrials);
    }

    /** Optuna's MedianPruner with these settings. */
    public static PercentilePruner median(int nStartupTrials, int nWarmupSteps, int intervalSteps, int nMinTrials) {
        return new PercentilePruner(50, nStartupTrials, nWarmupSteps, intervalSteps, nMinTrials);
    }

    @Override
    public boolean prune(PruningContext context) {
        long step = context.step();
        if (step < nWarmupSteps) return false;
        List<Intermediate> curve = context.curve();
        long previous = curve.size() > 1 ? curve.get(curve.size() - 2).step() : -1;
        if (!firstInInterval(step, previous)) return false;

        int completed = 0;
        double[] atStep = new double[context.study().size()];
        int n = 0;
        for (Trial t : context.study()) {
            if (t.state() != TrialState.OK || t.number() == context.trial()) continue;
            completed++;
            double v = PruningContext.valueAt(t.intermediate(), step);
            if (!Double.isNaN(v)) atStep[n++] = v;
        }
        if (completed == 0 || completed < nStartupTrials || n < nMinTrials) return false;
        return PruningContext.bestUpTo(curve, step) > percentile(atStep, n, percentile);
    }

    /**
     * Whether {@code step} is the first report at or after the latest judging point
     * (warm-up, warm-up + interval, ...), given the trial's previous reported step.
     */
    private boolean firstInInterval(long step, long previous) {
        long judgingPoint = Math.floorDiv(step - nWarmupSteps, (long) intervalSteps) * intervalSteps + nWarmupSteps;
        return previous < judgingPoint;
    }

    /** NumPy's default ("linear") percentile of the first {@code n} values; reorders them. */
    static double percentile(double[] values, int n, double q) {
        double position = (n - 1) * (q / 100);
        int lo = (int) Math.floor(position);
        int hi = Math.min(lo + 1, n - 1);
        double t = position - lo;
        // Selecting the two order statistics is linear; sorting the study's values is not.
        double[] work = values.length == n ? values : Arrays.copyOf(values, n);
        KthSelector selector = new KthSelector();
        double a = selector.select(work, null, lo);
        double b = hi == lo ? a : selector.select(work, null, hi);
        double diff = b - a;
        // NumPy interpolates from the nearer end, which keeps the result exact at t = 1.
        return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
    }
}
