package dev.hyperopt.engine.store;

import dev.hyperopt.engine.api.Intermediate;
import dev.hyperopt.engine.api.Outcome;
import dev.hyperopt.engine.api.Trial;

import java.time.Instant;
import java.util.function.UnaryOperator;

/**
 * The base of every store: it applies {@link TrialLifecycle}'s rules, so a backend only
 * has to insert a running trial and replace a trial atomically.
 */
public abstract class AbstractTrialStore implements TrialStore {

    @Override
    public final Trial startTrial(String study, Trial trial) {
        return insertRunning(study, TrialLifecycle.checkStart(study, trial));
    }

    @Override
    public final Trial finishTrial(String study, long number, Outcome outcome, Instant finished) {
        return replace(study, number, current -> TrialLifecycle.finish(study, number, current, outcome, finished));
    }

    /** Appends through {@link #replace}; a backend may append without rewriting the trial. */
    @Override
    public void report(String study, long number, Intermediate value) {
        replace(study, number, current -> {
            TrialLifecycle.checkReport(study, number, current, value);
            return current.withIntermediate(value);
        });
    }

    /**
     * Stores a new running trial.
     *
     * @throws StoreException when the study does not exist, the number was not reserved, or
     *         a trial with that number is already recorded
     */
    protected abstract Trial insertRunning(String study, Trial trial);

    /**
     * Atomically reads trial {@code number} (null when absent), applies {@code transition}
     * and stores its result; nothing is stored when the transition throws.
     *
     * @throws StoreException when the study does not exist
     */
    protected abstract Trial replace(String study, long number, UnaryOperator<Trial> transition);
}
