package dev.hyperopt.vision.objective;

import dev.hyperopt.dl4j.data.DataException;
import dev.hyperopt.dl4j.data.DataSplits;
import dev.hyperopt.engine.api.Objective;
import dev.hyperopt.engine.spi.ObjectiveFactory;
import dev.hyperopt.vision.data.ImageSplits;

import java.util.Map;
import java.util.Set;

/**
 * The {@code vision} objective by name. Options: {@code data} (required: an IDX or other image
 * file the dl4j family reads, or {@code fashion-mnist}, {@code rectangles}, {@code convex}),
 * {@code train-size}, {@code valid-size}, {@code test-size}, {@code data-seed}.
 */
public final class VisionObjectiveFactory implements ObjectiveFactory {
    private static final Set<String> KNOWN = Set.of("data", "train-size", "valid-size", "test-size", "data-seed");

    @Override
    public Objective create(Map<String, String> options) {
        for (String k : options.keySet()) {
            if (!KNOWN.contains(k)) throw new IllegalArgumentException("unknown option '" + k + "' for the vision objective; it takes " + KNOWN);
        }
        String data = options.get("data");
        if (data == null || data.isBlank()) throw new IllegalArgumentException("the vision objective needs the option 'data'");
        try {
            return new VisionObjective(ImageSplits.from(DataSplits.open(data, new DataSplits.Sizes(integer(options, "train-size"),
                    integer(options, "valid-size"), integer(options, "test-size")),
                    options.containsKey("data-seed") ? Long.parseLong(options.get("data-seed").trim()) : 0L)));
        } catch (DataException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a vision objective option is not a number: " + e.getMessage(), e);
        }
    }

    private static Integer integer(Map<String, String> options, String key) {
        String v = options.get(key);
        return v == null ? null : Integer.valueOf(v.trim());
    }
}
