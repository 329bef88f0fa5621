package dev.hyperopt.dl4j;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import dev.hyperopt.dl4j.objective.Dl4jObjectiveFactory;
import dev.hyperopt.engine.inject.EngineModule;
import dev.hyperopt.dl4j.command.BaselineCommand;
import dev.hyperopt.dl4j.command.Dl4jTuning;
import dev.hyperopt.engine.spi.Family;
import dev.hyperopt.engine.spi.FamilyCommand;
import dev.hyperopt.engine.spi.Tuning;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * MLPs, deep belief nets and stacked denoising autoencoders on DL4J: the {@code dl4j}
 * objective and the shipped spaces {@code modern} (MLPs as trained today, the default),
 * {@code dbn} (hyperopt-dbn's NIPS 2011 space), {@code sda}, {@code mlp} and {@code deep}
 * (the three 2011 kinds as branches of one space).
 */
public final class Dl4jFamily implements Family {
    private static final Map<String, String> SPACES;

    static {
        Map<String, String> m = new LinkedHashMap<>();
        for (String s : new String[]{"modern", "dbn", "sda", "mlp", "deep"}) m.put(s, "hspace/dl4j/" + s + ".hspace");
        SPACES = java.util.Collections.unmodifiableMap(m);
    }

    @Override
    public String id() {
        return "dl4j";
    }

    @Override
    public String description() {
        return "Tune MLPs, deep belief nets and stacked denoising autoencoders on DL4J.";
    }

    @Override
    public Optional<Tuning> tuning() {
        return Optional.of(new Dl4jTuning(this));
    }

    @Override
    public List<FamilyCommand> commands() {
        return List.of(new BaselineCommand());
    }

    @Override
    public Module module() {
        return new AbstractModule() {
            @Override
            protected void configure() {
                EngineModule.objectives(binder()).addBinding("dl4j").to(Dl4jObjectiveFactory.class);
            }
        };
    }

    @Override
    public Map<String, String> spaces() {
        return SPACES;
    }
}
