package dev.hyperopt.engine.spi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The values a family's command was given, as text, keyed by option name ({@code --data});
 * defaults are filled in, a flag that was given reads {@code "true"}, and the positional
 * arguments are a list. The family reads and checks them; a bad value is a
 * {@link CommandException}.
 */
public final class Arguments {
    private final Map<String, String> values;
    private final List<String> positional;

    public Arguments(Map<String, String> values, List<String> positional) {
        this.values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.positional = List.copyOf(positional);
    }

    /** Values of options only, as a family's tune records them for workers. */
    public static Arguments of(Map<String, String> values) {
        return new Arguments(values, List.of());
    }

    /** The option's value, or empty when it was not given and has no default. */
    public Optional<String> get(String option) {
        return Optional.ofNullable(values.get(option));
    }

    /** The option's value, or null when it was not given and has no default. */
    public String value(String option) {
        return values.get(option);
    }

    /** Whether the flag was given. */
    public boolean flag(String option) {
        return Boolean.parseBoolean(values.get(option));
    }

    /** The option's whole-number value, or null when absent; a bad one is a {@link CommandException} naming it. */
    public Long longValue(String option) {
        String v = values.get(option);
        if (v == null) return null;
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new CommandException("invalid value for " + option + ": '" + v + "' is not an integer");
        }
    }

    /** The option's whole-number value of at least {@code min}, or null when absent. */
    public Integer integer(String option, int min) {
        Long v = longValue(option);
        if (v == null) return null;
        if (v < min || v > Integer.MAX_VALUE) {
            throw new CommandException("invalid value for " + option + ": '" + values.get(option) + "' (needs an integer >= " + min + ")");
        }
        return v.intValue();
    }

    /** The option's numeric value, or null when absent. */
    public Double number(String option) {
        String v = values.get(option);
        if (v == null) return null;
        try {
            double d = Double.parseDouble(v.trim());
            if (Double.isNaN(d)) throw new NumberFormatException();
            return d;
        } catch (NumberFormatException e) {
            throw new CommandException("invalid value for " + option + ": '" + v + "' is not a number");
        }
    }

    /** The option's value as a fraction strictly between 0 and 1, or null when absent. */
    public Double fraction(String option) {
        Double d = number(option);
        if (d != null && !(d > 0 && d < 1)) {
            throw new CommandException("invalid value for " + option + ": '" + values.get(option) + "' (needs a fraction between 0 and 1)");
        }
        return d;
    }

    /** The positional arguments, in order. */
    public List<String> positional() {
        return positional;
    }

    /** Every option's value, for recording (a study's settings, for workers). */
    public Map<String, String> values() {
        return values;
    }
}
