package dev.hyperopt.vision.cnn;

import dev.hyperopt.engine.api.Config;
import dev.hyperopt.vision.data.Images;
import org.nd4j.linalg.factory.Nd4j;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Tiny image tasks and configurations for the cnn tests. */
final class CnnTestData {
    private CnnTestData() {}

    /** 8x8 noisy grey images: class 0 has a bright left half, class 1 a bright right half. */
    static Images halves(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] px = new float[n * 64];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextInt(2);
            for (int r = 0; r < 8; r++) {
                for (int c = 0; c < 8; c++) {
                    boolean bright = y[i] == 0 ? c < 4 : c >= 4;
                    px[i * 64 + r * 8 + c] = (float) Math.min(1, Math.max(0, (bright ? 0.7 : 0.3) + 0.25 * (rng.nextDouble() - 0.5)));
                }
            }
        }
        return new Images(Nd4j.create(px, new long[]{n, 1, 8, 8}, 'c'), y, List.of("left", "right"));
    }

    static Map<String, Object> block(long filters, long kernel, String pool) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("filters", filters);
        b.put("kernel", kernel);
        b.put("pool", pool);
        return b;
    }

    static Config config(List<Map<String, Object>> blocks, long dense, long epochs, long maxParams) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("blocks", blocks);
        c.put("batch_norm", false);
        c.put("dropout", 0.0);
        c.put("dense", dense);
        c.put("lr", 0.01);
        c.put("schedule", Map.of("constant", Map.of()));
        c.put("l2", 1e-5);
        c.put("batch_size", 32L);
        c.put("epochs", epochs);
        c.put("seed", 1L);
        c.put("max_params", maxParams);
        c.put("max_seconds", 60.0);
        return Config.of(c);
    }

    static Config with(Config c, String key, Object value) {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = new LinkedHashMap<>((Map<String, Object>) c.value());
        m.put(key, value);
        return Config.of(m);
    }
}
