package dev.hyperopt.vision.objective;

import dev.hyperopt.engine.api.Objective;
import dev.hyperopt.engine.api.Outcome;
import dev.hyperopt.engine.api.TrialContext;
import dev.hyperopt.vision.convnet.ConvnetModel;
import dev.hyperopt.vision.data.ImageSplits;
import dev.hyperopt.vision.pipeline.InvalidArchitectureException;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The loss of a {@code vision.convnet} configuration: the validation error of its linear
 * readout, trained on the training images' features. An invalid architecture, a bad
 * configuration or running out of memory is a failed trial with the reason. The fit checks the
 * trial's deadline between batches, so a trial timeout stops it.
 */
public final class VisionObjective implements Objective {
    private final ImageSplits data;

    public VisionObjective(ImageSplits data) {
        this.data = Objects.requireNonNull(data, "data");
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
        try {
            long start = System.nanoTime();
            ConvnetModel m = ConvnetModel.fit(context.config(), data.train(), context::checkCancelled);
            double error = m.errorRate(data.valid());
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("features", m.pipeline().featureCount());
            int[] kept = m.classifier().kept();
            info.put("kept_features", kept == null ? m.pipeline().featureCount() : (long) kept.length);
            info.put("layers", c.pipeline().layers().size());
            info.put("readout", c.pipeline().readout().kind().name().toLowerCase(Locale.ROOT));
            info.put("classifier", c.classifier().loss().name().toLowerCase(Locale.ROOT));
            info.put("feature_seconds", Math.round(m.featureSeconds() * 1000) / 1000.0);
            info.put("seconds", Math.round((System.nanoTime() - start) / 1e6) / 1000.0);
            if (Double.isNaN(error) || m.classifier().weights().isNaN().any()) return Outcome.fail("the classifier diverged", info);
            return Outcome.ok(error, info);
        } catch (InvalidArchitectureException e) {
            return Outcome.fail("invalid architecture: " + e.getMessage());
        } catch (OutOfMemoryError e) {
            return Outcome.fail("out of memory: " + (e.getMessage() == null ? "OutOfMemoryError" : e.getMessage()));
        }
    }
}
