package dev.hyperopt.vision.objective;

import dev.hyperopt.engine.api.Config;
import dev.hyperopt.engine.api.ConfigException;
import dev.hyperopt.vision.pipeline.ClassifierSpec;
import dev.hyperopt.vision.pipeline.FilterbankSpec;
import dev.hyperopt.vision.pipeline.InputSpec;
import dev.hyperopt.vision.pipeline.LayerSpec;
import dev.hyperopt.vision.pipeline.NormSpec;
import dev.hyperopt.vision.pipeline.PipelineSpec;
import dev.hyperopt.vision.pipeline.PoolSpec;
import dev.hyperopt.vision.pipeline.ReadoutSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * A configuration of the {@code vision.convnet} space read into a pipeline and its classifier.
 * The root holds {@code input} (warp and standardization), {@code max_features} and the named
 * choice {@code depth}, whose branch holds the resize {@code side} (null: none), {@code layers}
 * (zero to three), {@code readout} (a named choice {@code grid} or {@code lpool}),
 * {@code classifier} and {@code seed}. A rectifier bound that is null is
 * unbounded; a normalization that is null is skipped.
 *
 * @throws ConfigException (from {@link #from}) when the configuration has another shape
 */
public record VisionConfig(PipelineSpec pipeline, ClassifierSpec classifier) {

    public static VisionConfig from(Config c) {
        Config depth = c.getConfig("depth");
        Config d = depth.getConfig(depth.branch());
        List<LayerSpec> layers = new ArrayList<>();
        for (Config l : d.getList("layers")) layers.add(layer(l));
        Integer side = d.get("side") == null ? null : d.getInt("side");
        return new VisionConfig(new PipelineSpec(input(c.getConfig("input"), side), layers, readout(d.getConfig("readout")),
                c.getInt("max_features"), d.getLong("seed")), classifier(d.getConfig("classifier")));
    }

    static InputSpec input(Config i, Integer side) {
        Config warp = i.getConfig("warp");
        InputSpec.Warp w = switch (warp.branch()) {
            case "none" -> null;
            case "affine" -> {
                Config a = warp.getConfig("affine");
                yield new InputSpec.Warp(a.getDouble("rotate"), a.getDouble("scale"), a.getDouble("shear"),
                        a.getDouble("shift_x"), a.getDouble("shift_y"));
            }
            default -> throw new ConfigException("warp '" + warp.branch() + "' is neither none nor affine");
        };
        return new InputSpec(side, w, i.getBoolean("standardize"));
    }

    static LayerSpec layer(Config l) {
        Config f = l.getConfig("filterbank");
        Config kind = f.getConfig("kind");
        FilterbankSpec.Kind k = switch (kind.branch()) {
            case "random" -> FilterbankSpec.Kind.RANDOM;
            case "whitened_random" -> FilterbankSpec.Kind.WHITENED_RANDOM;
            case "whitened_patches" -> FilterbankSpec.Kind.WHITENED_PATCHES;
            default -> throw new ConfigException("filterbank '" + kind.branch() + "' is none of random, whitened_random, whitened_patches");
        };
        Config kc = kind.getConfig(kind.branch());
        FilterbankSpec fb = new FilterbankSpec(k, f.getInt("filters"), f.getInt("size"),
                k == FilterbankSpec.Kind.RANDOM ? 0 : kc.getDouble("whitening"),
                k == FilterbankSpec.Kind.RANDOM ? 0 : kc.getInt("patches"));
        Config r = l.getConfig("rectify");
        NormSpec norm = null;
        if (l.get("normalization") != null) {
            Config n = l.getConfig("normalization");
            norm = new NormSpec(n.getInt("size"), n.getBoolean("remove_mean"), n.getDouble("threshold"), n.getDouble("stretch"));
        }
        Config p = l.getConfig("pooling");
        return new LayerSpec(fb, bound(r, "min", Double.NEGATIVE_INFINITY), bound(r, "max", Double.POSITIVE_INFINITY), norm,
                new PoolSpec(p.getDouble("order"), p.getInt("size"), p.getInt("stride")));
    }

    static ReadoutSpec readout(Config r) {
        String kind = r.branch();
        Config o = r.getConfig(kind);
        return switch (kind) {
            case "grid" -> ReadoutSpec.grid(o.getInt("cells"), o.getDouble("order"));
            case "lpool" -> ReadoutSpec.lpool(o.getDouble("order"), o.getInt("size"), o.getInt("stride"));
            default -> throw new ConfigException("readout '" + kind + "' is neither grid nor lpool");
        };
    }

    static ClassifierSpec classifier(Config k) {
        Config lossChoice = k.getConfig("loss");
        String kind = lossChoice.branch();
        ClassifierSpec.Loss loss = switch (kind) {
            case "softmax" -> ClassifierSpec.Loss.SOFTMAX;
            case "svm" -> ClassifierSpec.Loss.SVM;
            default -> throw new ConfigException("classifier '" + kind + "' is neither softmax nor svm");
        };
        Config o = lossChoice.getConfig(kind);
        return new ClassifierSpec(loss, o.getDouble("l2"), o.getInt("iterations"), o.getDouble("learning_rate"),
                k.getBoolean("standardize"), k.getDouble("variance_threshold"));
    }

    private static double bound(Config l, String key, double unbounded) {
        return l.get(key) == null ? unbounded : l.getDouble(key);
    }
}
