package dev.hyperopt.engine.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an objective returns for one trial: a loss (lower is better) or a failure with its
 * reason, and whatever it wants to keep alongside (accuracy, training time, ...). An ok
 * outcome whose loss is NaN or infinite is recorded as a failed trial by the engine.
 */
public record Outcome(boolean ok, double loss, String error, Map<String, Object> attachments) {

    public Outcome {
        if (!ok && (error == null || error.isBlank())) error = "failed";
        if (!ok) loss = Double.NaN;
        if (ok) error = null;
        attachments = attachments == null || attachments.isEmpty()
                ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(attachments));
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

    /** This outcome with one more attachment. */
    public Outcome attach(String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>(attachments);
        m.put(key, value);
        return new Outcome(ok, loss, error, m);
    }
}
