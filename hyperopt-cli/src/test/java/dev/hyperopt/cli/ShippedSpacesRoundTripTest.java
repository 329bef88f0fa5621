package dev.hyperopt.cli;

import dev.hyperopt.dsl.CompileResult;
import dev.hyperopt.dsl.HSpaceCompiler;
import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.dsl.print.HSpacePrinter;
import dev.hyperopt.engine.inject.Engine;
import dev.hyperopt.engine.spi.Family;
import dev.hyperopt.engine.store.SpaceFingerprint;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The canonical text of every space a family ships, which is what a study records and
 * {@code hyperopt fmt} prints, compiles back to the same space: the same labels in the same
 * order, the same conditions, the same fingerprint.
 */
class ShippedSpacesRoundTripTest {

    /** Each hyperparameter's label and condition, in drawing order. */
    private static Map<String, String> conditions(SearchSpace space) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < space.size(); i++) out.put(space.hyperparameter(i).label(), space.describe(space.condition(i)));
        return out;
    }

    @Test
    void everyShippedSpacePrintsToTextThatCompilesToTheSameSpace() {
        List<String> checked = new ArrayList<>();
        for (Family family : Engine.standard().families()) {
            for (String name : family.spaces().keySet()) {
                String what = family.id() + "/" + name;
                // Compiled as the families compile them: module imports come from the class path.
                SearchSpace shipped = new HSpaceCompiler().compile("classpath:" + family.spaces().get(name), family.spaceText(name)).orThrow();
                String text = HSpacePrinter.print(shipped);
                CompileResult back = new HSpaceCompiler().compile(what + " printed", text);
                assertThat(back.ok()).as("%s printed compiles: %s", what, back.diagnostics()).isTrue();
                assertThat(conditions(back.space())).as("%s: labels and conditions", what).isEqualTo(conditions(shipped));
                assertThat(SpaceFingerprint.of(back.space())).as("%s: fingerprint", what).isEqualTo(SpaceFingerprint.of(shipped));
                assertThat(HSpacePrinter.print(back.space())).as("%s printed twice", what).isEqualTo(text);
                checked.add(what);
            }
        }
        // Any other family keeps the same rule through FamilyContract (hyperopt-testing).
        assertThat(checked).contains("weka/classification", "weka/regression", "dl4j/mlp", "dl4j/sda", "vision/convnet");
    }
}
