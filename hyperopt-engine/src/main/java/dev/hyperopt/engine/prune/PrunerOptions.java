package dev.hyperopt.engine.prune;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code KEY=VALUE} options of a pruner, read with typed getters that check their
 * values; {@link #done()} refuses keys no getter asked for, so a misspelt option is an
 * error rather than silently ignored.
 */
public final class PrunerOptions {
    private final String pruner;
    private final Map<String, String> values;
    private final Set<String> read = new TreeSet<>();

    public PrunerOptions(String pruner, Map<String, String> values) {
        this.pruner = pruner;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** No options. */
    public static PrunerOptions none(String pruner) {
        return new PrunerOptions(pruner, Map.of());
    }

    public String pruner() {
        return pruner;
    }

    public Map<String, String> values() {
        return values;
    }

    /** An integer option at least {@code min}. */
    public int integer(String key, int fallback, int min) {
        read.add(key);
        String v = values.get(key);
        if (v == null) return fallback;
        int n;
        try {
            n = Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw bad(key, v, "an integer");
        }
        if (n < min) throw bad(key, v, "an integer >= " + min);
        return n;
    }

    /** A number option in {@code [min, max]}. */
    public double number(String key, double fallback, double min, double max) {
        read.add(key);
        String v = values.get(key);
        if (v == null) return fallback;
        double x;
        try {
            x = Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw bad(key, v, "a number");
        }
        if (!(x >= min && x <= max)) throw bad(key, v, "a number in [" + fmt(min) + ", " + fmt(max) + "]");
        return x;
    }

    /** An option that is {@code auto} (returned as {@code fallback}) or an integer at least {@code min}. */
    public int integerOrAuto(String key, int auto, int min) {
        String v = values.get(key);
        if (v != null && v.trim().equals("auto")) {
            read.add(key);
            return auto;
        }
        return integer(key, auto, min);
    }

    /**
     * Checks that every option given was read.
     *
     * @throws IllegalArgumentException naming the first unknown option and the known ones
     */
    public void done() {
        for (String k : values.keySet()) {
            if (!read.contains(k)) {
                throw new IllegalArgumentException("pruner '" + pruner + "' has no option '" + k + "'"
                        + (read.isEmpty() ? " (it takes none)" : " (its options: " + String.join(", ", read) + ")"));
            }
        }
    }

    private IllegalArgumentException bad(String key, String value, String what) {
        return new IllegalArgumentException("pruner '" + pruner + "': option " + key + "=" + value + " must be " + what);
    }

    private static String fmt(double x) {
        if (x == Double.POSITIVE_INFINITY) return "inf";
        return x == Math.rint(x) ? Long.toString((long) x) : Double.toString(x);
    }
}
