package dev.hyperopt.vision;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import dev.hyperopt.engine.inject.EngineModule;
import dev.hyperopt.engine.spi.Family;
import dev.hyperopt.engine.spi.FamilyCommand;
import dev.hyperopt.engine.spi.Tuning;
import dev.hyperopt.vision.command.PredictCommand;
import dev.hyperopt.vision.command.VisionTuning;
import dev.hyperopt.vision.cnn.CnnObjectiveFactory;
import dev.hyperopt.vision.objective.VisionObjectiveFactory;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Random-filter convolutional feature pipelines after hyperopt-convnet: the {@code vision}
 * objective and the shipped space {@code convnet}; trained convolutional nets: the {@code cnn}
 * objective and space.
 */
public final class VisionFamily implements Family {
    @Override
    public String id() {
        return "vision";
    }

    @Override
    public String description() {
        return "Tune image classifiers (random-filter convnet pipelines, trained CNNs) and predict with them.";
    }

    @Override
    public Optional<Tuning> tuning() {
        return Optional.of(new VisionTuning(this));
    }

    @Override
    public List<FamilyCommand> commands() {
        return List.of(new PredictCommand());
    }

    @Override
    public Module module() {
        return new AbstractModule() {
            @Override
            protected void configure() {
                EngineModule.objectives(binder()).addBinding("vision").to(VisionObjectiveFactory.class);
                EngineModule.objectives(binder()).addBinding("cnn").to(CnnObjectiveFactory.class);
            }
        };
    }

    @Override
    public Map<String, String> spaces() {
        return Map.of("convnet", "hspace/vision/convnet.hspace", "cnn", "hspace/vision/cnn.hspace");
    }
}
