package dev.hyperopt.engine.prune;

/**
 * Hyperband (Li et al., JMLR 2018) over asynchronous successive halving, as Optuna's
 * HyperbandPruner: {@code floor(log_eta(maxResource / minResource)) + 1} brackets, bracket
 * {@code b} being {@link AshaPruner} with early-stopping rate {@code b}. Each trial belongs to
 * one bracket, chosen from its trial number alone (so every process agrees) with odds
 * proportional to the bracket's budget {@code ceil(n * eta^s / (s + 1))}, {@code s = n - 1 - b};
 * it competes only with trials of its bracket.
 *
 * @param minResource     the first rung's step of bracket 0
 * @param maxResource     the most steps a trial runs, or {@link #AUTO}: the last step of the first trial
 *                        to finish ok; no pruning until one has
 * @param reductionFactor eta, at least 2
 * @param bootstrapCount  as {@link AshaPruner#bootstrapCount()}
 */
public record HyperbandPruner(long minResource, long maxResource, int reductionFactor, int bootstrapCount)
        implements Pruner {

    /** {@code maxResource} taken from the first completed trial, as Optuna's {@code "auto"}. */
    public static final long AUTO = 0;

    public HyperbandPruner {
        if (minResource < 1) throw new IllegalArgumentException("min_resource must be >= 1, got " + minResource);
        if (maxResource < 0) throw new IllegalArgumentException("max_resource must be >= 1 or auto, got " + maxResource);
        if (maxResource != AUTO && maxResource < minResource) {
            throw new IllegalArgumentException("max_resource (" + maxResource + ") must be >= min_resource (" + minResource + ")");
        }
        if (reductionFactor < 2) throw new IllegalArgumentException("reduction_factor must be >= 2, got " + reductionFactor);
        if (bootstrapCount < 0) throw new IllegalArgumentException("bootstrap_count must be >= 0, got " + bootstrapCount);
    }

    @Override
    public boolean prune(PruningContext context) {
        long max = maxResource == AUTO ? SuccessiveHalving.firstCompletedLastStep(context.study()) : maxResource;
        long[] budgets = budgets(brackets(minResource, max, reductionFactor), reductionFactor);
        if (budgets.length == 0) return false;
        int bracket = bracket(context.trial(), budgets);
        return SuccessiveHalving.prune(context, minResource, reductionFactor, bracket, bootstrapCount,
                other -> bracket(other, budgets) == bracket);
    }

    /** The number of brackets, {@code floor(log_eta(max / min)) + 1}, counted exactly; 0 when max < min. */
    static int brackets(long minResource, long maxResource, int eta) {
        int n = 0;
        for (long r = minResource; r <= maxResource; r = SuccessiveHalving.times(r, eta)) {
            n++;
            if (r == Long.MAX_VALUE) break;
        }
        return n;
    }

    /** Each bracket's budget, Optuna's {@code ceil(n * eta^s / (s + 1))} with {@code s = n - 1 - b}. */
    static long[] budgets(int brackets, int eta) {
        long[] budgets = new long[brackets];
        for (int b = 0; b < brackets; b++) {
            int s = brackets - 1 - b;
            budgets[b] = (long) Math.ceil(brackets * Math.pow(eta, s) / (s + 1));
        }
        return budgets;
    }

    /** The bracket of trial {@code number}: a hash of the number, spread over the brackets by budget. */
    static int bracket(long number, long[] budgets) {
        long total = 0;
        for (long b : budgets) total = total > Long.MAX_VALUE - b ? Long.MAX_VALUE : total + b;
        long n = Long.remainderUnsigned(scatter(number), total);
        for (int b = 0; b < budgets.length; b++) {
            n -= budgets[b];
            if (n < 0) return b;
        }
        return budgets.length - 1;
    }

    /** SplitMix64's finalizer: consecutive trial numbers land in unrelated brackets. */
    private static long scatter(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
