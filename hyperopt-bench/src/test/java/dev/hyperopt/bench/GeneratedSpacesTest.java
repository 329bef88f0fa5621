package dev.hyperopt.bench;

import dev.hyperopt.dsl.CompileResult;
import dev.hyperopt.dsl.HSpaceCompiler;
import dev.hyperopt.dsl.ir.SearchSpace;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmarks measure the sizes they claim. */
class GeneratedSpacesTest {

    @Test
    void theCompileBenchmarkFileHasAThousandHyperparameters() {
        CompileResult r = new HSpaceCompiler().compile("generated.hspace", GeneratedSpaces.blocks(50));
        assertThat(r.diagnostics()).isEmpty();
        assertThat(r.space().size()).isEqualTo(1000);
        assertThat(r.space().labels()).contains("lr_49", "layer_49.optimizer.adam.schedule.step.every");
    }

    @Test
    void theSamplingSpaceHasTwentyHyperparametersUnderNestedChoices() {
        SearchSpace space = new HSpaceCompiler().compile("conditional20.hspace", GeneratedSpaces.conditional20()).orThrow();
        assertThat(space.size()).isEqualTo(20);
        int deepest = 0;
        for (int i = 0; i < space.size(); i++) {
            int depth = 0;
            for (int j = i; !space.condition(j).isAlways(); j = space.condition(j).anyOf().get(0).choice()) depth++;
            deepest = Math.max(deepest, depth);
        }
        assertThat(deepest).as("choices nested in choices").isEqualTo(2);
        assertThat(space.describe(space.condition(space.byLabel("optimizer.adam.schedule.step.gamma").index())))
                .isEqualTo("optimizer.adam.schedule == step");
    }
}
