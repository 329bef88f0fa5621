package dev.hyperopt.engine.sample;

/**
 * One earlier trial as samplers see it: its values (indexed like the space's
 * hyperparameters, NaN where inactive), and its loss when it finished ok.
 */
public record Observation(long trial, double[] values, State state, double loss) {

    public enum State {
        /** Finished with a finite loss. */
        OK,
        /** Failed: no loss. */
        FAILED,
        /** Still being evaluated (parallel runs): no loss yet. */
        RUNNING
    }

    public static Observation ok(long trial, double[] values, double loss) {
        return new Observation(trial, values, State.OK, loss);
    }

    public boolean isOk() {
        return state == State.OK;
    }
}
