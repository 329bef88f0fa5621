package dev.hyperopt.weka.objective;

import dev.hyperopt.engine.api.Intermediate;
import dev.hyperopt.engine.api.Reporter;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Stops a cross-validated trial after a fold when it is both slow and poor: its folds so far
 * project a whole trial of more than {@code factor} times the median trial that finished (and
 * more than {@value #MIN_SECONDS} seconds), and their mean loss is worse than the best
 * quarter of the finished trials' at the same fold.
 * A handful of learners (KStar, LMT, bagged or stacked ensembles on thousands of rows) can
 * cost more than all the other trials of a search together; most of them are also poor, and
 * a pruner that sees only losses cannot tell the cheap poor trials, which are worth finishing
 * as ensemble members, from the costly ones. Cheap trials and promising costly ones always
 * finish. Decides from the trials of this process only.
 */
public final class SlowTrials {
    /** No judgement until this many trials have finished. */
    static final int STARTUP = 5;
    /** The finished trials' percentile a slow trial's mean fold loss has to reach to go on. */
    static final double PERCENTILE = 25;
    /** A trial projected to take less than this is never stopped: it costs little, and it may join the ensemble. */
    static final double MIN_SECONDS = 5;

    private final double factor;
    private final int folds;
    private final LongSupplier nanoTime;
    private final Map<Long, Running> running = new HashMap<>();
    private final List<double[]> finishedMeans = new ArrayList<>();
    private final List<Double> finishedSeconds = new ArrayList<>();
    private final Map<Long, String> stopped = new HashMap<>();

    /**
     * @param factor   how many median trials a trial may be projected to take before its losses are looked at
     * @param folds    the folds of a trial
     * @param nanoTime the clock ({@link System#nanoTime} outside tests)
     */
    public SlowTrials(double factor, int folds, LongSupplier nanoTime) {
        if (!(factor > 0)) throw new IllegalArgumentException("factor must be > 0, got " + factor);
        this.factor = factor;
        this.folds = folds;
        this.nanoTime = nanoTime;
    }

    /** The trial starts now; its reports go through the returned rule. */
    public synchronized Reporter start(long trial) {
        running.put(trial, new Running(nanoTime.getAsLong(), new ArrayList<>()));
        return this::afterFold;
    }

    /** The trial ended: when it finished ok, its fold losses and its seconds become a reference for later ones. */
    public synchronized void finish(long trial, boolean ok, double seconds) {
        Running r = running.remove(trial);
        if (!ok || r == null || r.losses.size() < folds || !Double.isFinite(seconds)) return;
        finishedMeans.add(runningMeans(r.losses));
        finishedSeconds.add(seconds);
    }

    /** Why this rule stopped the trial, or null when it did not. */
    public synchronized String stoppedBecause(long trial) {
        return stopped.remove(trial);
    }

    private synchronized boolean afterFold(long trial, Intermediate value) {
        Running r = running.get(trial);
        if (r == null) return false;
        r.losses.add(value.value());
        int fold = r.losses.size();
        if (finishedSeconds.size() < STARTUP || fold >= folds) return false;
        double elapsed = (nanoTime.getAsLong() - r.startNanos) / 1e9;
        double projected = elapsed * folds / fold;
        double median = new Percentile().evaluate(finishedSeconds.stream().mapToDouble(Double::doubleValue).toArray(), 50);
        if (projected <= Math.max(factor * median, MIN_SECONDS)) return false;
        double[] atFold = finishedMeans.stream().mapToDouble(m -> m[fold - 1]).toArray();
        double reference = new Percentile().evaluate(atFold, PERCENTILE);
        double mine = runningMeans(r.losses)[fold - 1];
        if (mine <= reference) return false;
        stopped.put(trial, String.format(Locale.ROOT, "slow and poor after fold %d: projected %.1f s against a median trial of %.1f s, "
                + "loss %.4f against %.4f for the best quarter", fold, projected, median, mine, reference));
        return true;
    }

    /** A trial being evaluated: when it started, and its fold losses so far. */
    private record Running(long startNanos, List<Double> losses) {}

    private static double[] runningMeans(List<Double> losses) {
        double[] m = new double[losses.size()];
        double sum = 0;
        for (int i = 0; i < m.length; i++) {
            sum += losses.get(i);
            m[i] = sum / (i + 1);
        }
        return m;
    }
}
