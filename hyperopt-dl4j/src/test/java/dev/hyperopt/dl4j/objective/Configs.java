package dev.hyperopt.dl4j.objective;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Configurations of the family written out by hand, in the shape the shipped spaces produce. */
final class Configs {
    private Configs() {}

    static Map<String, Object> rbm(int epochs, boolean persistent, int k) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("lr", 0.05);
        o.put("epochs", (long) epochs);
        o.put("batch_size", 20L);
        o.put("sample_v0s", true);
        o.put("lr_anneal_start", 100.0);
        o.put("k", (long) k);
        o.put("persistent", persistent);
        return Map.of("rbm", o);
    }

    static Map<String, Object> dae(int epochs) {
        return Map.of("dae", Map.of("lr", 0.1, "epochs", (long) epochs, "batch_size", 20L, "corruption", 0.2, "lr_anneal_start", 1000.0));
    }

    static Map<String, Object> none() {
        return Map.of("none", Map.of());
    }

    static Map<String, Object> layer(int units, String dist, boolean glorot, Map<String, Object> pretrain) {
        Map<String, Object> scale = glorot ? Map.of("Xavier", Map.of()) : Map.of("old", Map.of("multiplier", 1.5));
        return Map.of("units", (long) units, "init", Map.of("dist", dist, "scale", scale), "pretrain", pretrain);
    }

    static Map<String, Object> config(Map<String, Object> preprocessing, List<Map<String, Object>> layers, int maxEpochs, double lr) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("preprocessing", preprocessing);
        c.put("seed", 5L);
        c.put("layers", layers);
        c.put("finetune", Map.of("batch_size", 20L, "lr", lr, "lr_anneal_start", 1000.0, "l2", 1e-6, "min_epochs", 0L,
                "max_epochs", (long) maxEpochs));
        c.put("max_seconds", 60.0);
        return c;
    }
}
