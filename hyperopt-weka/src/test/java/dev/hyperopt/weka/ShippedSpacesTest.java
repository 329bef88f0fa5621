package dev.hyperopt.weka;

import dev.hyperopt.dsl.CompileResult;
import dev.hyperopt.dsl.HSpaceCompiler;
import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.engine.spi.Family;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

class ShippedSpacesTest {

    @Test
    void theFamilyIsFoundByServiceLoader() {
        assertThat(ServiceLoader.load(Family.class).stream().map(p -> p.get().id())).contains("weka");
    }

    @Test
    void theEngineMakesTheWekaObjectiveByName() throws Exception {
        dev.hyperopt.engine.inject.Engine engine = dev.hyperopt.engine.inject.Engine.create();
        assertThat(engine.families()).anyMatch(f -> f.id().equals("weka"));
        dev.hyperopt.engine.api.Objective o = engine.objective("weka", Map.of("data", "iris", "folds", "3"));
        try {
            var out = o.evaluate(dev.hyperopt.engine.api.TrialContext.of(0,
                    dev.hyperopt.engine.api.Config.of(Map.of("class", "weka.classifiers.rules.ZeroR")), Map.of()));
            assertThat(out.ok()).as(String.valueOf(out.error())).isTrue();
            weka.core.Instances iris = dev.hyperopt.weka.data.DataSets.withClass(dev.hyperopt.weka.data.DataSets.load("iris"), "last", "iris");
            weka.classifiers.Evaluation e = new weka.classifiers.Evaluation(iris);
            e.crossValidateModel(new weka.classifiers.rules.ZeroR(), iris, 3, new java.util.Random(1));
            assertThat(out.loss()).isCloseTo(1 - e.pctCorrect() / 100, org.assertj.core.api.Assertions.within(1e-12));
            assertThat(out.attachments()).containsEntry("command", "weka.classifiers.rules.ZeroR");
        } finally {
            ((AutoCloseable) o).close();
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> engine.objective("weka", Map.of("data", "iris", "colour", "red")))
                .hasMessageContaining("unknown option 'colour'");
    }

    @Test
    void everyShippedSpaceCompiles() {
        WekaFamily f = new WekaFamily();
        assertThat(f.spaces()).containsKeys("classification", "regression", "any_classifier", "any_regressor",
                "any_preprocessing", "j48", "smo", "random_forest");
        for (Map.Entry<String, String> e : f.spaces().entrySet()) {
            CompileResult r = new HSpaceCompiler().compile("classpath:" + e.getValue(), f.spaceText(e.getKey()));
            assertThat(r.diagnostics()).as(e.getKey()).isEmpty();
            SearchSpace s = r.orThrow();
            assertThat(s.size()).as(e.getKey()).isGreaterThanOrEqualTo(e.getKey().equals("decision_stump") || e.getKey().equals("zero_r") ? 0 : 1);
        }
    }

    @Test
    void modulesImportByName() {
        CompileResult r = new HSpaceCompiler().compile("user.hspace", """
                import weka.classifiers as weka
                import weka.classifiers.j48 as j48
                import weka.preprocessing as pre

                space = { preprocessing: pre.standardize, classifier: choice { a: j48.space, b: weka.any_classifier } }
                """);
        assertThat(r.diagnostics()).isEmpty();
        assertThat(r.orThrow().labels()).contains("classifier", "classifier.a.M", "classifier.a._pruning.confidence.C",
                "weka.any_classifier");
    }
}
