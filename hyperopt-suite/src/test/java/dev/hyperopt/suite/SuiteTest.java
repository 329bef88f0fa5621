package dev.hyperopt.suite;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hyperopt.engine.space.Assignment;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withPrecision;

/** The Java suite reproduces the problem list's reference values, so comparisons with the reference numbers mean what they say. */
class SuiteTest {
    static final Path PROBLEMS = Path.of("..", "bench", "problems.json");

    static Suite suite() throws IOException {
        return Suite.load(PROBLEMS);
    }

    @Test
    void keyedNoiseMatchesTheReferenceValues() throws IOException {
        JsonNode refs = suite().document().path("conventions").path("noise_reference_values");
        assertThat(refs.size()).isGreaterThanOrEqualTo(16);
        for (JsonNode r : refs) {
            double expected = r.get(2).asDouble();
            assertThat(KeyedNoise.stdNormal(r.get(0).asLong(), r.get(1).asLong()))
                    .as("eps(%s, %s)", r.get(0), r.get(1)).isCloseTo(expected, withPrecision(1e-12 * Math.max(1, Math.abs(expected))));
        }
    }

    @Test
    void everyProblemReproducesItsReferenceEvaluations() throws IOException {
        Suite suite = suite();
        int checked = 0;
        for (String section : new String[] {"problems", "overhead_problems"}) {
            for (JsonNode p : suite.document().path(section)) {
                BenchProblem problem = suite.problem(p.path("name").asText());
                assertThat(p.path("reference_evaluations").size()).as(problem.name()).isPositive();
                for (JsonNode ev : p.path("reference_evaluations")) {
                    Map<String, Object> params = new LinkedHashMap<>();
                    ev.path("params").fields().forEachRemaining(e -> params.put(e.getKey(), Suite.value(e.getValue())));
                    Formulas.Loss loss = problem.formula().evaluate(params, ev.path("seed").asLong(), ev.path("k").asLong());
                    assertClose(problem.name() + " loss at " + params, loss.observed(), ev.path("loss").asDouble());
                    assertClose(problem.name() + " true loss at " + params, loss.trueLoss(), ev.path("true_loss").asDouble());
                    checked++;
                }
            }
        }
        assertThat(suite.qualityProblems()).hasSize(15);
        assertThat(checked).isGreaterThanOrEqualTo(16 * 3);
    }

    private static void assertClose(String what, double actual, double expected) {
        assertThat(actual).as(what).isCloseTo(expected, withPrecision(1e-12 * Math.max(1, Math.abs(expected))));
    }

    @Test
    void assignmentsReachTheFormulasByNeutralNameWithChoiceValues() throws IOException {
        Suite suite = suite();
        BenchProblem cash = suite.problem("cash_synth");
        Assignment a = Assignment.fromLabels(cash.space(), Map.of("model", "mlp", "model.mlp.mlp_lr", 0.0031622776601683794,
                "model.mlp.mlp_hidden", 128.0, "model.mlp.mlp_alpha", 0.0001, "model.mlp.mlp_activation", "relu"));
        assertThat(cash.params(a)).containsEntry("model", "mlp").containsEntry("mlp_activation", "relu");
        assertThat(cash.evaluate(a, 0, 0).observed()).isCloseTo(0.08, withPrecision(1e-12));

        BenchProblem q1 = suite.problem("q1_choice");
        String xPos = q1.space().labels().stream().filter(l -> l.endsWith("x_pos")).findFirst().orElseThrow();
        Assignment b = Assignment.fromLabels(q1.space(), Map.of("o_x", 1L, xPos, 2.5));
        assertThat(q1.params(b)).containsEntry("o_x", 3.0).containsEntry("x_pos", 2.5);
        assertThat(q1.evaluate(b, 0, 0).observed()).isEqualTo(0.25);
    }

    @Test
    void noisyProblemsKeepTheNoiseFreeLossApart() throws IOException {
        BenchProblem arms = suite().problem("n_arms");
        assertThat(arms.stochastic()).isTrue();
        Assignment best = Assignment.fromLabels(arms.space(), Map.of("x", 0L));
        Formulas.Loss l = arms.evaluate(best, 3, 5);
        assertThat(l.trueLoss()).isEqualTo(-1.0);
        assertThat(l.observed()).isEqualTo(-1.0 + KeyedNoise.stdNormal(3, 5));
    }
}
