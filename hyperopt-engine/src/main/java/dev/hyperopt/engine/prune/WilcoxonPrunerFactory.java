package dev.hyperopt.engine.prune;

/** {@code wilcoxon}: see {@link WilcoxonPruner}. */
public final class WilcoxonPrunerFactory implements PrunerFactory {

    @Override
    public Pruner create(PrunerOptions options) {
        WilcoxonPruner p = new WilcoxonPruner(options.number("p_threshold", 0.1, 0, 1),
                options.integer("n_startup_steps", 2, 0));
        options.done();
        return p;
    }

    @Override
    public String describe() {
        return "for steps that are folds or instances: stops a trial that a one-sided Wilcoxon signed-rank test"
                + " finds worse than the best trial on their common steps (Optuna's WilcoxonPruner); p_threshold=0.1,"
                + " n_startup_steps=2";
    }
}
