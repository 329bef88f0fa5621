package dev.hyperopt.engine.store;

import dev.hyperopt.engine.api.Intermediate;
import dev.hyperopt.engine.api.Outcome;
import dev.hyperopt.engine.api.Trial;
import dev.hyperopt.engine.api.TrialState;
import dev.hyperopt.engine.api.Config;

import java.time.Instant;

/**
 * The rules of a trial's life, in one place for every store: a trial starts running, reports
 * intermediate values in increasing steps while it runs, and is finished exactly once, as ok
 * with a finite loss, as failed with a reason, or as pruned.
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
                    outcome.attachments(), null, current.started(), end, current.intermediate());
        }
        if (outcome.isPruned()) {
            return new Trial(number, TrialState.PRUNED, current.values(), current.labels(), config, Double.NaN,
                    outcome.attachments(), null, current.started(), end, current.intermediate());
        }
        String reason = outcome.ok() ? "loss is " + describe(outcome.loss()) : outcome.error();
        return new Trial(number, TrialState.FAIL, current.values(), current.labels(), config, Double.NaN,
                outcome.attachments(), reason, current.started(), end, current.intermediate());
    }

    /**
     * Checks that {@code current} may report {@code value}: it is running and the step follows its last one.
     *
     * @throws StoreException when there is no such trial or the step does not increase
     * @throws TrialFinishedException when it is already finished
     */
    public static void checkReport(String study, long number, Trial current, Intermediate value) {
        Intermediate last = current == null ? null : current.lastIntermediate();
        checkReport(study, number, current == null ? null : current.state(), last == null ? null : last.step(), value);
    }

    /**
     * The same check for a store that reads only what it needs: the trial's state (null when
     * there is no such trial) and its last reported step (null when none).
     */
    public static void checkReport(String study, long number, TrialState state, Long lastStep, Intermediate value) {
        if (state == null) throw new StoreException("study '" + study + "' has no trial " + number);
        if (state.isFinished()) {
            throw new TrialFinishedException("trial " + number + " of study '" + study + "' is already finished ("
                    + state.id() + "); it takes no more reports");
        }
        if (lastStep != null && value.step() <= lastStep) {
            throw new StoreException("trial " + number + " of study '" + study + "' reported step " + value.step()
                    + " after step " + lastStep + ": steps must increase");
        }
    }

    private static String describe(double loss) {
        if (Double.isNaN(loss)) return "NaN";
        return loss > 0 ? "infinite" : "-infinite";
    }
}
