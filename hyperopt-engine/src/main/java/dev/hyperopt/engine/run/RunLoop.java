package dev.hyperopt.engine.run;

import dev.hyperopt.engine.api.Config;
import dev.hyperopt.engine.api.Durations;
import dev.hyperopt.engine.api.Intermediate;
import dev.hyperopt.engine.api.Outcome;
import dev.hyperopt.engine.api.Trial;
import dev.hyperopt.engine.api.TrialContext;
import dev.hyperopt.engine.api.TrialPrunedException;
import dev.hyperopt.engine.inject.Engine;
import dev.hyperopt.engine.prune.Pruner;
import dev.hyperopt.engine.sample.Observation;
import dev.hyperopt.engine.sample.Sampler;
import dev.hyperopt.engine.sample.SamplingContext;
import dev.hyperopt.engine.space.Assignment;
import dev.hyperopt.engine.space.EvaluationException;
import dev.hyperopt.engine.space.SpaceEvaluator;
import dev.hyperopt.engine.store.MemoryTrialStore;
import dev.hyperopt.engine.store.SharedTrialStore;
import dev.hyperopt.engine.store.TrialFinishedException;
import dev.hyperopt.engine.store.StudyInfo;
import dev.hyperopt.engine.store.TrialStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The ask-evaluate-tell loop. One thread (the caller's) does all the asking and telling:
 * it reserves a trial number, asks the sampler for an assignment given the history
 * (running trials included), evaluates the space, records the trial as running, hands it
 * to a worker thread, and records each outcome as it arrives; so the store and the
 * samplers never see concurrent calls from one run. With one trial at a time and the same
 * seed, the sequence of trials is the same on every run, because each trial draws from its
 * own stream {@code Seeds.stream(seed, trial)}.
 */
final class RunLoop {
    private static final Logger LOG = LoggerFactory.getLogger(RunLoop.class);
    /** How long past its deadline a trial gets to report its own time-out before the loop records one. */
    private static final Duration GRACE = Duration.ofMillis(200);
    private static final long POLL_MS = 50;
    private static final String INTERRUPTED = "cancelled: the run was interrupted";

    private final Minimize m;
    private final TreeMap<Long, Trial> trials = new TreeMap<>();
    /** The trials as pruners see them: read and extended by the threads that report. */
    private final StudyCurves curves = new StudyCurves();
    private Pruner pruner;
    /** What samplers see, kept in step with {@code trials} so a suggestion costs no copy of the history. */
    private final List<Observation> history = new ArrayList<>();
    private final Map<Long, Integer> historyIndex = new HashMap<>();
    private int finished;
    private final Map<Long, InFlight> inFlight = new LinkedHashMap<>();
    private final LinkedBlockingQueue<Completion> completions = new LinkedBlockingQueue<>();
    private final java.util.ArrayDeque<Trial> resumed = new java.util.ArrayDeque<>();
    private StudyInfo study;
    private long seed;
    private TrialStore store;
    private Trial best;
    private int sinceImprovement;
    private StopReason reason;
    private long startNanos;

    private record InFlight(Trial trial, Future<?> future, Instant deadline) {}

    private record Completion(long number, Outcome outcome, Instant finished) {}

    RunLoop(Minimize m) {
        this.m = m;
    }

    Result run() {
        startNanos = System.nanoTime();
        Engine engine = m.engine != null ? m.engine : Engine.standard();
        Sampler sampler = m.sampler != null ? m.sampler : engine.sampler(m.algorithm);
        pruner = m.pruner != null ? m.pruner : engine.pruner(m.prunerSpec);
        List<Assignment> points = points();
        List<Assignment> queued = assignments(m.queued, "configuration %d to enqueue");
        boolean ownStore = m.store == null;
        store = ownStore ? new MemoryTrialStore() : m.store;
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "hyperopt-trial-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            study = store.openStudy(m.study, m.space, m.algorithm, m.seed);
            seed = study.seed();
            for (Trial t : store.trials(study.name())) {
                put(t);
                if (t.isFinished()) noteFinished(t);
            }
            // Trials left running by a run that died are evaluated again, under their numbers, before new ones.
            if (store instanceof SharedTrialStore shared) {
                for (Trial t : shared.takeOver(study.name())) {
                    put(t);
                    resumed.add(t);
                }
            }
            if (!resumed.isEmpty()) LOG.info("study {}: {} trials left running are evaluated again", study.name(), resumed.size());
            Queue.enqueueNew(store, study.name(), m.space, queued);
            int kept = countFinished();
            LOG.debug("study {}: {} finished trials kept from earlier runs", study.name(), kept);
            for (RunListener l : m.listeners) safely(() -> l.started(study, m.maxEvals, kept));
            Instant runDeadline = m.timeout == null ? null : Instant.now().plus(m.timeout);
            while (true) {
                StopReason hard = hardStop(runDeadline);
                if (hard != null) {
                    drain();
                    reason = hard;
                    cancelAll(hard);
                    break;
                }
                if (reason == null && resumed.isEmpty() && trials.size() >= m.maxEvals) reason = StopReason.MAX_EVALS;
                if ((reason == null || !resumed.isEmpty()) && inFlight.size() < m.parallelism) {
                    launch(sampler, points, pool);
                    continue;
                }
                if (inFlight.isEmpty()) break;
                await(runDeadline);
            }
            Result result = new Result(study, m.algorithm, seed, store.trials(study.name()), reason,
                    Duration.ofNanos(System.nanoTime() - startNanos));
            for (RunListener l : m.listeners) safely(() -> l.finished(result));
            return result;
        } finally {
            pool.shutdownNow();
            if (ownStore) store.close();
        }
    }

    private List<Assignment> points() {
        return assignments(m.points, "point %d to evaluate");
    }

    private List<Assignment> assignments(List<Map<String, Object>> labels, String what) {
        List<Assignment> out = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            try {
                out.add(Assignment.fromLabels(m.space, labels.get(i)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(what.formatted(i + 1) + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    private StopReason hardStop(Instant runDeadline) {
        if (m.stop.isRequested() || Thread.currentThread().isInterrupted()) return StopReason.INTERRUPTED;
        if (runDeadline != null && !Instant.now().isBefore(runDeadline)) return StopReason.TIMEOUT;
        return null;
    }

    private void launch(Sampler sampler, List<Assignment> points, ExecutorService pool) {
        Trial again = resumed.poll();
        if (again != null) {
            for (RunListener l : m.listeners) safely(() -> l.trialStarted(again));
            if (again.config() == null) {
                finish(again.number(), Outcome.fail("space evaluation failed"), Instant.now());
            } else {
                submit(again, pool);
            }
            return;
        }
        long n = store.reserveTrial(study.name());
        if (n >= m.maxEvals) {
            // Other runs on this study have filled it meanwhile.
            store.releaseTrial(study.name(), n);
            reason = StopReason.MAX_EVALS;
            return;
        }
        Assignment a = n < points.size() ? points.get((int) n) : Queue.take(store, study.name(), m.space).orElse(null);
        if (a == null) a = sampler.suggest(new SamplingContext(m.space, Collections.unmodifiableList(history), seed, n));
        Map<String, Object> labels = a.labels();
        Config config = null;
        String evalError = null;
        try {
            config = Config.of(SpaceEvaluator.evaluate(a));
        } catch (EvaluationException e) {
            evalError = "space evaluation failed: " + e.getMessage();
        }
        Trial running = store.startTrial(study.name(), Trial.running(n, a.values(), labels, config, Instant.now()));
        put(running);
        for (RunListener l : m.listeners) safely(() -> l.trialStarted(running));
        if (evalError != null) {
            finish(n, Outcome.fail(evalError), Instant.now());
            return;
        }
        submit(running, pool);
    }

    private void submit(Trial running, ExecutorService pool) {
        long n = running.number();
        TrialContext ctx = new TrialContext(n, running.config(), running.labels(), m.trialTimeout, m.stop::isRequested,
                this::report);
        Future<?> f = pool.submit(() -> completions.add(new Completion(n, evaluate(ctx), Instant.now())));
        Instant deadline = ctx.deadline().map(d -> d.plus(GRACE)).orElse(null);
        inFlight.put(n, new InFlight(running, f, deadline));
    }

    private Outcome evaluate(TrialContext ctx) {
        try {
            Outcome o = m.objective.evaluate(ctx);
            return o == null ? Outcome.fail("the objective returned no outcome") : o;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.fail("interrupted");
        } catch (TrialPrunedException e) {
            return Outcome.pruned();
        } catch (CancellationException e) {
            return Outcome.fail(ctx.isPastDeadline() ? timedOut() : "cancelled: the run is stopping");
        } catch (Exception | StackOverflowError | AssertionError e) {
            return Outcome.fail(describe(e));
        }
    }

    /** Records a value a trial reported (from the thread evaluating it) and asks the pruner about it. */
    private boolean report(long n, Intermediate value) {
        store.report(study.name(), n, value);
        Trial t = curves.report(n, value);
        return t != null && pruner != Pruner.NONE && pruner.prune(curves.context(t));
    }

    private String timedOut() {
        return "timed out after " + Durations.format(m.trialTimeout);
    }

    static String describe(Throwable e) {
        String msg = e.getMessage();
        String name = e.getClass().getSimpleName();
        if (msg == null || msg.isBlank()) return name;
        return name + ": " + msg.lines().findFirst().orElse(msg);
    }

    /** Records a trial's latest state; trials arrive in number order, so the history stays sorted. */
    private void put(Trial t) {
        trials.put(t.number(), t);
        curves.put(t);
        Observation o = Observations.of(t);
        Integer at = historyIndex.get(t.number());
        if (at != null) {
            history.set(at, o);
        } else {
            historyIndex.put(t.number(), history.size());
            history.add(o);
        }
    }

    /** Waits for a trial to finish, the next deadline, or a short while; records what happened. */
    private void await(Instant runDeadline) {
        long waitMs = POLL_MS;
        Instant now = Instant.now();
        for (InFlight f : inFlight.values()) waitMs = Math.min(waitMs, untilMs(now, f.deadline));
        waitMs = Math.min(waitMs, untilMs(now, runDeadline));
        try {
            Completion c = completions.poll(Math.max(waitMs, 1), TimeUnit.MILLISECONDS);
            if (c != null) record(c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        drain();
        Instant t = Instant.now();
        for (InFlight f : List.copyOf(inFlight.values())) {
            if (f.deadline != null && !t.isBefore(f.deadline)) {
                inFlight.remove(f.trial.number());
                f.future.cancel(true);
                finish(f.trial.number(), Outcome.fail(timedOut()), t);
            }
        }
    }

    private static long untilMs(Instant now, Instant deadline) {
        if (deadline == null) return Long.MAX_VALUE;
        return Math.max(0, Duration.between(now, deadline).toMillis());
    }

    private void drain() {
        Completion c;
        while ((c = completions.poll()) != null) record(c);
    }

    private void record(Completion c) {
        if (inFlight.remove(c.number) == null) return; // already recorded as timed out or cancelled
        Outcome o = c.outcome;
        if (!o.ok() && m.stop.isRequested()) {
            // Ctrl-C reaches the objective's processes too; their death is the interruption's doing.
            String why = o.error().startsWith("cancelled") ? "" : " (" + o.error() + ")";
            o = Outcome.fail(INTERRUPTED + why, o.attachments());
        }
        finish(c.number, o, c.finished);
    }

    private void cancelAll(StopReason why) {
        String text = why == StopReason.TIMEOUT ? "cancelled: the run's time limit was reached" : INTERRUPTED;
        for (InFlight f : List.copyOf(inFlight.values())) {
            f.future.cancel(true);
            finish(f.trial.number(), Outcome.fail(text), Instant.now());
        }
        inFlight.clear();
    }

    private void finish(long n, Outcome outcome, Instant when) {
        Trial t = record(n, outcome, when);
        put(t);
        noteFinished(t);
        if (reason == null) {
            if (t.isOk() && !Double.isNaN(m.lossThreshold) && t.loss() <= m.lossThreshold) reason = StopReason.LOSS_THRESHOLD;
            else if (m.earlyStop > 0 && sinceImprovement >= m.earlyStop) reason = StopReason.EARLY_STOP;
        }
        Progress p = new Progress(countFinished(), m.maxEvals, Optional.ofNullable(best), Duration.ofNanos(System.nanoTime() - startNanos));
        for (RunListener l : m.listeners) safely(() -> l.trialFinished(t, p));
    }

    private Trial record(long n, Outcome outcome, Instant when) {
        try {
            return store.finishTrial(study.name(), n, outcome, when);
        } catch (TrialFinishedException e) {
            // On a shared store another process finished it first (a worker, or one that took it over): its result stands.
            return store.trial(study.name(), n).orElseThrow(() -> e);
        }
    }

    private void noteFinished(Trial t) {
        finished++;
        if (t.isOk() && (best == null || t.loss() < best.loss())) {
            best = t;
            sinceImprovement = 0;
        } else {
            sinceImprovement++;
        }
    }

    private int countFinished() {
        return finished;
    }

    private static void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.warn("a run listener failed: {}", describe(e));
        }
    }
}
