package dev.hyperopt.suite.fidelity;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withPrecision;

/**
 * The Java curves and their Python twin in {@code optuna_anchor.py} (a real {@code python3}
 * subprocess) agree on the same configurations, so that the Optuna anchors search the very
 * problems this engine does: the synthetic formula to 1e-12 at every step, the tables
 * exactly (the same row found from the values a space draws).
 */
class PythonTwinTest {

    @Test
    void syntheticCurvesAgreeStepByStep() throws Exception {
        CurveProblem p = FidelitySuiteTest.suite().problem("synthetic_hartmann");
        List<Map<String, Object>> configs = flat(FidelitySuiteTest.draws(p, 25, 11));
        configs.add(Map.of("x0", 0.0, "x1", 1.0, "x2", 0.5, "x3", 0.25, "x4", 0.125, "x5", 1.0));
        List<Curve> python = anchor().curves(FidelitySuiteTest.PROBLEMS, p.name(), configs);
        assertThat(python).hasSize(configs.size());
        for (int i = 0; i < configs.size(); i++) {
            Curve java = p.source().curve(configs.get(i));
            for (int t = 1; t <= p.maxSteps(); t++) {
                assertThat(python.get(i).at(t)).as("config %d step %d", i, t).isCloseTo(java.at(t), withPrecision(1e-12));
            }
            assertThat(python.get(i).finalLoss()).isCloseTo(java.finalLoss(), withPrecision(1e-12));
        }
    }

    @Test
    void tablesGiveTheSameRowsToPythonForTheValuesTheSpacesDraw() throws Exception {
        for (String name : List.of("dl4j_fashion", "weka_folds")) {
            CurveProblem p = FidelitySuiteTest.suite().problem(name);
            List<Map<String, Object>> configs = flat(FidelitySuiteTest.draws(p, 60, 5));
            List<Curve> python = anchor().curves(FidelitySuiteTest.PROBLEMS, name, configs);
            assertThat(python).hasSize(configs.size());
            for (int i = 0; i < configs.size(); i++) {
                Curve java = p.source().curve(configs.get(i));
                assertThat(python.get(i).values()).as("%s %s", name, configs.get(i)).containsExactly(java.values());
                assertThat(python.get(i).finalLoss()).isCloseTo(java.finalLoss(), withPrecision(1e-15));
            }
        }
    }

    @Test
    void anUnknownConfigurationIsTheScriptsOneLineError() throws IOException {
        try {
            anchor().curves(FidelitySuiteTest.PROBLEMS, "dl4j_fashion", List.of(Map.of("lr", 0.5, "hidden", 64, "dropout", 0.0, "batch", 64)));
            throw new AssertionError("expected a failure");
        } catch (IOException e) {
            assertThat(e.getMessage()).isEqualTo("the Python curves of dl4j_fashion failed: ValueError: no recorded curve for "
                    + "lr=0.5, hidden=64, dropout=0, batch=64");
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    static OptunaAnchor anchor() {
        return new OptunaAnchor(PythonTools.requirePython(), OptunaAnchor.scriptBeside(FidelitySuiteTest.PROBLEMS));
    }

    private static List<Map<String, Object>> flat(List<Object> configs) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object c : configs) out.add(ConfigParams.flatten(c));
        return out;
    }
}
