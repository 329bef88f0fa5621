package dev.hyperopt.engine.run;

/**
 * Asks a run to stop from another thread (a Ctrl-C handler, a UI): the run stops starting
 * trials, cancels those running, records them as failed, and returns its result.
 */
public final class StopSignal {
    private volatile boolean requested;

    public void request() {
        requested = true;
    }

    public boolean isRequested() {
        return requested;
    }
}
