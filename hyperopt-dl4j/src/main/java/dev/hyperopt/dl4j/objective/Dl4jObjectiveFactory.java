package dev.hyperopt.dl4j.objective;

import dev.hyperopt.engine.api.Objective;
import dev.hyperopt.engine.spi.ObjectiveFactory;
import dev.hyperopt.nd4j.data.DataException;
import dev.hyperopt.nd4j.data.DataSplits;

import java.util.Map;
import java.util.Set;

/**
 * The {@code dl4j} objective by name. Options: {@code data} (required: a file, or
 * {@code fashion-mnist}, {@code rectangles}, {@code convex}), {@code train-size},
 * {@code valid-size}, {@code test-size}, {@code data-seed}, {@code max-units},
 * {@code max-seconds}, {@code memory} (each trial's JVM heap, 1g) and {@code process}: {@code child}
 * (the default: each trial in a child JVM, killed past its time-out) or {@code same} (in this JVM).
 */
public final class Dl4jObjectiveFactory implements ObjectiveFactory {
    private static final Set<String> KNOWN = Set.of("data", "train-size", "valid-size", "test-size", "data-seed", "max-units", "max-seconds", "memory", "process");

    @Override
    public Objective create(Map<String, String> options) {
        for (String k : options.keySet()) {
            if (!KNOWN.contains(k)) throw new IllegalArgumentException("unknown option '" + k + "' for the dl4j objective; it takes " + KNOWN);
        }
        String data = options.get("data");
        if (data == null || data.isBlank()) throw new IllegalArgumentException("the dl4j objective needs the option 'data'");
        try {
            DataSplits splits = DataSplits.open(data, new DataSplits.Sizes(integer(options, "train-size"), integer(options, "valid-size"),
                    integer(options, "test-size")), options.containsKey("data-seed") ? Long.parseLong(options.get("data-seed")) : 0L);
            Integer units = integer(options, "max-units");
            double seconds = options.containsKey("max-seconds") ? Double.parseDouble(options.get("max-seconds")) : 0;
            String process = options.getOrDefault("process", "child");
            DataSplits.Sizes sizes = new DataSplits.Sizes(integer(options, "train-size"), integer(options, "valid-size"), integer(options, "test-size"));
            long seed = options.containsKey("data-seed") ? Long.parseLong(options.get("data-seed")) : 0L;
            return switch (process) {
                case "same" -> new Dl4jObjective(splits, units == null ? 0 : units, seconds, null);
                case "child" -> new IsolatedDl4jObjective(splits, new IsolatedDl4jObjective.Source(data, sizes, seed), units == null ? 0 : units,
                        seconds, false, options.getOrDefault("memory", "1g"), java.util.List.of(), null);
                default -> throw new IllegalArgumentException("the dl4j objective's option 'process' is child or same, got '" + process + "'");
            };
        } catch (DataException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a dl4j objective option is not a number: " + e.getMessage(), e);
        }
    }

    private static Integer integer(Map<String, String> options, String key) {
        String v = options.get(key);
        return v == null ? null : Integer.valueOf(v.trim());
    }
}
