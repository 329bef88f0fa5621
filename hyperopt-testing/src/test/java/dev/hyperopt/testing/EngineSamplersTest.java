package dev.hyperopt.testing;

import dev.hyperopt.engine.sample.Sampler;
import dev.hyperopt.engine.sample.anneal.AnnealSampler;
import dev.hyperopt.engine.sample.random.RandomSampler;
import dev.hyperopt.engine.sample.tpe.HyperoptTpeSampler;
import dev.hyperopt.engine.sample.tpe.TpeOptions;
import dev.hyperopt.engine.sample.tpe.TpeSampler;
import org.junit.jupiter.api.Nested;

/** The engine's samplers against the sampler contract. */
class EngineSamplersTest {

    @Nested
    class Tpe extends SamplerContract {
        @Override
        protected Sampler sampler() {
            return new TpeSampler();
        }
    }

    @Nested
    class TpeUnivariate extends SamplerContract {
        @Override
        protected Sampler sampler() {
            return new TpeSampler(TpeOptions.DEFAULTS.withMultivariate(false));
        }
    }

    @Nested
    class TpeWithoutConstantLiar extends SamplerContract {
        @Override
        protected Sampler sampler() {
            return new TpeSampler(TpeOptions.DEFAULTS.withConstantLiar(false));
        }
    }

    @Nested
    class HyperoptTpe extends SamplerContract {
        @Override
        protected Sampler sampler() {
            return new HyperoptTpeSampler();
        }
    }

    @Nested
    class Anneal extends SamplerContract {
        @Override
        protected Sampler sampler() {
            return new AnnealSampler();
        }
    }

    @Nested
    class Random extends SamplerContract {
        @Override
        protected Sampler sampler() {
            return new RandomSampler();
        }
    }
}
