package dev.hyperopt.vision;

import dev.hyperopt.dsl.CompileResult;
import dev.hyperopt.dsl.HSpaceCompiler;
import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.engine.api.Objective;
import dev.hyperopt.engine.inject.Engine;
import dev.hyperopt.engine.spi.Family;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VisionFamilyTest {

    @Test
    void theEngineFindsTheFamilyAndItsObjective() {
        Engine engine = Engine.create();
        assertThat(engine.families()).extracting(Family::id).contains("vision");
        Objective o = engine.objective("vision", Map.of("data", "rectangles", "train-size", "20", "valid-size", "10", "test-size", "10"));
        assertThat(o).isNotNull();
        assertThat(engine.objective("cnn", Map.of("data", "rectangles", "train-size", "20", "valid-size", "10", "test-size", "10",
                "max-seconds", "5"))).isNotNull();
        assertThatThrownBy(() -> engine.objective("cnn", Map.of("data", "rectangles", "epochs", "3"))).hasMessageContaining("unknown option 'epochs'");
        assertThatThrownBy(() -> engine.objective("vision", Map.of())).hasMessageContaining("needs the option 'data'");
        assertThatThrownBy(() -> engine.objective("vision", Map.of("data", "rectangles", "epochs", "3")))
                .hasMessageContaining("unknown option 'epochs'");
    }

    @Test
    void theConvnetSpaceCompilesWithItsHyperparameterCount() {
        VisionFamily family = new VisionFamily();
        assertThat(family.spaces()).containsOnlyKeys("convnet", "cnn");
        CompileResult r = new HSpaceCompiler().compile("convnet", family.spaceText("convnet"));
        assertThat(r.ok()).as(r.diagnostics().toString()).isTrue();
        SearchSpace s = r.space();
        // 6 layer copies (depth 1 + 2 + 3) x 14; 3 classifier choices, each with 2 x 3; 3 seeds; the depth choice
        assertThat(s.size()).isEqualTo(6 * 14 + 3 * (1 + 2 * 3) + 3 + 1);
        assertThat(s.labels()).contains("depth", "depth.one.layers[0].filters", "depth.three.layers[2].pool_order[3]",
                "depth.two.classifier", "depth.two.classifier.svm.l2");
    }

    @Test
    void theSpaceImportsAsAModule() {
        CompileResult r = new HSpaceCompiler().compile("mine", "import vision.convnet as v\nspace = { p: v.space, extra: 1 }\n");
        assertThat(r.ok()).as(r.diagnostics().toString()).isTrue();
    }
}
