package dev.hyperopt.dl4j;

import dev.hyperopt.dsl.CompileResult;
import dev.hyperopt.dsl.HSpaceCompiler;
import dev.hyperopt.engine.api.Objective;
import dev.hyperopt.engine.inject.Engine;
import dev.hyperopt.engine.spi.Family;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Dl4jFamilyTest {

    @Test
    void theEngineFindsTheFamilyAndItsObjective() {
        Engine engine = Engine.create();
        assertThat(engine.families()).extracting(Family::id).contains("dl4j");
        Objective o = engine.objective("dl4j", Map.of("data", "rectangles", "train-size", "20", "valid-size", "10", "test-size", "10"));
        assertThat(o).isNotNull();
        assertThatThrownBy(() -> engine.objective("dl4j", Map.of("data", "nosuch.csv"))).hasMessageContaining("no such file or data set");
        assertThatThrownBy(() -> engine.objective("dl4j", Map.of())).hasMessageContaining("needs the option 'data'");
    }

    @Test
    void everyShippedSpaceCompilesAndKeepsHyperoptLabels() {
        Dl4jFamily family = new Dl4jFamily();
        assertThat(family.spaces()).containsOnlyKeys("modern", "dbn", "sda", "mlp", "deep");
        for (String name : family.spaces().keySet()) {
            CompileResult r = new HSpaceCompiler().compile(name, family.spaceText(name));
            assertThat(r.ok()).as(name + ": " + r.diagnostics()).isTrue();
        }
        CompileResult dbn = new HSpaceCompiler().compile("dbn", family.spaceText("dbn"));
        assertThat(dbn.space().labels())
                .contains("preproc", "pca_energy", "iseed", "depth", "n_hid_0", "W_idist_0", "W_ialgo_0", "W_imult_0", "cd_lr_0",
                        "cd_epochs_0", "sample_v0s_0", "lr_anneal_0", "n_hid_2", "cd_epochs_2", "batch_size", "lr", "lr_anneal_start",
                        "lr_penalty", "l2_penalty_nz");
    }

    @Test
    void spacesImportAsModules() {
        CompileResult r = new HSpaceCompiler().compile("mine", "import dl4j.dbn as dbn\nspace = { d: dbn.depth, lr: dbn.lr }\n");
        assertThat(r.ok()).as(r.diagnostics().toString()).isTrue();
    }
}
