package dev.hyperopt.example;

import com.google.inject.Module;
import dev.hyperopt.engine.spi.Family;
import dev.hyperopt.engine.spi.Tuning;

import java.util.Map;
import java.util.Optional;

/**
 * The {@code example} family: a k-nearest-neighbours classifier to tune, found by the engine
 * through {@code META-INF/services/dev.hyperopt.engine.spi.Family}. It contributes one
 * objective ({@code example-knn}, see {@link ExampleModule}) and ships its space as the
 * class-path resource {@code hspace/example/knn.hspace}, which a space file imports with
 * {@code import example.knn as knn}. Its tune command, {@code hyperopt example tune}, is
 * {@link ExampleTuning}.
 */
public final class ExampleFamily implements Family {

    @Override
    public String id() {
        return "example";
    }

    @Override
    public String description() {
        return "Tune k-nearest neighbours on two moons (an example family).";
    }

    @Override
    public Optional<Tuning> tuning() {
        return Optional.of(new ExampleTuning(this));
    }

    @Override
    public Module module() {
        return new ExampleModule();
    }

    @Override
    public Map<String, String> spaces() {
        return Map.of("knn", "hspace/example/knn.hspace");
    }
}
