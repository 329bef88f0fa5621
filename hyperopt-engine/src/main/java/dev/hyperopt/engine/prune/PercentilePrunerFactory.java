package dev.hyperopt.engine.prune;

/** {@code percentile}: see {@link PercentilePruner}. */
public final class PercentilePrunerFactory implements PrunerFactory {

    @Override
    public Pruner create(PrunerOptions options) {
        double percentile = options.number("percentile", 25.0, 0, 100);
        PercentilePruner p = new PercentilePruner(percentile,
                options.integer("n_startup_trials", 5, 0),
                options.integer("n_warmup_steps", 0, 0),
                options.integer("interval_steps", 1, 1),
                options.integer("n_min_trials", 1, 1));
        options.done();
        return p;
    }

    @Override
    public String describe() {
        return "stops a trial whose best value so far is worse than the given percentile of the completed trials'"
                + " values at the same step (Optuna's PercentilePruner); percentile=25.0, n_startup_trials=5,"
                + " n_warmup_steps=0, interval_steps=1, n_min_trials=1";
    }
}
