package dev.hyperopt.engine.api;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * What an objective gets for one trial: its number, its configuration, the flat
 * {@code {label: value}} assignment behind it, and a way to notice that the trial should
 * stop early (its time is up, or the run is being stopped). Long-running objectives should
 * call {@link #checkCancelled()} now and then; the engine also interrupts their thread.
 *
 * <p>An objective that trains in steps (epochs, folds) reports its value after each with
 * {@link #report}, then asks {@link #shouldPrune()}: when the run's pruner judges the trial
 * poor, the objective stops and returns {@link Outcome#pruned()} (or throws
 * {@link TrialPrunedException}). Reported values are kept with the trial in the store.
 */
public final class TrialContext {
    private final long trial;
    private final Config config;
    private final Map<String, Object> labels;
    private final Duration timeLimit;
    private final Instant deadline;
    private final BooleanSupplier stopRequested;
    private final Reporter reporter;
    private final List<Intermediate> reported = new ArrayList<>();
    private volatile boolean prune;

    /**
     * @param timeLimit     how long the trial may take from now, or null for no limit
     * @param stopRequested whether the run asked its trials to stop
     */
    public TrialContext(long trial, Config config, Map<String, ?> labels, Duration timeLimit, BooleanSupplier stopRequested) {
        this(trial, config, labels, timeLimit, stopRequested, Reporter.NONE);
    }

    /**
     * @param timeLimit     how long the trial may take from now, or null for no limit
     * @param stopRequested whether the run asked its trials to stop
     * @param reporter      records reported values and decides whether the trial should stop
     */
    public TrialContext(long trial, Config config, Map<String, ?> labels, Duration timeLimit, BooleanSupplier stopRequested,
                        Reporter reporter) {
        this(trial, config, Collections.unmodifiableMap(new LinkedHashMap<String, Object>(labels)), timeLimit,
                timeLimit == null ? null : Instant.now().plus(timeLimit), stopRequested, reporter);
    }

    private TrialContext(long trial, Config config, Map<String, Object> labels, Duration timeLimit, Instant deadline,
                         BooleanSupplier stopRequested, Reporter reporter) {
        this.trial = trial;
        this.config = config;
        this.labels = labels;
        this.timeLimit = timeLimit;
        this.deadline = deadline;
        this.stopRequested = stopRequested == null ? () -> false : stopRequested;
        this.reporter = reporter == null ? Reporter.NONE : reporter;
    }

    /**
     * This trial's context with one more reason to stop at a report: every value still goes to
     * the engine through this context, and the trial should stop when the engine's pruner or
     * {@code rule} says so. For an objective that knows what the pruner cannot see, such as
     * what each step cost.
     */
    public TrialContext alsoStoppingWhen(Reporter rule) {
        return new TrialContext(trial, config, labels, timeLimit, deadline, stopRequested, (t, v) -> {
            report(v.step(), v.value());
            return rule.report(t, v) | shouldPrune();
        });
    }

    /** A context with no deadline that is never cancelled: for calling an objective directly. */
    public static TrialContext of(long trial, Config config, Map<String, ?> labels) {
        return new TrialContext(trial, config, labels, null, null);
    }

    /** The trial's number in its study, from 0. */
    public long trial() {
        return trial;
    }

    public Config config() {
        return config;
    }

    /** The flat assignment: only active labels; a named choice's branch name, another choice's index. */
    public Map<String, Object> labels() {
        return labels;
    }

    public Optional<Instant> deadline() {
        return Optional.ofNullable(deadline);
    }

    /** The time the trial was given, or empty without a limit. */
    public Optional<Duration> timeLimit() {
        return Optional.ofNullable(timeLimit);
    }

    /** Time left before the deadline (negative once past), or empty without a deadline. */
    public Optional<Duration> remaining() {
        return deadline().map(d -> Duration.between(Instant.now(), d));
    }

    /** Whether the trial's deadline has passed (never without one). */
    public boolean isPastDeadline() {
        return deadline != null && !Instant.now().isBefore(deadline);
    }

    /** Whether the trial should stop: past its deadline, the run is stopping, or the thread was interrupted. */
    public boolean isCancelled() {
        return isPastDeadline()
                || stopRequested.getAsBoolean()
                || Thread.currentThread().isInterrupted();
    }

    /**
     * Reports the trial's value after {@code step} units of resource; the engine records it and
     * decides whether the trial should stop ({@link #shouldPrune()}).
     *
     * @throws IllegalArgumentException when the value is not finite or the step does not
     *         follow the last one reported
     */
    public synchronized void report(long step, double value) {
        Intermediate v = new Intermediate(step, value);
        if (!reported.isEmpty() && step <= reported.get(reported.size() - 1).step()) {
            throw new IllegalArgumentException("step " + step + " reported after step "
                    + reported.get(reported.size() - 1).step() + ": steps must increase");
        }
        prune = reporter.report(trial, v);
        reported.add(v);
    }

    /** Whether the pruner judged the trial poor at its last report (false before any report). */
    public boolean shouldPrune() {
        return prune;
    }

    /** The values reported so far, in order. */
    public synchronized List<Intermediate> intermediate() {
        return List.copyOf(reported);
    }

    /** Throws when {@link #isCancelled()}; the trial is then recorded as failed. */
    public void checkCancelled() {
        if (isCancelled()) throw new CancellationException("trial " + trial + " was cancelled");
    }
}
