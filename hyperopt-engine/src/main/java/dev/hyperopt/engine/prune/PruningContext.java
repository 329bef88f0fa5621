package dev.hyperopt.engine.prune;

import dev.hyperopt.engine.api.Intermediate;
import dev.hyperopt.engine.api.Trial;

import java.util.List;
import java.util.Optional;

/**
 * What a pruner may look at: the trial that just reported, with every value it reported so
 * far (the last one just now), and the other trials of the study as they stand, running ones
 * included, each with its own reported values. {@code study} may hold the reporting trial too,
 * with fewer values than {@code curve}: pruners read that trial from {@code curve} and skip its
 * entry. Lists are snapshots; pruners must not keep them.
 */
public record PruningContext(long trial, List<Intermediate> curve, List<Trial> study) {

    public PruningContext {
        if (curve.isEmpty()) throw new IllegalArgumentException("a pruner is asked after a report");
    }

    /**
     * The context of trial {@code trial}'s last report, judged against the study as a store
     * holds it (other processes' trials included); empty when the trial is absent or reported nothing.
     */
    public static Optional<PruningContext> of(long trial, List<Trial> study) {
        for (Trial t : study) {
            if (t.number() == trial) {
                return t.intermediate().isEmpty() ? Optional.empty()
                        : Optional.of(new PruningContext(trial, t.intermediate(), study));
            }
        }
        return Optional.empty();
    }

    /** The step of the report being judged. */
    public long step() {
        return curve.get(curve.size() - 1).step();
    }

    /** The value of the report being judged. */
    public double value() {
        return curve.get(curve.size() - 1).value();
    }

    /** The value a curve reported at exactly {@code step}, or NaN when it reported none there. */
    public static double valueAt(List<Intermediate> curve, long step) {
        int lo = 0;
        int hi = curve.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long s = curve.get(mid).step();
            if (s < step) lo = mid + 1;
            else if (s > step) hi = mid - 1;
            else return curve.get(mid).value();
        }
        return Double.NaN;
    }

    /** The lowest value a curve reported at or before {@code step}, or NaN when none. */
    public static double bestUpTo(List<Intermediate> curve, long step) {
        double best = Double.NaN;
        for (Intermediate v : curve) {
            if (v.step() > step) break;
            if (Double.isNaN(best) || v.value() < best) best = v.value();
        }
        return best;
    }
}
