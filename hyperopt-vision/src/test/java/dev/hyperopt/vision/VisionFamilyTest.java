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
    void theConvnetSpaceHasOverTwoHundredHyperparameters() {
        VisionFamily family = new VisionFamily();
        assertThat(family.spaces()).containsKey("convnet");
        CompileResult r = new HSpaceCompiler().compile("convnet", family.spaceText("convnet"));
        assertThat(r.ok()).as(r.diagnostics().toString()).isTrue();
        SearchSpace s = r.space();
        assertThat(s.size()).isGreaterThan(200);
        // input 9; 6 layer copies of 20; per depth (4) a readout of 8, a classifier of 10 and a seed; the depth choice
        assertThat(s.size()).isEqualTo(9 + 6 * 20 + 4 * (8 + 10 + 1) + 1);
        assertThat(s.labels()).contains("depth", "input.warp.affine.rotate", "depth.zero.readout.grid.cells",
                "depth.three.layers[2].filterbank.kind.whitened_patches.whitening", "depth.two.layers[1].pooling.order[3]",
                "depth.one.classifier.loss.svm.l2", "depth.two.classifier.variance_threshold[1]");
    }

    @Test
    void theSpaceImportsAsAModule() {
        CompileResult r = new HSpaceCompiler().compile("mine", "import vision.convnet as v\nspace = { p: v.space, extra: 1 }\n");
        assertThat(r.ok()).as(r.diagnostics().toString()).isTrue();
    }
}
