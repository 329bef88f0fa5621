package dev.hyperopt.engine.sample;

/**
 * One earlier trial as samplers see it: its values (indexed like the space's
 * hyperparameters, NaN where inactive), its loss when it finished ok, and for a pruned
 * trial how far it got: the last step it reported and the value there.
 */
public record Observation(long trial, double[] values, State state, double loss, long step, double value) {

    public enum State {
        /** Finished with a finite loss. */
        OK,
        /** Failed: no loss. */
        FAILED,
        /** Still being evaluated (parallel runs): no loss yet. */
        RUNNING,
        /** Stopped early by a pruner: no loss, but its last reported step and value. */
        PRUNED
    }

    /** An observation with no reported values. */
    public Observation(long trial, double[] values, State state, double loss) {
        this(trial, values, state, loss, -1, Double.NaN);
    }

    public static Observation ok(long trial, double[] values, double loss) {
        return new Observation(trial, values, State.OK, loss);
    }

    /** A pruned trial that last reported {@code value} at {@code step}. */
    public static Observation pruned(long trial, double[] values, long step, double value) {
        return new Observation(trial, values, State.PRUNED, Double.NaN, step, value);
    }

    public boolean isOk() {
        return state == State.OK;
    }

    /** Whether the trial was pruned after reporting at least one value. */
    public boolean isPrunedWithValue() {
        return state == State.PRUNED && step >= 0 && Double.isFinite(value);
    }
}
