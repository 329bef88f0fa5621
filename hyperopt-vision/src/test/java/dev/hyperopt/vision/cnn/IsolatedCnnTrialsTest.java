package dev.hyperopt.vision.cnn;

import dev.hyperopt.engine.api.Config;
import dev.hyperopt.engine.api.Intermediate;
import dev.hyperopt.engine.api.Outcome;
import dev.hyperopt.engine.api.TrialContext;
import dev.hyperopt.engine.objective.ChildJvmObjective;
import dev.hyperopt.engine.objective.ObjectiveServer;
import dev.hyperopt.nd4j.data.DataSplits;
import dev.hyperopt.vision.objective.VisionWorker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;
import java.util.Optional;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** CNN trials in child JVMs: real processes, killed past their time-out, replaced after a crash, reporting across the boundary. */
@Timeout(300)
class IsolatedCnnTrialsTest {
    private static final VisionWorker.Source SOURCE = new VisionWorker.Source("rectangles", new DataSplits.Sizes(60, 30, 30), 1, null);

    private static ChildJvmObjective start(String... jvmOptions) {
        return VisionWorker.isolated(SOURCE, "cnn", 0, false, "256m", List.of(jvmOptions), null);
    }

    private static Config small(long epochs) {
        return CnnTestData.config(List.of(CnnTestData.block(2, 3, "max")), 0, epochs, 100_000);
    }

    @Test
    void everyEpochIsReportedAndThePrunersAnswerStopsTheTrainingAcrossTheProcess() throws Exception {
        try (ChildJvmObjective objective = start()) {
            TrialContext all = TrialContext.of(0, small(2), Map.of());
            Outcome ok = objective.evaluate(all);
            assertThat(ok.ok()).as(ok.error()).isTrue();
            assertThat(all.intermediate()).extracting(Intermediate::step).containsExactly(1L, 2L);

            List<Intermediate> seen = new ArrayList<>();
            TrialContext stopped = new TrialContext(1, small(4), Map.of(), null, null, (trial, value) -> {
                seen.add(value);
                return value.step() == 1;
            });
            Outcome pruned = objective.evaluate(stopped);
            assertThat(pruned.isPruned()).as(pruned.error()).isTrue();
            assertThat(pruned.attachments()).containsEntry("stopped_by", "pruned");
            assertThat(seen).hasSize(1);
            assertThat(objective.processesStarted()).isEqualTo(1);
        }
    }

    @Test
    void aTrialPastItsTimeoutHasItsProcessKilledAndACrashFailsOneTrial() throws Exception {
        try (ChildJvmObjective objective = start("-D" + ObjectiveServer.STALL_AT_TRIAL + "=1", "-D" + ObjectiveServer.HALT_AT_TRIAL + "=3")) {
            assertThat(objective.evaluate(TrialContext.of(0, small(1), Map.of())).ok()).isTrue();
            long pid = objective.processIds().get(0);
            Outcome late = objective.evaluate(new TrialContext(1, small(1), Map.of(), Duration.ofSeconds(3), null));
            assertThat(late.ok()).isFalse();
            assertThat(late.error()).isEqualTo("timed out after 3s");
            assertThat(gone(pid)).as("process " + pid + " is gone").isTrue();
            Outcome next = objective.evaluate(TrialContext.of(2, small(1), Map.of()));
            assertThat(next.ok()).as(next.error()).isTrue();

            Outcome crashed = objective.evaluate(TrialContext.of(3, small(1), Map.of()));
            assertThat(crashed.ok()).isFalse();
            assertThat(crashed.error()).startsWith("vision trial's process crashed (exit status 134, signal 6) before replying");
            Outcome after = objective.evaluate(TrialContext.of(4, small(1), Map.of()));
            assertThat(after.ok()).as(after.error()).isTrue();
            assertThat(objective.processesStarted()).isEqualTo(3);
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
