package dev.hyperopt.engine.inject;

import com.google.inject.AbstractModule;
import dev.hyperopt.engine.TestSpaces;
import dev.hyperopt.engine.api.Objective;
import dev.hyperopt.engine.api.Trial;
import dev.hyperopt.engine.objective.CommandObjective;
import dev.hyperopt.engine.run.Hyperopt;
import dev.hyperopt.engine.run.Result;
import dev.hyperopt.engine.sample.Sampler;
import dev.hyperopt.engine.sample.random.RandomSampler;
import dev.hyperopt.engine.spi.Family;
import dev.hyperopt.engine.store.MemoryTrialStore;
import dev.hyperopt.engine.store.StoreException;
import dev.hyperopt.engine.store.TrialStore;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EngineTest {

    @Test
    void bindsRandomSearchUnderBothNames() {
        Engine e = Engine.create();
        assertThat(e.sampler("random")).isInstanceOf(RandomSampler.class);
        assertThat(e.sampler("rand")).isInstanceOf(RandomSampler.class);
        assertThat(e.algorithms()).contains("rand", "random");
    }

    @Test
    void bindsTpeAndAnnealing() {
        Engine e = Engine.create();
        assertThat(e.sampler("tpe")).isInstanceOf(dev.hyperopt.engine.sample.tpe.TpeSampler.class);
        assertThat(e.sampler("tpe-hyperopt")).isInstanceOf(dev.hyperopt.engine.sample.tpe.HyperoptTpeSampler.class);
        assertThat(e.sampler("anneal")).isInstanceOf(dev.hyperopt.engine.sample.anneal.AnnealSampler.class);
    }

    @Test
    void findsFamiliesWithTheServiceLoaderAndInstallsTheirModules() {
        Engine e = Engine.create();
        assertThat(e.families()).extracting(Family::id).contains("test-family");
        assertThat(e.sampler("first-draw")).isInstanceOf(TestFamily.FirstDrawSampler.class);
        assertThat(e.algorithms()).contains("first-draw");
        Family f = e.families().stream().filter(x -> x.id().equals("test-family")).findFirst().orElseThrow();
        assertThat(f.spaceText("tiny")).contains("uniform(0, 1)");
        assertThatThrownBy(() -> f.spaceText("huge")).hasMessageContaining("ships no space named 'huge'");
    }

    @Test
    void aFamilysSamplerDrivesARunByName() {
        Result r = Hyperopt.minimize(TestSpaces.branin(), ctx -> dev.hyperopt.engine.api.Outcome.ok(1))
                .engine(Engine.create()).algorithm("first-draw").maxEvals(4).seed(3).run();
        assertThat(r.trials()).extracting(Trial::labels).containsOnly(r.trials().get(0).labels());
    }

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path dir;

    @Test
    void opensStoresByScheme() {
        Engine e = Engine.create();
        try (TrialStore s = e.openStore("memory:")) {
            assertThat(s).isInstanceOf(MemoryTrialStore.class);
        }
        try (TrialStore s = e.openStore("sqlite:" + dir.resolve("h.db"))) {
            assertThat(s).isInstanceOf(dev.hyperopt.engine.store.jdbc.JdbcTrialStore.class);
        }
        assertThatThrownBy(() -> e.openStore("postgresql://db")).isInstanceOf(StoreException.class)
                .hasMessageContaining("is malformed");
        assertThatThrownBy(() -> e.openStore("mongodb://db/h")).isInstanceOf(StoreException.class)
                .hasMessage("store 'mongodb://db/h': the mongodb backend is not in this build (available: memory:, postgresql:, sqlite:)");
    }

    @Test
    void makesObjectivesByName() throws Exception {
        Engine e = Engine.create();
        Objective c = e.objective("command", Map.of("cmd", "cat"));
        assertThat(c).isInstanceOf(CommandObjective.class);
        ((CommandObjective) c).close();
        Objective k = e.objective("constant", Map.of("loss", "0.5"));
        assertThat(k.evaluate(dev.hyperopt.engine.api.TrialContext.of(0, null, Map.of())).loss()).isEqualTo(0.5);
        assertThatThrownBy(() -> e.objective("command", Map.of())).hasMessageContaining("needs option 'cmd'");
        assertThatThrownBy(() -> e.objective("nope", Map.of())).hasMessageContaining("unknown objective 'nope'");
    }

    @Test
    void extraModulesCanAddSamplers() {
        Engine e = Engine.create(new AbstractModule() {
            @Override
            protected void configure() {
                EngineModule.samplers(binder()).addBinding("mine").to(RandomSampler.class);
            }
        });
        Sampler s = e.sampler("mine");
        assertThat(s).isInstanceOf(RandomSampler.class);
    }

    @Test
    void theStandardEngineIsBuiltOnce() {
        assertThat(Engine.standard()).isSameAs(Engine.standard());
    }
}
