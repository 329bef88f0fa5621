package dev.hyperopt.dl4j.objective;

import dev.hyperopt.engine.api.Config;
import dev.hyperopt.engine.api.Intermediate;
import dev.hyperopt.engine.api.Outcome;
import dev.hyperopt.engine.api.TrialContext;
import dev.hyperopt.engine.objective.ObjectiveServer;
import dev.hyperopt.nd4j.data.DataSplits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;
import java.util.Optional;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** DL4J trials in child JVMs: real processes, killed past their time-out, replaced after a crash, reporting across the boundary. */
@Timeout(300)
class IsolatedDl4jObjectiveTest {
    private static final DataSplits.Sizes SIZES = new DataSplits.Sizes(120, 60, 60);
    private static final IsolatedDl4jObjective.Source SOURCE = new IsolatedDl4jObjective.Source("rectangles", SIZES, 1);
    private static final DataSplits TINY = DataSplits.open("rectangles", SIZES, 1);

    private static IsolatedDl4jObjective start(String... jvmOptions) {
        return new IsolatedDl4jObjective(TINY, SOURCE, 0, 0, false, "256m", List.of(jvmOptions), null);
    }

    private static TrialContext trial(long n, int units, int epochs) {
        return new TrialContext(n, Config.of(ModernMlpTest.mlp("raw", List.of(units), 0.0, "relu", false, "adam", epochs)), Map.of(), null, null);
    }

    @Test
    void reportsEachEpochAndTakesThePrunersAnswerAcrossTheProcess() throws Exception {
        try (IsolatedDl4jObjective objective = start()) {
            TrialContext whole = trial(0, 16, 3);
            Outcome ok = objective.evaluate(whole);
            assertThat(ok.ok()).as(ok.error()).isTrue();
            assertThat(whole.intermediate()).extracting(Intermediate::step).containsExactly(1L, 2L, 3L);
            assertThat(ok.attachments()).containsEntry("epochs", 3L).doesNotContainKey(IsolatedDl4jObjective.KEPT_NET);
            assertThat(objective.kept()).extracting(Dl4jObjective.Kept::trial).containsExactly(0L);
            assertThat(objective.kept().get(0).validProbabilities()).hasNumberOfRows(TINY.valid().size());

            List<Intermediate> seen = new ArrayList<>();
            TrialContext pruned = new TrialContext(1, trial(1, 16, 6).config(), Map.of(), null, null, (t, value) -> {
                seen.add(value);
                return value.step() == 2;
            });
            Outcome p = objective.evaluate(pruned);
            assertThat(p.isPruned()).as(p.error()).isTrue();
            assertThat(seen).extracting(Intermediate::step).containsExactly(1L, 2L);
            assertThat(objective.processesStarted()).isEqualTo(1);
        }
    }

    @Test
    void aTrialPastItsTimeoutHasItsProcessKilledAndTheNextTrialRuns() throws Exception {
        try (IsolatedDl4jObjective objective = start("-D" + ObjectiveServer.STALL_AT_TRIAL + "=1")) {
            assertThat(objective.evaluate(trial(0, 8, 1)).ok()).isTrue();
            long pid = objective.processIds().get(0);
            TrialContext late = new TrialContext(1, trial(1, 8, 1).config(), Map.of(), Duration.ofSeconds(3), null);
            Outcome o = objective.evaluate(late);
            assertThat(o.ok()).isFalse();
            assertThat(o.error()).isEqualTo("timed out after 3s");
            assertThat(gone(pid)).as("process " + pid + " is gone").isTrue();
            Outcome next = objective.evaluate(trial(2, 8, 1));
            assertThat(next.ok()).as(next.error()).isTrue();
            assertThat(objective.processesStarted()).isEqualTo(2);
        }
    }

    @Test
    void aCrashedProcessIsOneFailedTrialWithItsReason() throws Exception {
        try (IsolatedDl4jObjective objective = start("-D" + ObjectiveServer.HALT_AT_TRIAL + "=1")) {
            assertThat(objective.evaluate(trial(0, 8, 1)).ok()).isTrue();
            Outcome crashed = objective.evaluate(trial(1, 8, 1));
            assertThat(crashed.ok()).isFalse();
            assertThat(crashed.error()).startsWith("DL4J trial's process crashed (exit status 134, signal 6) before replying");
            Outcome next = objective.evaluate(trial(2, 8, 1));
            assertThat(next.ok()).as(next.error()).isTrue();
        }
    }

    /** Whether the process ends within a generous deadline (a kill is asynchronous). */
    private static boolean gone(long pid) throws InterruptedException {
        Optional<ProcessHandle> p = ProcessHandle.of(pid);
        if (p.isEmpty()) return true;
        try {
            p.get().onExit().get(30, TimeUnit.SECONDS);
            return true;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return false;
        }
    }
}
