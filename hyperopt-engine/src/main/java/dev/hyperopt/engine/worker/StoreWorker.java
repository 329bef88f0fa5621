package dev.hyperopt.engine.worker;

import dev.hyperopt.engine.api.Objective;
import dev.hyperopt.engine.api.Intermediate;
import dev.hyperopt.engine.api.Outcome;
import dev.hyperopt.engine.api.TrialPrunedException;
import dev.hyperopt.engine.prune.Pruner;
import dev.hyperopt.engine.prune.PruningContext;
import dev.hyperopt.engine.api.Trial;
import dev.hyperopt.engine.api.TrialContext;
import dev.hyperopt.engine.store.SharedTrialStore;
import dev.hyperopt.engine.store.StoreException;
import dev.hyperopt.engine.store.TrialFinishedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
    /** How long a trial claimed ahead waits for the current one before it is given back. */
    static final Duration HOLD_AHEAD = Duration.ofSeconds(1);
    private static final long MAX_AHEAD_POLL_MS = 40;

    private final SharedTrialStore store;
    private final String study;
    private final Objective objective;
    private final int slots;
    private final Duration trialTimeout;
    private final long pollMs;
    private final BooleanSupplier stop;
    private final Consumer<Trial> finished;
    private final AtomicInteger done = new AtomicInteger();
    private final Pruner pruner;

    /**
     * @param trialTimeout limit of each trial, or null
     * @param finished     told of every trial this worker recorded
     */
    public StoreWorker(SharedTrialStore store, String study, Objective objective, int slots, Duration trialTimeout,
                       Duration poll, BooleanSupplier stop, Consumer<Trial> finished) {
        this(store, study, objective, slots, trialTimeout, poll, stop, finished, Pruner.NONE);
    }

    /**
     * @param pruner judges the values trials report, seeing the whole study as the store holds it
     */
    public StoreWorker(SharedTrialStore store, String study, Objective objective, int slots, Duration trialTimeout,
                       Duration poll, BooleanSupplier stop, Consumer<Trial> finished, Pruner pruner) {
        this.pruner = Objects.requireNonNull(pruner, "pruner");
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

    /**
     * One slot. While it evaluates a trial it claims the next one, and it records a result
     * while it evaluates the next trial, so that the store's round trips are not paid between
     * evaluations. A trial claimed ahead is given back when the one being evaluated turns out
     * to be long, so a slow trial never keeps another waiting.
     */
    private void slot() throws InterruptedException {
        ExecutorService io = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, Thread.currentThread().getName() + "-store");
            t.setDaemon(true);
            return t;
        });
        try {
            Optional<Trial> next = claimOrWait();
            Future<?> recording = null;
            boolean lookAhead = true;
            while (next.isPresent() && !stop.getAsBoolean()) {
                Trial current = next.get();
                CountDownLatch evaluated = new CountDownLatch(1);
                Future<Optional<Trial>> ahead = lookAhead ? io.submit(() -> claimAhead(evaluated)) : null;
                long start = System.nanoTime();
                Outcome o = evaluate(current);
                Instant end = Instant.now();
                evaluated.countDown();
                // Trials that take long gain nothing from a claim ahead, which would only hold one back.
                lookAhead = System.nanoTime() - start < HOLD_AHEAD.toNanos();
                next = ahead == null ? Optional.empty() : get(ahead);
                if (recording != null) get(recording);
                if (stop.getAsBoolean()) return; // let go of both: closing the store ends their leases
                if (next.isPresent()) {
                    recording = io.submit(() -> record(current, o, end)); // before the next claim ahead, on the same thread
                } else {
                    recording = null;
                    record(current, o, end);
                    next = claimOrWait();
                }
            }
            if (recording != null) get(recording);
        } finally {
            io.shutdown();
            if (!io.awaitTermination(1, TimeUnit.MINUTES)) LOG.warn("a result of study '{}' is still being recorded", study);
        }
    }

    /** Claims a trial, waiting while none is queued; empty once the run is over or the worker stops. */
    private Optional<Trial> claimOrWait() throws InterruptedException {
        while (!stop.getAsBoolean()) {
            Optional<Trial> claimed = store.claim(study);
            if (claimed.isEmpty() && OVER.equals(store.settings(study).get(RUN))) {
                // The run may have ended after the claim: one more look settles it.
                claimed = store.claim(study);
                if (claimed.isEmpty()) return claimed;
            }
            if (claimed.isPresent()) return claimed;
            Thread.sleep(pollMs);
        }
        return Optional.empty();
    }

    /**
     * The trial to evaluate after the current one: claimed while it is evaluated, looking
     * again while none is queued; given back, and empty, when the current one takes longer
     * than {@link #HOLD_AHEAD}.
     */
    private Optional<Trial> claimAhead(CountDownLatch evaluated) throws InterruptedException {
        long deadline = System.nanoTime() + HOLD_AHEAD.toNanos();
        long wait = pollMs;
        while (evaluated.getCount() > 0 && !stop.getAsBoolean()) {
            Optional<Trial> claimed = store.claim(study);
            if (claimed.isPresent()) {
                if (evaluated.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) return claimed;
                store.unclaim(study, claimed.get().number());
                return Optional.empty();
            }
            if (System.nanoTime() > deadline) return Optional.empty();
            evaluated.await(wait, TimeUnit.MILLISECONDS);
            // Every slot looks ahead while it evaluates: backing off keeps idle looks from loading the store.
            wait = Math.min(2 * wait, MAX_AHEAD_POLL_MS);
        }
        return Optional.empty();
    }

    private static <T> T get(Future<T> f) throws InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new StoreException("the store failed: " + e.getCause(), e.getCause());
        }
    }

    private Outcome evaluate(Trial t) throws InterruptedException {
        TrialContext ctx = new TrialContext(t.number(), t.config(), t.labels(), trialTimeout, stop, this::report);
        Outcome o;
        if (t.config() == null) {
            o = Outcome.fail("space evaluation failed");
        } else {
            try {
                o = objective.evaluate(ctx);
                if (o == null) o = Outcome.fail("the objective returned no outcome");
            } catch (TrialPrunedException e) {
                o = Outcome.pruned();
            } catch (CancellationException e) {
                o = Outcome.fail(ctx.isPastDeadline() ? "timed out" : "cancelled");
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception | StackOverflowError | AssertionError e) {
                o = Outcome.fail(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("")));
            }
        }
        return o;
    }

    /** Records a report and judges it against the study as the store holds it: other workers' trials included. */
    private boolean report(long number, Intermediate value) {
        store.report(study, number, value);
        return pruner != Pruner.NONE && PruningContext.of(number, store.trials(study)).map(pruner::prune).orElse(false);
    }

    private void record(Trial t, Outcome o, Instant end) {
        try {
            Trial recorded = store.finishTrial(study, t.number(), o, end);
            done.incrementAndGet();
            if (finished != null) finished.accept(recorded);
        } catch (TrialFinishedException e) {
            LOG.info("trial {} of study '{}' was finished elsewhere meanwhile; this result is dropped", t.number(), study);
        }
    }
}
