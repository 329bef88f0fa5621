package dev.hyperopt.engine.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One trial of a study as stores keep it. {@code values} are indexed like the space's
 * hyperparameters (NaN where inactive, a choice as its option index); {@code labels} is the
 * same assignment as the flat {@code {label: value}} map. {@code loss} is NaN unless the
 * state is {@link TrialState#OK}; {@code error} is set exactly when it is {@link TrialState#FAIL}.
 * {@code config} is null when the space could not be evaluated for the assignment.
 * {@code intermediate} holds the values the objective reported, in increasing steps.
 */
public record Trial(long number, TrialState state, double[] values, Map<String, Object> labels, Config config,
                    double loss, Map<String, Object> attachments, String error, Instant started, Instant finished,
                    List<Intermediate> intermediate) {

    public Trial {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(started, "started");
        values = values.clone();
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        attachments = attachments == null || attachments.isEmpty()
                ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(attachments));
        intermediate = intermediate == null ? List.of() : List.copyOf(intermediate);
        if (number < 0) throw new IllegalArgumentException("trial numbers start at 0, got " + number);
        switch (state) {
            case RUNNING -> {
                if (finished != null) throw new IllegalArgumentException("a running trial has no finish time");
                loss = Double.NaN;
                error = null;
            }
            case OK -> {
                if (!Double.isFinite(loss)) throw new IllegalArgumentException("an ok trial needs a finite loss, got " + loss);
                if (error != null) throw new IllegalArgumentException("an ok trial has no error");
                Objects.requireNonNull(finished, "finished");
            }
            case FAIL -> {
                if (error == null) throw new IllegalArgumentException("a failed trial needs its reason");
                loss = Double.NaN;
                Objects.requireNonNull(finished, "finished");
            }
            case PRUNED -> {
                loss = Double.NaN;
                error = null;
                Objects.requireNonNull(finished, "finished");
            }
        }
    }

    /** A trial without intermediate values. */
    public Trial(long number, TrialState state, double[] values, Map<String, Object> labels, Config config,
                 double loss, Map<String, Object> attachments, String error, Instant started, Instant finished) {
        this(number, state, values, labels, config, loss, attachments, error, started, finished, List.of());
    }

    /** A trial just started: running, no loss. */
    public static Trial running(long number, double[] values, Map<String, ?> labels, Config config, Instant started) {
        return new Trial(number, TrialState.RUNNING, values, new LinkedHashMap<String, Object>(labels), config,
                Double.NaN, Map.of(), null, started, null);
    }

    /** A copy of the values. */
    @Override
    public double[] values() {
        return values.clone();
    }

    /** This trial with one more reported value. */
    public Trial withIntermediate(Intermediate value) {
        List<Intermediate> more = new ArrayList<>(intermediate);
        more.add(value);
        return new Trial(number, state, values, labels, config, loss, attachments, error, started, finished, more);
    }

    /** The last reported value, or null when none. */
    public Intermediate lastIntermediate() {
        return intermediate.isEmpty() ? null : intermediate.get(intermediate.size() - 1);
    }

    public boolean isOk() {
        return state == TrialState.OK;
    }

    public boolean isFinished() {
        return state.isFinished();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Trial t && t.number == number && t.state == state
                && java.util.Arrays.equals(t.values, values) && t.labels.equals(labels)
                && Objects.equals(t.config, config) && Double.compare(t.loss, loss) == 0
                && t.attachments.equals(attachments) && Objects.equals(t.error, error)
                && t.started.equals(started) && Objects.equals(t.finished, finished)
                && t.intermediate.equals(intermediate);
    }

    @Override
    public int hashCode() {
        return Objects.hash(number, state, java.util.Arrays.hashCode(values), labels, loss, error);
    }

    @Override
    public String toString() {
        return "Trial[" + number + " " + state.id() + (isOk() ? " loss=" + loss : "")
                + (error != null ? " error=" + error : "") + (intermediate.isEmpty() ? "" : " steps=" + intermediate.size())
                + " " + labels + "]";
    }
}
