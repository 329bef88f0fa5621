package dev.hyperopt.suite.fidelity;

import java.util.List;

/**
 * One search on one problem with one seed, as the bench records it: after each trial that ran
 * every step, the steps used so far and the best final loss so far, kept where the best
 * improved. Steps are counted over every trial, pruned ones included.
 *
 * @param improvements {@code [steps, best]} pairs, steps increasing, best decreasing
 * @param horizon      the steps the search was allowed (the budget, or more to see when a target is reached)
 * @param stepsUsed    the steps the search used (at most the horizon)
 * @param trials       trials started; {@code completed} ran every step, {@code pruned} were stopped early
 */
public record FidelityRun(String problem, String arm, long seed, int budget, int horizon, List<double[]> improvements, int stepsUsed,
                          int trials, int completed, int pruned, double wallSeconds) {

    public FidelityRun {
        improvements = List.copyOf(improvements);
    }

    /** The best final loss of a trial that ran every step within {@code steps}, NaN when none did. */
    public double bestAt(int steps) {
        double best = Double.NaN;
        for (double[] i : improvements) {
            if (i[0] > steps) break;
            best = i[1];
        }
        return best;
    }

    /** The best final loss within the budget. */
    public double finalLoss() {
        return bestAt(budget);
    }

    /** The steps used when the best final loss first reached {@code target} (with a relative 1e-12), or -1 if it never did. */
    public int stepsToReach(double target) {
        double tol = 1e-12 * Math.max(1, Math.abs(target));
        for (double[] i : improvements) if (i[1] <= target + tol) return (int) i[0];
        return -1;
    }
}
