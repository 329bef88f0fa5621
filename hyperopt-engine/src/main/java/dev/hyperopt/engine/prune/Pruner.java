package dev.hyperopt.engine.prune;

/**
 * Decides, each time a trial reports an intermediate value, whether the trial should stop.
 * A pruner keeps no state between calls: everything it may look at is in the context, so a
 * resumed run, a worker process and an uninterrupted run decide alike. Pruners are made by
 * a {@link PrunerFactory} bound by name in Guice ({@code --pruner NAME[:KEY=VALUE,...]}).
 */
@FunctionalInterface
public interface Pruner {

    /** The pruner that never stops a trial. */
    Pruner NONE = context -> false;

    /** Whether the trial that just reported should stop. */
    boolean prune(PruningContext context);
}
