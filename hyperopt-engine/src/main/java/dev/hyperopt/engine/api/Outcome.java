package dev.hyperopt.engine.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an objective returns for one trial: a loss (lower is better), a failure with its
 * reason, or a trial stopped early because its intermediate values were poor
 * ({@link #pruned()}), and whatever it wants to keep alongside (accuracy, training time, ...).
 * An ok outcome whose loss is NaN or infinite is recorded as a failed trial by the engine.
 */
public record Outcome(boolean ok, double loss, String error, Map<String, Object> attachments, boolean isPruned) {

    public Outcome {
        if (isPruned) {
            ok = false;
            error = null;
        } else if (!ok && (error == null || error.isBlank())) {
            error = "failed";
        }
        if (!ok) loss = Double.NaN;
        if (ok) error = null;
        attachments = attachments == null || attachments.isEmpty()
                ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(attachments));
    }

    /** An ok outcome or a failure. */
    public Outcome(boolean ok, double loss, String error, Map<String, Object> attachments) {
        this(ok, loss, error, attachments, false);
    }

    public static Outcome ok(double loss) {
        return new Outcome(true, loss, null, Map.of());
    }

    public static Outcome ok(double loss, Map<String, ?> attachments) {
        return new Outcome(true, loss, null, new LinkedHashMap<String, Object>(attachments));
    }

    public static Outcome fail(String reason) {
        return new Outcome(false, Double.NaN, reason, Map.of());
    }

    public static Outcome fail(String reason, Map<String, ?> attachments) {
        return new Outcome(false, Double.NaN, reason, new LinkedHashMap<String, Object>(attachments));
    }

    /** A trial stopped early: neither ok nor failed; its intermediate values are what it leaves. */
    public static Outcome pruned() {
        return new Outcome(false, Double.NaN, null, Map.of(), true);
    }

    public static Outcome pruned(Map<String, ?> attachments) {
        return new Outcome(false, Double.NaN, null, new LinkedHashMap<String, Object>(attachments), true);
    }

    /** This outcome with one more attachment. */
    public Outcome attach(String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>(attachments);
        m.put(key, value);
        return new Outcome(ok, loss, error, m, isPruned);
    }
}
