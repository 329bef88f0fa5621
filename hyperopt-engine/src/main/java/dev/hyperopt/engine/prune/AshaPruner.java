package dev.hyperopt.engine.prune;

/**
 * Asynchronous successive halving (Li et al. 2020), as Optuna's SuccessiveHalvingPruner: rung
 * {@code k} sits at step {@code minResource * reductionFactor^(minEarlyStoppingRate + k)}; a
 * trial that reaches a rung goes on only if its value there is among the best
 * {@code 1 / reductionFactor} of the values every trial of the study had there (while fewer
 * than {@code reductionFactor} have one, only if it is the best). A trial's value at a rung is
 * the one it reported first at or after the rung's step.
 *
 * @param minResource          the first rung's step before the early-stopping rate, or {@link #AUTO}:
 *                             the last step of the first trial to finish ok, divided by 100 (at least 1);
 *                             no pruning until one has
 * @param reductionFactor      eta, at least 2
 * @param minEarlyStoppingRate s: the first rung sits at {@code minResource * reductionFactor^s}
 * @param bootstrapCount       a trial stops at a rung that fewer than this many trials (itself included) reached
 */
public record AshaPruner(long minResource, int reductionFactor, int minEarlyStoppingRate, int bootstrapCount)
        implements Pruner {

    /** {@code minResource} chosen from the first completed trial, as Optuna's {@code "auto"}. */
    public static final long AUTO = 0;

    public AshaPruner {
        if (minResource < 0) throw new IllegalArgumentException("min_resource must be >= 1 or auto, got " + minResource);
        if (reductionFactor < 2) throw new IllegalArgumentException("reduction_factor must be >= 2, got " + reductionFactor);
        if (minEarlyStoppingRate < 0) throw new IllegalArgumentException("min_early_stopping_rate must be >= 0, got " + minEarlyStoppingRate);
        if (bootstrapCount < 0) throw new IllegalArgumentException("bootstrap_count must be >= 0, got " + bootstrapCount);
    }

    @Override
    public boolean prune(PruningContext context) {
        long r = minResource;
        if (r == AUTO) {
            long last = SuccessiveHalving.firstCompletedLastStep(context.study());
            if (last < 0) return false;
            r = Math.max(last / 100, 1);
        }
        return SuccessiveHalving.prune(context, r, reductionFactor, minEarlyStoppingRate, bootstrapCount, n -> true);
    }
}
