package dev.hyperopt.engine.api;

/**
 * The function being minimized. The engine calls {@link #evaluate} once per trial, possibly
 * from several threads at once when trials run in parallel. An exception thrown here fails
 * that trial only, with the exception's message as the reason; it never stops the run.
 */
@FunctionalInterface
public interface Objective {

    /** The loss of one configuration, or a failure with its reason. */
    Outcome evaluate(TrialContext context) throws Exception;
}
