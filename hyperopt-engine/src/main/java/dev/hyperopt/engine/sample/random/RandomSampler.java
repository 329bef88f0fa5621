package dev.hyperopt.engine.sample.random;

import dev.hyperopt.engine.sample.Sampler;
import dev.hyperopt.engine.sample.SamplingContext;
import dev.hyperopt.engine.space.Assignment;

/** Random search (Bergstra & Bengio, JMLR 2012): every trial an independent draw from the prior. */
public final class RandomSampler implements Sampler {

    @Override
    public Assignment suggest(SamplingContext context) {
        return PriorSampler.sample(context.space(), context.random());
    }
}
