package dev.hyperopt.engine.api;

/**
 * Thrown by an objective that stops its trial because {@link TrialContext#shouldPrune()} said
 * so: the trial is recorded as pruned, with the values it reported, not as failed.
 */
public final class TrialPrunedException extends RuntimeException {

    public TrialPrunedException(String message) {
        super(message, null, false, false);
    }
}
