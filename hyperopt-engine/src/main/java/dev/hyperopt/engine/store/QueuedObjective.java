package dev.hyperopt.engine.store;

import dev.hyperopt.engine.api.Objective;
import dev.hyperopt.engine.api.Outcome;
import dev.hyperopt.engine.api.Trial;
import dev.hyperopt.engine.api.TrialContext;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The objective of a run whose trials {@code hyperopt worker} processes evaluate: the run
 * records each trial as queued (see {@link TrialStore#handToWorkers()}), and this objective
 * waits until a worker has finished it, then reports what the worker recorded. The run's own
 * attempt to record the outcome then finds it finished and keeps the worker's record.
 */
public final class QueuedObjective implements Objective {
    private final TrialStore store;
    private final String study;
    private final long pollMs;

    public QueuedObjective(TrialStore store, String study, Duration poll) {
        this.store = Objects.requireNonNull(store, "store");
        this.study = Objects.requireNonNull(study, "study");
        this.pollMs = Math.max(1, poll.toMillis());
    }

    @Override
    public Outcome evaluate(TrialContext ctx) throws InterruptedException {
        while (true) {
            Optional<Trial> t = store.trial(study, ctx.trial());
            if (t.isPresent() && t.get().isFinished()) return outcome(t.get());
            ctx.checkCancelled();
            Thread.sleep(pollMs);
        }
    }

    /** The outcome a finished trial records. */
    public static Outcome outcome(Trial t) {
        return t.isOk() ? Outcome.ok(t.loss(), t.attachments()) : Outcome.fail(t.error(), t.attachments());
    }

    @Override
    public String toString() {
        return "trials evaluated by workers of study " + study;
    }
}
