package dev.hyperopt.suite.fidelity;

import dev.hyperopt.engine.sample.SamplingContext;
import dev.hyperopt.engine.sample.random.RandomSampler;
import dev.hyperopt.engine.space.SpaceEvaluator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The multi-fidelity problems as the bench reads them: the recorded tables load whole, every
 * configuration their spaces can draw has its recorded curve (and the draws reach every
 * recorded row), and the synthetic curves keep the promises their formula makes.
 */
class FidelitySuiteTest {
    static final Path PROBLEMS = Path.of("..", "bench", "multifidelity", "problems.json");

    @TempDir
    Path dir;

    static FidelitySuite suite() throws IOException {
        return FidelitySuite.load(PROBLEMS);
    }

    /** {@code n} configurations drawn from a problem's space, as the objective sees them. */
    static List<Object> draws(CurveProblem p, int n, long seed) {
        RandomSampler rand = new RandomSampler();
        List<Object> out = new ArrayList<>();
        for (int k = 0; k < n; k++) out.add(SpaceEvaluator.evaluate(rand.suggest(new SamplingContext(p.space(), List.of(), seed, k))));
        return out;
    }

    @Test
    void theSuiteHasItsThreeProblemsWithBudgetsOfSeveralFullRuns() throws IOException {
        FidelitySuite suite = suite();
        assertThat(suite.problems()).extracting(CurveProblem::name).containsExactly("synthetic_hartmann", "dl4j_fashion", "weka_folds");
        for (CurveProblem p : suite.problems()) {
            assertThat(p.budget()).as(p.name()).isBetween(20 * p.maxSteps(), 30 * p.maxSteps());
        }
        assertThat(suite.problem("dl4j_fashion").maxSteps()).isEqualTo(27);
        assertThat(suite.problem("weka_folds").maxSteps()).isEqualTo(10);
        assertThat(suite.problem("weka_folds").extraArms()).containsExactly("tpe+wilcoxon");
        assertThatThrownBy(() -> suite.problem("nope")).hasMessageContaining("no multi-fidelity problem 'nope'")
                .hasMessageContaining("dl4j_fashion");
    }

    @Test
    void everyDrawOfATabularSpaceFindsItsRecordedCurveAndTheDrawsReachEveryRow() throws IOException {
        FidelitySuite suite = suite();
        for (String name : List.of("dl4j_fashion", "weka_folds")) {
            CurveProblem p = suite.problem(name);
            CurveTable table = (CurveTable) p.source();
            assertThat(table.steps()).isEqualTo(p.maxSteps());
            Set<Curve> seen = new HashSet<>();
            for (Object config : draws(p, 4000, 7)) {
                Curve c = p.curve(config);
                assertThat(c.steps()).isEqualTo(p.maxSteps());
                for (double v : c.values()) assertThat(v).as(name).isBetween(0.0, 1.0);
                seen.add(c);
            }
            assertThat(seen).as(name + ": rows reached by 4000 draws").hasSize(table.size());
        }
        assertThat(((CurveTable) suite.problem("dl4j_fashion").source()).size()).isEqualTo(144);
        assertThat(((CurveTable) suite.problem("weka_folds").source()).size()).isEqualTo(153);
    }

    @Test
    void theFoldsProblemEndsWithTheMeanOfItsFoldsAndTheEpochsProblemWithItsLastEpoch() throws IOException {
        FidelitySuite suite = suite();
        Curve folds = suite.problem("weka_folds").curve(Map.of("model", Map.of("learner", "logistic", "logistic_ridge", 1.0)));
        double sum = 0;
        for (double v : folds.values()) sum += v;
        assertThat(folds.finalLoss()).isEqualTo(sum / 10);
        Curve epochs = suite.problem("dl4j_fashion").curve(Map.of("lr", 0.001, "hidden", 128L, "dropout", 0.25, "batch", 64L));
        assertThat(epochs.finalLoss()).isEqualTo(epochs.at(27));
        assertThat(suite.problem("dl4j_fashion").bestFinal()).isLessThan(0.2).isGreaterThan(0.05);
    }

    @Test
    void syntheticCurvesEndWithoutNoiseAtTheirClosedFormAndCross() throws IOException {
        CurveProblem p = suite().problem("synthetic_hartmann");
        List<Curve> curves = new ArrayList<>();
        for (Object config : draws(p, 300, 3)) {
            Curve c = p.curve(config);
            @SuppressWarnings("unchecked")
            Map<String, Object> x = (Map<String, Object>) config;
            double[] xs = new double[6];
            for (int i = 0; i < 6; i++) xs[i] = ((Number) x.get("x" + i)).doubleValue();
            double closedForm = dev.hyperopt.suite.Formulas.hartmann6(xs) + (0.5 + 2.0 * xs[0]) * Math.pow(27, -(0.3 + 1.2 * xs[1]));
            assertThat(c.finalLoss()).isEqualTo(closedForm).isEqualTo(c.at(27));
            curves.add(c);
        }
        // The same point gives the same curve: the noise is keyed by the point, not by the trial.
        Object first = draws(p, 1, 3).get(0);
        assertThat(p.curve(first).values()).containsExactly(curves.get(0).values());
        // Early values mislead: some pairs are ordered one way at step 1 and the other way at the end.
        int crossings = 0;
        int pairs = 0;
        for (int i = 0; i < curves.size(); i++) {
            for (int j = i + 1; j < curves.size(); j++) {
                pairs++;
                Curve a = curves.get(i);
                Curve b = curves.get(j);
                if ((a.at(1) < b.at(1)) != (a.finalLoss() < b.finalLoss())) crossings++;
            }
        }
        assertThat((double) crossings / pairs).isBetween(0.15, 0.45);
    }

    @Test
    void aBadTableIsAOneLineErrorNamingFileAndLine() throws IOException {
        Path t = dir.resolve("t.csv");
        Files.writeString(t, "id,a,e1,e2\n0,1,0.5,0.4\n1,1,0.6,0.3\n");
        assertThatThrownBy(() -> CurveTable.read(t, List.of("a"), "e", CurveTable.Final.LAST))
                .hasMessage(t + ":3: a second row for a=1");
        Files.writeString(t, "id,a,e1,e2\n0,1,0.5,x\n");
        assertThatThrownBy(() -> CurveTable.read(t, List.of("a"), "e", CurveTable.Final.LAST))
                .hasMessage(t + ":2: step 2 is not a number: 'x'");
        assertThatThrownBy(() -> CurveTable.read(t, List.of("b"), "e", CurveTable.Final.LAST)).hasMessage(t + ": no column 'b'");
        Files.writeString(t, "id,a,e1,e2\n0,1,0.5,0.4\n1,2.5,0.6,0.2\n");
        CurveTable ok = CurveTable.read(t, List.of("a"), "e", CurveTable.Final.MEAN);
        assertThat(ok.curve(Map.of("a", 1L)).finalLoss()).isEqualTo(0.45);
        assertThat(ok.curve(Map.of("a", 2.5000000000001)).finalLoss()).isEqualTo(0.4);
        assertThatThrownBy(() -> ok.curve(Map.of("a", 3.0))).hasMessage("no recorded curve for a=3");
        assertThatThrownBy(() -> ok.curve(Map.of("a", 1.0, "z", 2.0))).hasMessage("the table has no column for [z]");
    }
}
