package dev.hyperopt.vision.objective;

import dev.hyperopt.dl4j.data.DataSplits;
import dev.hyperopt.dl4j.data.Dataset;
import dev.hyperopt.engine.api.Objective;
import dev.hyperopt.engine.api.Outcome;
import dev.hyperopt.engine.api.TrialContext;
import dev.hyperopt.vision.pipeline.FeaturePipeline;
import dev.hyperopt.vision.pipeline.InvalidArchitectureException;
import dev.hyperopt.vision.pipeline.LinearClassifier;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The loss of a {@code vision.convnet} configuration: the validation error of its linear
 * readout, trained on the training images' features. An invalid architecture, a bad
 * configuration or running out of memory is a failed trial with the reason.
 */
public final class VisionObjective implements Objective {
    private final DataSplits data;

    public VisionObjective(DataSplits data) {
        this.data = Objects.requireNonNull(data, "data");
        Dataset t = data.train();
        if (t.height() * t.width() != t.dimension()) {
            throw new IllegalArgumentException("the vision objective needs images; data set '" + data.name() + "' has "
                    + t.dimension() + " values per example, not " + t.height() + " x " + t.width());
        }
    }

    @Override
    public Outcome evaluate(TrialContext context) {
        VisionConfig c;
        try {
            c = VisionConfig.from(context.config());
        } catch (InvalidArchitectureException e) {
            return Outcome.fail("invalid architecture: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            return Outcome.fail("bad configuration: " + e.getMessage());
        }
        Dataset train = data.train();
        try {
            long start = System.nanoTime();
            FeaturePipeline p = new FeaturePipeline(c.pipeline(), 1, train.height(), train.width());
            INDArray ft = p.features(train.features());
            INDArray fv = p.features(data.valid().features());
            double featureSeconds = (System.nanoTime() - start) / 1e9;
            LinearClassifier k = LinearClassifier.fit(c.classifier(), ft, train.labels(), train.classes());
            double error = k.errorRate(fv, data.valid().labels());
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("features", p.featureCount());
            info.put("layers", c.pipeline().layers().size());
            info.put("classifier", c.classifier().loss().name().toLowerCase(java.util.Locale.ROOT));
            info.put("feature_seconds", Math.round(featureSeconds * 1000) / 1000.0);
            info.put("seconds", Math.round((System.nanoTime() - start) / 1e6) / 1000.0);
            if (Double.isNaN(error)) return Outcome.fail("the classifier diverged", info);
            return Outcome.ok(error, info);
        } catch (InvalidArchitectureException e) {
            return Outcome.fail("invalid architecture: " + e.getMessage());
        } catch (OutOfMemoryError e) {
            return Outcome.fail("out of memory: " + (e.getMessage() == null ? "OutOfMemoryError" : e.getMessage()));
        }
    }
}
