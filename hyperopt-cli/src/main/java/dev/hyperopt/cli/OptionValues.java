package dev.hyperopt.cli;

import dev.hyperopt.engine.api.Durations;

import java.time.Duration;

/**
 * Option values that picocli reads as text and the commands check here, so that a bad one
 * is a user error (status 1) with one line naming the option, as the contract asks.
 */
final class OptionValues {
    private OptionValues() {}

    static int integer(String option, String text, int min) {
        long v = longValue(option, text);
        if (v < min || v > Integer.MAX_VALUE) {
            throw new UserError("invalid value for " + option + ": '" + text + "' (needs an integer >= " + min + ")");
        }
        return (int) v;
    }

    static long longValue(String option, String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new UserError("invalid value for " + option + ": '" + text + "' is not an integer");
        }
    }

    static double number(String option, String text) {
        try {
            double d = Double.parseDouble(text.trim());
            if (Double.isNaN(d)) throw new NumberFormatException();
            return d;
        } catch (NumberFormatException e) {
            throw new UserError("invalid value for " + option + ": '" + text + "' is not a number");
        }
    }

    static double fraction(String option, String text) {
        double d = number(option, text);
        if (!(d > 0 && d < 1)) throw new UserError("invalid value for " + option + ": '" + text + "' (needs a fraction between 0 and 1)");
        return d;
    }

    static Duration duration(String option, String text) {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UserError("invalid value for " + option + ": " + e.getMessage());
        }
    }

    /** A size option: null when not given, else a whole number of at least 1. */
    static Integer size(String option, String text) {
        return text == null ? null : integer(option, text, 1);
    }

    /** Checks that the engine knows the search algorithm {@code --algo} names. */
    static void algorithm(dev.hyperopt.engine.inject.Engine engine, String algo) {
        try {
            engine.sampler(algo);
        } catch (IllegalArgumentException e) {
            throw new UserError("invalid value for --algo: " + e.getMessage());
        }
    }

    /** The pruner {@code --pruner} names, checked by making it once: an unknown name or option is a user error. */
    static dev.hyperopt.engine.prune.PrunerSpec pruner(dev.hyperopt.engine.inject.Engine engine, String text) {
        try {
            dev.hyperopt.engine.prune.PrunerSpec spec = dev.hyperopt.engine.prune.PrunerSpec.parse(text);
            engine.pruner(spec);
            return spec;
        } catch (IllegalArgumentException e) {
            throw new UserError("invalid value for --pruner: " + e.getMessage());
        }
    }
}
