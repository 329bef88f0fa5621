package dev.hyperopt.vision.cnn;

import dev.hyperopt.engine.api.Objective;
import dev.hyperopt.engine.spi.ObjectiveFactory;
import dev.hyperopt.nd4j.data.DataException;
import dev.hyperopt.nd4j.data.DataSplits;
import dev.hyperopt.vision.data.ImageFolder;
import dev.hyperopt.vision.data.ImageSources;

import java.util.Map;
import java.util.Set;

/**
 * The {@code cnn} objective by name. Options: {@code data} (required: {@code fashion-mnist},
 * {@code rectangles}, {@code convex}, an IDX images file or a folder of class sub-folders),
 * {@code train-size}, {@code valid-size}, {@code test-size}, {@code data-seed},
 * {@code image-size} (HxW a folder's images are scaled to) and {@code max-seconds} (a cap on
 * each trial's training time).
 */
public final class CnnObjectiveFactory implements ObjectiveFactory {
    private static final Set<String> KNOWN = Set.of("data", "train-size", "valid-size", "test-size", "data-seed", "image-size", "max-seconds");

    @Override
    public Objective create(Map<String, String> options) {
        for (String k : options.keySet()) {
            if (!KNOWN.contains(k)) throw new IllegalArgumentException("unknown option '" + k + "' for the cnn objective; it takes " + KNOWN);
        }
        String data = options.get("data");
        if (data == null || data.isBlank()) throw new IllegalArgumentException("the cnn objective needs the option 'data'");
        try {
            DataSplits.Sizes sizes = new DataSplits.Sizes(integer(options, "train-size"), integer(options, "valid-size"), integer(options, "test-size"));
            long seed = options.containsKey("data-seed") ? Long.parseLong(options.get("data-seed").trim()) : 0L;
            ImageFolder.Size size = options.containsKey("image-size") ? ImageFolder.Size.parse(options.get("image-size")) : null;
            double seconds = options.containsKey("max-seconds") ? Double.parseDouble(options.get("max-seconds").trim()) : 0;
            return new CnnObjective(ImageSources.open(data, sizes, seed, size), seconds, null);
        } catch (DataException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a cnn objective option is not a number: " + e.getMessage(), e);
        }
    }

    private static Integer integer(Map<String, String> options, String key) {
        String v = options.get(key);
        return v == null ? null : Integer.valueOf(v.trim());
    }
}
