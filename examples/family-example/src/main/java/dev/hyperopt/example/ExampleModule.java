package dev.hyperopt.example;

import com.google.inject.AbstractModule;
import dev.hyperopt.engine.inject.EngineModule;

/**
 * What the family adds to the engine: objective factories by name, in the engine's own map,
 * so {@code engine.objective("example-knn", options)} finds it without the engine knowing
 * this module. Samplers and store backends are added the same way, with
 * {@link EngineModule#samplers} and {@link EngineModule#stores}.
 */
public final class ExampleModule extends AbstractModule {

    @Override
    protected void configure() {
        EngineModule.objectives(binder()).addBinding("example-knn").to(KnnObjectiveFactory.class);
    }
}
