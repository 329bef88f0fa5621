package dev.hyperopt.engine.store;

import dev.hyperopt.engine.api.Objective;
import dev.hyperopt.engine.api.Outcome;
import dev.hyperopt.engine.api.Trial;
import dev.hyperopt.engine.api.TrialContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Evaluates the trials of one study that its driver queued in a shared store, several at a
 * time: each slot claims a trial, evaluates it and records the outcome, until the driver
 * marks the run over ({@value #RUN} = {@value #OVER} in the study's settings) and nothing is
 * left to claim, or until it is told to stop. A stopped worker records nothing for the
 * trials it was evaluating: closing its store lets go of them, and another worker (or the
 * driver, on resume) evaluates them again.
 */
public final class StoreWorker {
    private static final Logger LOG = LoggerFactory.getLogger(StoreWorker.class);
    /** The settings key whose value says whether the study's driver is running. */
    public static final String RUN = "run";
    public static final String ACTIVE = "active";
    public static final String OVER = "over";

    private final TrialStore store;
    private final String study;
    private final Objective objective;
    private final int slots;
    private final Duration trialTimeout;
    private final long pollMs;
    private final BooleanSupplier stop;
    private final Consumer<Trial> finished;
    private final AtomicInteger done = new AtomicInteger();

    /**
     * @param trialTimeout limit of each trial, or null
     * @param finished     told of every trial this worker recorded
     */
    public StoreWorker(TrialStore store, String study, Objective objective, int slots, Duration trialTimeout,
                       Duration poll, BooleanSupplier stop, Consumer<Trial> finished) {
        if (slots < 1) throw new IllegalArgumentException("a worker needs at least one slot, got " + slots);
        this.store = Objects.requireNonNull(store, "store");
        this.study = Objects.requireNonNull(study, "study");
        this.objective = Objects.requireNonNull(objective, "objective");
        this.slots = slots;
        this.trialTimeout = trialTimeout;
        this.pollMs = Math.max(1, poll.toMillis());
        this.stop = stop;
        this.finished = finished;
    }

    /** Runs every slot until the run is over or the worker is stopped; returns how many trials it recorded. */
    public int run() throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        List<RuntimeException> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < slots; i++) {
            Thread t = new Thread(() -> {
                try {
                    slot();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }, "hyperopt-worker-" + (i + 1));
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) t.join();
        if (!failures.isEmpty()) throw failures.get(0);
        return done.get();
    }

    private void slot() throws InterruptedException {
        while (!stop.getAsBoolean()) {
            Optional<Trial> claimed = store.claim(study);
            if (claimed.isEmpty() && OVER.equals(store.settings(study).get(RUN))) {
                // The run may have ended after the claim: one more look settles it.
                claimed = store.claim(study);
                if (claimed.isEmpty()) return;
            }
            if (claimed.isPresent()) evaluate(claimed.get());
            else Thread.sleep(pollMs);
        }
    }

    private void evaluate(Trial t) throws InterruptedException {
        TrialContext ctx = new TrialContext(t.number(), t.config(), t.labels(), trialTimeout, stop);
        Outcome o;
        if (t.config() == null) {
            o = Outcome.fail("space evaluation failed");
        } else {
            try {
                o = objective.evaluate(ctx);
                if (o == null) o = Outcome.fail("the objective returned no outcome");
            } catch (CancellationException e) {
                o = Outcome.fail(ctx.isPastDeadline() ? "timed out" : "cancelled");
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception | StackOverflowError | AssertionError e) {
                o = Outcome.fail(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("")));
            }
        }
        if (stop.getAsBoolean()) return; // let go of it: closing the store ends the lease
        try {
            Trial recorded = store.finishTrial(study, t.number(), o, Instant.now());
            done.incrementAndGet();
            if (finished != null) finished.accept(recorded);
        } catch (TrialFinishedException e) {
            LOG.info("trial {} of study '{}' was finished elsewhere meanwhile; this result is dropped", t.number(), study);
        }
    }
}
