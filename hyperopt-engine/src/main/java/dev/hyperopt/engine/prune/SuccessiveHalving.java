package dev.hyperopt.engine.prune;

import dev.hyperopt.engine.api.Intermediate;
import dev.hyperopt.engine.api.Trial;
import dev.hyperopt.engine.api.TrialState;

import java.util.List;
import java.util.function.LongPredicate;

/**
 * The asynchronous successive-halving decision shared by {@link AshaPruner} and
 * {@link HyperbandPruner}, as Optuna's SuccessiveHalvingPruner makes it, but derived from the
 * trials' curves instead of values Optuna records in the trials at each rung: a trial's value
 * at a rung is its value at its first report at or after the rung's step.
 */
final class SuccessiveHalving {
    private SuccessiveHalving() {}

    /**
     * Whether the reporting trial stops at the rungs its last report reached for the first
     * time. Rungs sit at steps {@code minResource * eta^(minEarlyStoppingRate + k)}; the
     * trial was promoted past the rungs its earlier reports reached (it is still running).
     *
     * @param competes which other trials (by number) compete with it
     */
    static boolean prune(PruningContext context, long minResource, int eta, int minEarlyStoppingRate,
                         int bootstrapCount, LongPredicate competes) {
        List<Intermediate> curve = context.curve();
        long step = context.step();
        long previous = curve.size() > 1 ? curve.get(curve.size() - 2).step() : -1;
        long rung = minResource;
        for (int i = 0; i < minEarlyStoppingRate && rung <= step; i++) rung = times(rung, eta);
        while (rung <= previous) rung = times(rung, eta);

        double value = context.value();
        while (rung <= step) {
            // Competitors: this trial and every other one (whatever its state) that reached the rung.
            int competing = 1;
            int better = 0;
            for (Trial t : context.study()) {
                if (t.number() == context.trial() || !competes.test(t.number())) continue;
                double v = valueAtRung(t.intermediate(), rung);
                if (Double.isNaN(v)) continue;
                competing++;
                if (v < value) better++;
            }
            // Optuna cannot pause a trial until enough others reach the rung, so it stops it.
            if (competing <= bootstrapCount) return true;
            // Kept when among the best competing / eta (lower is better); while fewer than eta
            // competed, only when it is the best so far.
            int promotable = Math.max(competing / eta - 1, 0);
            if (better > promotable) return true;
            if (rung == Long.MAX_VALUE) break;
            rung = times(rung, eta);
        }
        return false;
    }

    /** The value at the first report at or after {@code rung}, or NaN when the curve stops before it. */
    static double valueAtRung(List<Intermediate> curve, long rung) {
        int lo = 0;
        int hi = curve.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (curve.get(mid).step() < rung) lo = mid + 1;
            else hi = mid;
        }
        return lo < curve.size() ? curve.get(lo).value() : Double.NaN;
    }

    /**
     * The last step of the trial that finished ok first (by finish time, then number), or -1
     * when none with reports has: where Optuna's "auto" resources come from, fixed once the
     * first trial completes so that rungs and brackets do not move afterwards.
     */
    static long firstCompletedLastStep(List<Trial> study) {
        Trial first = null;
        for (Trial t : study) {
            if (t.state() != TrialState.OK || t.intermediate().isEmpty()) continue;
            if (first == null || t.finished().isBefore(first.finished())
                    || (t.finished().equals(first.finished()) && t.number() < first.number())) {
                first = t;
            }
        }
        return first == null ? -1 : first.lastIntermediate().step();
    }

    /** {@code a * b} for positive numbers, saturating at {@link Long#MAX_VALUE}. */
    static long times(long a, long b) {
        return a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
    }
}
