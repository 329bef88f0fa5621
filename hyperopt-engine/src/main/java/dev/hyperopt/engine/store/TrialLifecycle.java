package dev.hyperopt.engine.store;

import dev.hyperopt.engine.api.Outcome;
import dev.hyperopt.engine.api.Trial;
import dev.hyperopt.engine.api.TrialState;
import dev.hyperopt.engine.api.Config;

import java.time.Instant;

/**
 * The rules of a trial's life, in one place for every store: a trial starts running and
 * is finished exactly once, as ok with a finite loss or as failed with a reason.
 */
public final class TrialLifecycle {
    private TrialLifecycle() {}

    /** Checks that a trial may be recorded as started. */
    public static Trial checkStart(String study, Trial trial) {
        if (trial.state() != TrialState.RUNNING) {
            throw new StoreException("trial " + trial.number() + " of study '" + study
                    + "' must be recorded as running before it finishes, not " + trial.state().id());
        }
        return trial;
    }

    /**
     * The finished form of {@code current}.
     *
     * @throws StoreException when there is no such trial
     * @throws TrialFinishedException when it is already finished
     */
    public static Trial finish(String study, long number, Trial current, Outcome outcome, Instant finished) {
        if (current == null) throw new StoreException("study '" + study + "' has no trial " + number);
        if (current.isFinished()) {
            throw new TrialFinishedException("trial " + number + " of study '" + study + "' is already finished ("
                    + current.state().id() + "); a finished trial is final");
        }
        Instant end = finished.isBefore(current.started()) ? current.started() : finished;
        Config config = current.config();
        if (outcome.ok() && Double.isFinite(outcome.loss())) {
            return new Trial(number, TrialState.OK, current.values(), current.labels(), config, outcome.loss(),
                    outcome.attachments(), null, current.started(), end);
        }
        String reason = outcome.ok() ? "loss is " + describe(outcome.loss()) : outcome.error();
        return new Trial(number, TrialState.FAIL, current.values(), current.labels(), config, Double.NaN,
                outcome.attachments(), reason, current.started(), end);
    }

    private static String describe(double loss) {
        if (Double.isNaN(loss)) return "NaN";
        return loss > 0 ? "infinite" : "-infinite";
    }
}
