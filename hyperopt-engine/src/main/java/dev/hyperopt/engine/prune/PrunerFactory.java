package dev.hyperopt.engine.prune;

/**
 * Makes a pruner from the options written after its name ({@code asha:min_resource=2}).
 * Bound by name with {@link dev.hyperopt.engine.inject.EngineModule#pruners}.
 */
public interface PrunerFactory {

    /**
     * A pruner with these options; every option not given takes its documented default.
     *
     * @throws IllegalArgumentException naming the option for an unknown key or a bad value
     */
    Pruner create(PrunerOptions options);

    /** One line for help texts: what the pruner does and its options with their defaults. */
    String describe();
}
