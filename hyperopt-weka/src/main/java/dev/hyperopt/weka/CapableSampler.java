package dev.hyperopt.weka;

import dev.hyperopt.engine.sample.Sampler;
import dev.hyperopt.engine.sample.SamplingContext;
import dev.hyperopt.engine.space.Assignment;
import dev.hyperopt.engine.space.EvaluationException;
import dev.hyperopt.engine.space.SpaceEvaluator;
import weka.core.Instances;

import java.util.Objects;

/**
 * Keeps pipelines that cannot handle the data out of the search, as Auto-WEKA does: a
 * suggestion whose classifier or filter fails Weka's {@code Capabilities} test on the
 * training data (a nominal-only learner on a numeric class, a learner that cannot take
 * missing values, ...) is drawn again, up to {@value #TRIES} times, from the wrapped
 * sampler with a seed derived from the trial's, so a run stays reproducible and resumable.
 * Only when every draw fails does the suggestion go through, and its trial then fails at
 * once with Weka's reason.
 */
public final class CapableSampler implements Sampler {
    static final int TRIES = 20;

    private final Sampler inner;
    private final Instances data;

    public CapableSampler(Sampler inner, Instances data) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.data = Objects.requireNonNull(data, "data");
    }

    @Override
    public Assignment suggest(SamplingContext context) {
        Assignment a = inner.suggest(context);
        for (int k = 1; k < TRIES && !capable(a); k++) {
            long seed = context.seed() ^ (0x9E3779B97F4A7C15L * k);
            a = inner.suggest(new SamplingContext(context.space(), context.history(), seed, context.trial()));
        }
        return a;
    }

    private boolean capable(Assignment a) {
        try {
            Pipeline.checkCapabilities(Pipeline.of(SpaceEvaluator.evaluate(a)).newClassifier(), data);
            return true;
        } catch (IllegalArgumentException | EvaluationException e) {
            return false;
        }
    }
}
