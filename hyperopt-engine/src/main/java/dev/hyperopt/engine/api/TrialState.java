package dev.hyperopt.engine.api;

/** Where a trial is in its life: running, then finished exactly once as ok, failed or pruned. */
public enum TrialState {
    /** Its assignment is recorded and it is being evaluated. */
    RUNNING,
    /** Finished with a finite loss. */
    OK,
    /** Finished without a loss; the trial's error says why. */
    FAIL,
    /** Stopped early because its intermediate values were poor: no loss, no error. */
    PRUNED;

    public boolean isFinished() {
        return this != RUNNING;
    }

    /** The lower-case name used in result documents and stores: running, ok, fail, pruned. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The state named by {@link #id()}. */
    public static TrialState byId(String id) {
        for (TrialState s : values()) if (s.id().equals(id)) return s;
        throw new IllegalArgumentException("unknown trial state '" + id + "'");
    }
}
