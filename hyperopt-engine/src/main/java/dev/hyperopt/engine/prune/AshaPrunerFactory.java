package dev.hyperopt.engine.prune;

/** {@code asha} (also {@code successive-halving}): see {@link AshaPruner}. */
public final class AshaPrunerFactory implements PrunerFactory {

    @Override
    public Pruner create(PrunerOptions options) {
        AshaPruner p = new AshaPruner(
                integerOrAuto(options, "min_resource", 1),
                options.integer("reduction_factor", 3, 2),
                options.integer("min_early_stopping_rate", 0, 0),
                options.integer("bootstrap_count", 0, 0));
        options.done();
        return p;
    }

    /** An option that is {@code auto} ({@code 0}) or an integer >= 1, {@code fallback} when absent. */
    static long integerOrAuto(PrunerOptions options, String key, int fallback) {
        int v = options.integerOrAuto(key, 0, 1);
        return options.values().containsKey(key) ? v : fallback;
    }

    @Override
    public String describe() {
        return "asynchronous successive halving: at steps min_resource * reduction_factor^(min_early_stopping_rate + k)"
                + " only the best 1/reduction_factor go on (Optuna's SuccessiveHalvingPruner); min_resource=1 (or auto),"
                + " reduction_factor=3, min_early_stopping_rate=0, bootstrap_count=0";
    }
}
