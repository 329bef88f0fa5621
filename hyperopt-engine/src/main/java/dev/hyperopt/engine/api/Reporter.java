package dev.hyperopt.engine.api;

/**
 * Where the values a trial reports go: the engine records each one and answers whether the
 * trial should stop (the pruner's decision). Called from the thread that evaluates the trial.
 */
@FunctionalInterface
public interface Reporter {

    /** Reports that are kept by the trial's context only and never stop it. */
    Reporter NONE = (trial, value) -> false;

    /**
     * Records {@code value} for {@code trial}.
     *
     * @return whether the trial should stop now
     */
    boolean report(long trial, Intermediate value);
}
