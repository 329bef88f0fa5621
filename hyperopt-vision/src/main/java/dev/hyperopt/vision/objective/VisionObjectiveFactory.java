package dev.hyperopt.vision.objective;

import dev.hyperopt.engine.api.Objective;
import dev.hyperopt.engine.spi.ObjectiveFactory;
import dev.hyperopt.nd4j.data.DataException;
import dev.hyperopt.nd4j.data.DataSplits;
import dev.hyperopt.vision.data.ImageFolder;
import dev.hyperopt.vision.data.ImageSources;

import java.util.Map;
import java.util.Set;

/**
 * The {@code vision} objective by name. Options: {@code data} (required: {@code fashion-mnist},
 * {@code rectangles}, {@code convex}, an IDX images file or a folder of class sub-folders),
 * {@code train-size}, {@code valid-size}, {@code test-size}, {@code data-seed} and
 * {@code image-size} (HxW a folder's images are scaled to).
 */
public final class VisionObjectiveFactory implements ObjectiveFactory {
    private static final Set<String> KNOWN = Set.of("data", "train-size", "valid-size", "test-size", "data-seed", "image-size");

    @Override
    public Objective create(Map<String, String> options) {
        for (String k : options.keySet()) {
            if (!KNOWN.contains(k)) throw new IllegalArgumentException("unknown option '" + k + "' for the vision objective; it takes " + KNOWN);
        }
        String data = options.get("data");
        if (data == null || data.isBlank()) throw new IllegalArgumentException("the vision objective needs the option 'data'");
        try {
            DataSplits.Sizes sizes = new DataSplits.Sizes(integer(options, "train-size"), integer(options, "valid-size"), integer(options, "test-size"));
            long seed = options.containsKey("data-seed") ? Long.parseLong(options.get("data-seed").trim()) : 0L;
            ImageFolder.Size size = options.containsKey("image-size") ? ImageFolder.Size.parse(options.get("image-size")) : null;
            return new VisionObjective(ImageSources.open(data, sizes, seed, size));
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
