package dev.hyperopt.engine.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * What an objective gets for one trial: its number, its configuration, the flat
 * {@code {label: value}} assignment behind it, and a way to notice that the trial should
 * stop early (its time is up, or the run is being stopped). Long-running objectives should
 * call {@link #checkCancelled()} now and then; the engine also interrupts their thread.
 */
public final class TrialContext {
    private final long trial;
    private final Config config;
    private final Map<String, Object> labels;
    private final Duration timeLimit;
    private final Instant deadline;
    private final BooleanSupplier stopRequested;

    /**
     * @param timeLimit     how long the trial may take from now, or null for no limit
     * @param stopRequested whether the run asked its trials to stop
     */
    public TrialContext(long trial, Config config, Map<String, ?> labels, Duration timeLimit, BooleanSupplier stopRequested) {
        this.trial = trial;
        this.config = config;
        this.labels = Collections.unmodifiableMap(new LinkedHashMap<String, Object>(labels));
        this.timeLimit = timeLimit;
        this.deadline = timeLimit == null ? null : Instant.now().plus(timeLimit);
        this.stopRequested = stopRequested == null ? () -> false : stopRequested;
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

    /** Throws when {@link #isCancelled()}; the trial is then recorded as failed. */
    public void checkCancelled() {
        if (isCancelled()) throw new CancellationException("trial " + trial + " was cancelled");
    }
}
