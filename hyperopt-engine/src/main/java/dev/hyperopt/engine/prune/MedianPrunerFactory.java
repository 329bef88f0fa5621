package dev.hyperopt.engine.prune;

/** {@code median}: {@link PercentilePruner} at the 50th percentile. */
public final class MedianPrunerFactory implements PrunerFactory {

    @Override
    public Pruner create(PrunerOptions options) {
        PercentilePruner p = PercentilePruner.median(
                options.integer("n_startup_trials", 5, 0),
                options.integer("n_warmup_steps", 0, 0),
                options.integer("interval_steps", 1, 1),
                options.integer("n_min_trials", 1, 1));
        options.done();
        return p;
    }

    @Override
    public String describe() {
        return "stops a trial whose best value so far is worse than the median of the completed trials' values"
                + " at the same step (Optuna's MedianPruner); n_startup_trials=5, n_warmup_steps=0, interval_steps=1,"
                + " n_min_trials=1";
    }
}
