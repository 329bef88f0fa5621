package dev.hyperopt.vision;

import dev.hyperopt.engine.api.Config;
import dev.hyperopt.vision.data.Images;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Configurations shaped as the {@code convnet} space's, built by hand. */
public final class TestConfigs {
    private TestConfigs() {}

    /** Three-channel 12x12 images of two classes: a bright square in the red or the blue channel. */
    public static Images colourSquares(int n, long seed) {
        Random rng = new Random(seed);
        float[][][][] x = new float[n][3][12][12];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
            int r = rng.nextInt(6);
            int c = rng.nextInt(6);
            for (int ch = 0; ch < 3; ch++) {
                for (int a = 0; a < 12; a++) for (int b = 0; b < 12; b++) x[i][ch][a][b] = 0.2f * rng.nextFloat();
            }
            int ch = y[i] == 0 ? 0 : 2;
            for (int a = r; a < r + 5; a++) for (int b = c; b < c + 5; b++) x[i][ch][a][b] = 0.8f + 0.2f * rng.nextFloat();
        }
        return new Images(Nd4j.createFromArray(x), y, List.of("red", "blue"));
    }

    private static final String[] DEPTHS = {"zero", "one", "two", "three"};

    /** A layer with random filters, a [0, inf) rectifier, 3x3 normalization and order-2 pooling. */
    public static Map<String, Object> layer(long filters, long filterSize, long poolSize, long poolStride) {
        return layer(filters, filterSize, Map.of("random", Map.of()), poolSize, poolStride);
    }

    public static Map<String, Object> layer(long filters, long filterSize, Map<String, Object> kind, long poolSize, long poolStride) {
        Map<String, Object> fb = new LinkedHashMap<>();
        fb.put("filters", filters);
        fb.put("size", filterSize);
        fb.put("kind", kind);
        Map<String, Object> rectify = new LinkedHashMap<>();
        rectify.put("min", 0L);
        rectify.put("max", null);
        Map<String, Object> l = new LinkedHashMap<>();
        l.put("filterbank", fb);
        l.put("rectify", rectify);
        l.put("normalization", Map.of("size", 3L, "remove_mean", true, "threshold", 1.0, "stretch", 1.0));
        l.put("pooling", Map.of("order", 2L, "size", poolSize, "stride", poolStride));
        return l;
    }

    public static Map<String, Object> whitened(String kind, double whitening, long patches) {
        return Map.of(kind, Map.of("whitening", whitening, "patches", patches));
    }

    public static Map<String, Object> lpoolReadout(long size, long stride) {
        return Map.of("lpool", Map.of("order", 1L, "size", size, "stride", stride));
    }

    public static Map<String, Object> gridReadout(long cells, double order) {
        return Map.of("grid", Map.of("cells", cells, "order", order));
    }

    public static Map<String, Object> classifier(String loss) {
        return Map.of("loss", Map.of(loss, Map.of("l2", 1e-3, "iterations", 100L, "learning_rate", 0.05)),
                "standardize", true, "variance_threshold", 0L);
    }

    public static Map<String, Object> input() {
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("warp", Map.of("none", Map.of()));
        in.put("standardize", false);
        return in;
    }

    /** A configuration of {@code layers.size()} layers read out flat, with a softmax classifier. */
    public static Config config(List<Map<String, Object>> layers, long maxFeatures) {
        return config(input(), layers, lpoolReadout(1, 1), classifier("softmax"), maxFeatures);
    }

    public static Config config(Map<String, Object> input, List<Map<String, Object>> layers, Map<String, Object> readout,
                                Map<String, Object> classifier, long maxFeatures) {
        return config(null, input, layers, readout, classifier, maxFeatures);
    }

    /** As above, with the images resized so their larger side is {@code side} (null: not resized). */
    public static Config config(Long side, Map<String, Object> input, List<Map<String, Object>> layers, Map<String, Object> readout,
                                Map<String, Object> classifier, long maxFeatures) {
        Map<String, Object> branch = new LinkedHashMap<>();
        branch.put("side", side);
        branch.put("layers", new ArrayList<>(layers));
        branch.put("readout", readout);
        branch.put("classifier", classifier);
        branch.put("seed", 3L);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("input", input);
        root.put("depth", Map.of(DEPTHS[layers.size()], branch));
        root.put("max_features", maxFeatures);
        return Config.of(root);
    }
}
