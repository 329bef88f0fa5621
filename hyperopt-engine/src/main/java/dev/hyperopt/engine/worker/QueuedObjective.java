package dev.hyperopt.engine.worker;

import dev.hyperopt.engine.api.Objective;
import dev.hyperopt.engine.api.Outcome;
import dev.hyperopt.engine.api.Trial;
import dev.hyperopt.engine.api.TrialContext;
import dev.hyperopt.engine.store.SharedTrialStore;
import dev.hyperopt.engine.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The objective of a run whose trials {@code hyperopt worker} processes evaluate: the run
 * records each trial as queued (see {@link SharedTrialStore#handToWorkers()}), and this objective
 * waits until a worker has finished it, then reports what the worker recorded. The run's own
 * attempt to record the outcome then finds it finished and keeps the worker's record. One
 * thread looks for results of every waiting trial with one query, however many wait.
 */
public final class QueuedObjective implements Objective, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QueuedObjective.class);

    private final SharedTrialStore store;
    private final String study;
    private final long pollMs;
    private final ConcurrentHashMap<Long, CompletableFuture<Trial>> waiting = new ConcurrentHashMap<>();
    private final Thread poller;
    private volatile boolean closed;

    public QueuedObjective(SharedTrialStore store, String study, Duration poll) {
        this.store = Objects.requireNonNull(store, "store");
        this.study = Objects.requireNonNull(study, "study");
        this.pollMs = Math.max(1, poll.toMillis());
        this.poller = new Thread(this::poll, "hyperopt-queue-poller");
        poller.setDaemon(true);
        poller.start();
    }

    @Override
    public Outcome evaluate(TrialContext ctx) throws InterruptedException {
        CompletableFuture<Trial> done = waiting.computeIfAbsent(ctx.trial(), n -> new CompletableFuture<>());
        try {
            while (true) {
                try {
                    return outcome(done.get(pollMs, TimeUnit.MILLISECONDS));
                } catch (TimeoutException e) {
                    ctx.checkCancelled();
                } catch (ExecutionException e) {
                    throw new StoreException("cannot read the result of trial " + ctx.trial() + ": " + e.getCause().getMessage(), e.getCause());
                }
            }
        } finally {
            waiting.remove(ctx.trial());
        }
    }

    private void poll() {
        while (!closed) {
            try {
                if (!waiting.isEmpty()) {
                    List<Long> numbers = List.copyOf(waiting.keySet());
                    for (Trial t : store.finishedTrials(study, Collections.min(numbers), Collections.max(numbers))) {
                        CompletableFuture<Trial> f = waiting.get(t.number());
                        if (f != null) f.complete(t);
                    }
                }
                Thread.sleep(pollMs);
            } catch (InterruptedException e) {
                return;
            } catch (StoreException e) {
                if (closed) return;
                LOG.warn("cannot read results of workers: {}", e.getMessage());
                try {
                    Thread.sleep(Math.max(pollMs, 1000));
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    /** The outcome a finished trial records. */
    public static Outcome outcome(Trial t) {
        return switch (t.state()) {
            case OK -> Outcome.ok(t.loss(), t.attachments());
            case PRUNED -> Outcome.pruned(t.attachments());
            default -> Outcome.fail(t.error(), t.attachments());
        };
    }

    /** Stops looking for results. */
    @Override
    public void close() {
        closed = true;
        poller.interrupt();
    }

    @Override
    public String toString() {
        return "trials evaluated by workers of study " + study;
    }
}
