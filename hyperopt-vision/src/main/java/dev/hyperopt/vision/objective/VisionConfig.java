package dev.hyperopt.vision.objective;

import dev.hyperopt.engine.api.Config;
import dev.hyperopt.engine.api.ConfigException;
import dev.hyperopt.vision.pipeline.ClassifierSpec;
import dev.hyperopt.vision.pipeline.LayerSpec;
import dev.hyperopt.vision.pipeline.PipelineSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * A configuration of the {@code vision.convnet} space read into a pipeline and its classifier.
 * The root holds a named choice {@code depth} whose branch has {@code layers}, {@code classifier} (a named choice
 * {@code softmax} or {@code svm}),
 * {@code seed} and {@code max_features}; a rectifier bound that is null is unbounded.
 */
public record VisionConfig(PipelineSpec pipeline, ClassifierSpec classifier) {

    public static VisionConfig from(Config c) {
        Config depth = c.getConfig("depth");
        Config d = depth.getConfig(depth.branch());
        List<LayerSpec> layers = new ArrayList<>();
        for (Config l : d.getList("layers")) layers.add(layer(l));
        Config k = d.getConfig("classifier");
        String kind = k.branch();
        ClassifierSpec.Loss loss = switch (kind) {
            case "softmax" -> ClassifierSpec.Loss.SOFTMAX;
            case "svm" -> ClassifierSpec.Loss.SVM;
            default -> throw new ConfigException("classifier '" + kind + "' is neither softmax nor svm");
        };
        Config o = k.getConfig(kind);
        return new VisionConfig(new PipelineSpec(layers, d.getInt("max_features"), d.getLong("seed")),
                new ClassifierSpec(loss, o.getDouble("l2"), o.getInt("iterations"), o.getDouble("learning_rate")));
    }

    private static LayerSpec layer(Config l) {
        return new LayerSpec(l.getInt("filters"), l.getInt("filter_size"),
                bound(l, "rectify_min", Double.NEGATIVE_INFINITY), bound(l, "rectify_max", Double.POSITIVE_INFINITY),
                l.getInt("norm_size"), l.getBoolean("norm_remove_mean"), l.getDouble("norm_threshold"), l.getDouble("norm_stretch"),
                l.getDouble("pool_order"), l.getInt("pool_size"), l.getInt("pool_stride"));
    }

    private static double bound(Config l, String key, double unbounded) {
        return l.get(key) == null ? unbounded : l.getDouble(key);
    }
}
