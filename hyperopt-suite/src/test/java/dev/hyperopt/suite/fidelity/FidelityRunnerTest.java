package dev.hyperopt.suite.fidelity;

import dev.hyperopt.engine.inject.Engine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Searches of the multi-fidelity bench with this engine: the budget of steps holds exactly,
 * a pruner stops trials and so buys more of them, a seed gives the same search twice, and
 * the Optuna anchors (a real Python subprocess with Optuna) count steps the same way.
 */
class FidelityRunnerTest {
    static FidelitySuite suite;
    static FidelityRunner runner;

    @BeforeAll
    static void load() throws IOException {
        suite = FidelitySuite.load(FidelitySuiteTest.PROBLEMS);
        runner = new FidelityRunner(Engine.standard());
    }

    @Test
    void withoutPruningEveryTrialRunsToTheEndAndTheBudgetIsSpentExactly() {
        CurveProblem p = suite.problem("synthetic_hartmann").withBudget(100);
        FidelityRun r = runner.run(p, Arm.parse("tpe"), 0, 100);
        // 100 steps: three trials of 27, and a fourth stopped by the budget after 19 steps.
        assertThat(r.stepsUsed()).isEqualTo(100);
        assertThat(r.trials()).isEqualTo(4);
        assertThat(r.completed()).isEqualTo(3);
        assertThat(r.pruned()).isZero();
        assertThat(r.improvements()).isNotEmpty();
        for (double[] i : r.improvements()) assertThat((int) i[0]).isIn(27, 54, 81);
        assertThat(r.finalLoss()).isEqualTo(r.improvements().get(r.improvements().size() - 1)[1]);
    }

    @Test
    void aPrunerStopsTrialsEarlySoTheSameBudgetBuysMoreOfThem() {
        CurveProblem p = suite.problem("dl4j_fashion");
        FidelityRun plain = runner.run(p, Arm.parse("tpe"), 1, p.budget());
        FidelityRun asha = runner.run(p, Arm.parse("tpe+asha"), 1, p.budget());
        assertThat(plain.stepsUsed()).isEqualTo(p.budget());
        assertThat(asha.stepsUsed()).isEqualTo(p.budget());
        assertThat(plain.completed()).isEqualTo(p.budget() / p.maxSteps());
        assertThat(asha.pruned()).isPositive();
        assertThat(asha.trials()).isGreaterThan(2 * plain.trials());
        assertThat(asha.completed() + asha.pruned()).isBetween(asha.trials() - 1, asha.trials());
        assertThat(asha.finalLoss()).isBetween(p.bestFinal(), 0.9);
    }

    @Test
    void aSeedGivesTheSameSearchTwice() {
        CurveProblem p = suite.problem("weka_folds");
        FidelityRun a = runner.run(p, Arm.parse("tpe+wilcoxon"), 3, p.budget());
        FidelityRun b = runner.run(p, Arm.parse("tpe+wilcoxon"), 3, p.budget());
        assertThat(a.trials()).isEqualTo(b.trials());
        assertThat(a.pruned()).isEqualTo(b.pruned());
        assertThat(a.improvements()).hasSameSizeAs(b.improvements());
        for (int i = 0; i < a.improvements().size(); i++) assertThat(a.improvements().get(i)).containsExactly(b.improvements().get(i));
    }

    @Test
    void aLongerHorizonExtendsTheSameSearchAndTheFinalLossIsStillReadAtTheBudget() {
        CurveProblem p = suite.problem("synthetic_hartmann");
        FidelityRun atBudget = runner.run(p, Arm.parse("tpe+asha"), 2, p.budget());
        FidelityRun longer = runner.run(p, Arm.parse("tpe+asha"), 2, 2 * p.budget());
        assertThat(longer.stepsUsed()).isEqualTo(2 * p.budget());
        assertThat(longer.finalLoss()).isEqualTo(atBudget.finalLoss());
        assertThat(longer.bestAt(2 * p.budget())).isLessThanOrEqualTo(atBudget.finalLoss());
        assertThat(longer.stepsToReach(atBudget.finalLoss())).isEqualTo(atBudget.stepsToReach(atBudget.finalLoss()));
    }

    @Test
    void badArmsAreRefusedBeforeAnyRun() {
        assertThatThrownBy(() -> runner.check(Arm.parse("tpe+nope"))).hasMessageContaining("unknown pruner 'nope'");
        assertThatThrownBy(() -> runner.check(Arm.parse("nope+asha"))).hasMessageContaining("unknown algorithm 'nope'");
        assertThatThrownBy(() -> Arm.parse("optuna:median")).hasMessageContaining("the Optuna anchors run none, hyperband, sha");
        assertThat(Arm.parse("rand+asha").pruner()).isEqualTo("asha:min_resource=1,reduction_factor=3");
        assertThat(Arm.parse("tpe+asha:reduction_factor=4").pruner()).isEqualTo("asha:reduction_factor=4");
    }

    @Test
    void optunaAnchorsSpendTheSameBudgetOfSteps() throws Exception {
        String python = PythonTools.requireOptuna();
        CurveProblem p = suite.problem("weka_folds");
        OptunaAnchor anchor = new OptunaAnchor(python, OptunaAnchor.scriptBeside(FidelitySuiteTest.PROBLEMS));
        assertThat(anchor.optunaVersion()).matches("\\d+\\.\\d+.*");
        List<FidelityRun> runs = anchor.run(FidelitySuiteTest.PROBLEMS, p, Arm.parse("optuna:sha"), List.of(0L, 1L), 60);
        assertThat(runs).extracting(FidelityRun::seed).containsExactly(0L, 1L);
        for (FidelityRun r : runs) {
            assertThat(r.stepsUsed()).isEqualTo(60);
            assertThat(r.arm()).isEqualTo("optuna:sha");
            assertThat(r.pruned()).isPositive();
            assertThat(r.finalLoss()).isBetween(p.bestFinal(), 0.5);
        }
        // The same seed gives the same search, Hyperband's brackets included.
        List<FidelityRun> once = anchor.run(FidelitySuiteTest.PROBLEMS, p, Arm.parse("optuna:hyperband"), List.of(4L), 120);
        List<FidelityRun> again = anchor.run(FidelitySuiteTest.PROBLEMS, p, Arm.parse("optuna:hyperband"), List.of(4L), 120);
        assertThat(once.get(0).pruned()).isPositive().isEqualTo(again.get(0).pruned());
        assertThat(once.get(0).trials()).isEqualTo(again.get(0).trials());
        assertThat(once.get(0).improvements()).hasSameSizeAs(again.get(0).improvements());
        for (int i = 0; i < once.get(0).improvements().size(); i++) {
            assertThat(once.get(0).improvements().get(i)).containsExactly(again.get(0).improvements().get(i));
        }
        OptunaAnchor missing = new OptunaAnchor("/nonexistent/python3", OptunaAnchor.scriptBeside(FidelitySuiteTest.PROBLEMS));
        assertThatThrownBy(missing::optunaVersion).hasMessageStartingWith("cannot start '/nonexistent/python3' for the Optuna anchors");
    }
}
