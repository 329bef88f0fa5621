package dev.hyperopt.engine.inject;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import dev.hyperopt.engine.api.Outcome;
import dev.hyperopt.engine.sample.Sampler;
import dev.hyperopt.engine.sample.random.PriorSampler;
import dev.hyperopt.engine.space.Assignment;
import dev.hyperopt.engine.spi.Family;

import java.util.Map;

/** A family found through {@code META-INF/services} in the test resources. */
public final class TestFamily implements Family {

    /** Always proposes the prior's draw of trial 0, whatever the trial: easy to recognise. */
    static final class FirstDrawSampler implements Sampler {
        @Override
        public Assignment suggest(dev.hyperopt.engine.sample.SamplingContext context) {
            return PriorSampler.sample(context.space(), dev.hyperopt.engine.sample.Seeds.stream(context.seed(), 0));
        }
    }

    @Override
    public String id() {
        return "test-family";
    }

    @Override
    public Module module() {
        return new AbstractModule() {
            @Override
            protected void configure() {
                EngineModule.samplers(binder()).addBinding("first-draw").to(FirstDrawSampler.class);
                EngineModule.objectives(binder()).addBinding("constant").toInstance(
                        options -> ctx -> Outcome.ok(Double.parseDouble(options.getOrDefault("loss", "1"))));
            }
        };
    }

    @Override
    public Map<String, String> spaces() {
        return Map.of("tiny", "dev/hyperopt/engine/inject/tiny.hspace");
    }
}
