package dev.hyperopt.engine.prune;

/** {@code hyperband}: see {@link HyperbandPruner}. */
public final class HyperbandPrunerFactory implements PrunerFactory {

    @Override
    public Pruner create(PrunerOptions options) {
        int min = options.integer("min_resource", 1, 1);
        long max = AshaPrunerFactory.integerOrAuto(options, "max_resource", (int) HyperbandPruner.AUTO);
        int eta = options.integer("reduction_factor", 3, 2);
        int bootstrap = options.integer("bootstrap_count", 0, 0);
        options.done();
        if (max != HyperbandPruner.AUTO && max < min) {
            throw new IllegalArgumentException("pruner '" + options.pruner() + "': option max_resource=" + max
                    + " must be >= min_resource (" + min + ")");
        }
        return new HyperbandPruner(min, max, eta, bootstrap);
    }

    @Override
    public String describe() {
        return "Hyperband: successive-halving brackets with early-stopping rates 0, 1, ..., each trial in one bracket"
                + " by its number (Optuna's HyperbandPruner); min_resource=1, max_resource=auto, reduction_factor=3,"
                + " bootstrap_count=0";
    }
}
