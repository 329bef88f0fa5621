package dev.hyperopt.engine.prune;

/** {@code none}: every trial runs to its end. */
public final class NonePrunerFactory implements PrunerFactory {

    @Override
    public Pruner create(PrunerOptions options) {
        options.done();
        return Pruner.NONE;
    }

    @Override
    public String describe() {
        return "never stops a trial";
    }
}
