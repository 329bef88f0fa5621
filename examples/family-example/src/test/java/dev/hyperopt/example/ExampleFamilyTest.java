package dev.hyperopt.example;

import dev.hyperopt.dsl.HSpaceCompiler;
import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.engine.api.Config;
import dev.hyperopt.engine.api.Objective;
import dev.hyperopt.engine.api.Trial;
import dev.hyperopt.engine.api.TrialContext;
import dev.hyperopt.engine.inject.Engine;
import dev.hyperopt.engine.run.Hyperopt;
import dev.hyperopt.engine.run.Result;
import dev.hyperopt.engine.spi.Family;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExampleFamilyTest {

    @Test
    void theEngineFindsTheFamilyOnTheClassPath() {
        Engine engine = Engine.create();
        assertThat(engine.families()).extracting(Family::id).contains("example");
        Family f = engine.families().stream().filter(x -> x.id().equals("example")).findFirst().orElseThrow();
        assertThat(f.spaceText("knn")).contains("uniformint(1, 40)");
    }

    @Test
    void aSpaceFileImportsTheShippedSpaceByModuleName() {
        SearchSpace space = new HSpaceCompiler().compile("mine.hspace",
                "import example.knn as knn\nspace = knn.space\n").orThrow();
        assertThat(space.labels()).contains("k", "weights", "metric", "metric.minkowski.p");
    }

    @Test
    void tpeTunesTheClassifierThroughTheFamily() {
        Engine engine = Engine.create();
        Family family = engine.families().stream().filter(x -> x.id().equals("example")).findFirst().orElseThrow();
        SearchSpace space = new HSpaceCompiler().compile("knn.hspace", family.spaceText("knn")).orThrow();
        Objective objective = engine.objective("example-knn", Map.of("n", "300", "seed", "1"));
        Result r = Hyperopt.minimize(space, objective).engine(engine).algorithm("tpe").maxEvals(40).seed(7).run();
        assertThat(r.trials()).hasSize(40).allMatch(Trial::isOk);
        Trial best = r.best().orElseThrow();
        // A one-neighbour Chebyshev classifier is the naive choice; tuning must do at least as well.
        double naive = evaluate(objective, Map.of("k", 1L, "weights", "uniform", "metric", Map.of("chebyshev", Map.of("p", "max"))));
        assertThat(best.loss()).isLessThanOrEqualTo(naive).isLessThan(0.15);
        assertThat(best.attachments().get("accuracy")).isEqualTo(1 - best.loss());
    }

    @Test
    void badOptionsAreRefusedByName() {
        Engine engine = Engine.create();
        assertThatThrownBy(() -> engine.objective("example-knn", Map.of("n", "many")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("example-knn option n must be an integer, got 'many'");
    }

    private static double evaluate(Objective o, Map<String, Object> config) {
        try {
            return o.evaluate(TrialContext.of(0, Config.of(config), Map.of())).loss();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
