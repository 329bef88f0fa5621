package dev.hyperopt.weka;

import dev.hyperopt.engine.api.Config;
import dev.hyperopt.engine.api.Outcome;
import dev.hyperopt.engine.api.TrialContext;
import dev.hyperopt.weka.data.DataSets;
import dev.hyperopt.weka.objective.EvaluationSettings;
import dev.hyperopt.weka.objective.Metric;
import dev.hyperopt.weka.objective.WekaObjective;
import org.junit.jupiter.api.Test;
import weka.core.Instances;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/** A Weka build that would run for hours is stopped at the trial's time-out, and the next trial runs. */
class TrialTimeoutTest {

    @Test
    void aRunawayBuildIsKilledAtTheTimeOut() throws Exception {
        Instances iris = DataSets.withClass(DataSets.load("iris"), "last", "iris");
        // A billion epochs of a 2x64 network: Weka would train it for days and ignores interrupts.
        Map<String, Object> hang = Map.of("class", "weka.classifiers.functions.MultilayerPerceptron", "N", 1_000_000_000L, "H", "64,64");
        Map<String, Object> quick = Map.of("class", "weka.classifiers.rules.ZeroR");
        try (WekaObjective objective = new WekaObjective(iris, EvaluationSettings.defaults(Metric.ERROR_RATE), "256m")) {
            Outcome o = objective.evaluate(new TrialContext(0, Config.of(hang), Map.of(), Duration.ofSeconds(3), null));
            assertThat(o.ok()).isFalse();
            assertThat(o.error()).isEqualTo("timed out after 3s");
            assertThat(workers()).isZero();

            Outcome next = objective.evaluate(new TrialContext(1, Config.of(quick), Map.of(), Duration.ofSeconds(60), null));
            assertThat(next.ok()).as(String.valueOf(next.error())).isTrue();
            assertThat(next.loss()).isCloseTo(2.0 / 3, org.assertj.core.api.Assertions.within(1e-9));
        }
        assertThat(workers()).isZero();
    }

    @Test
    void aTrialThatNeedsMoreMemoryThanItsLimitFailsWithThatReason() throws Exception {
        Instances iris = DataSets.withClass(DataSets.load("iris"), "last", "iris");
        // A kernel cache of 100 million entries (1.6 GB) in a 64 MB heap.
        Map<String, Object> big = Map.of("class", "weka.classifiers.functions.SMO",
                "K", Map.of("class", "weka.classifiers.functions.supportVector.PolyKernel", "C", 100_000_007L));
        try (WekaObjective objective = new WekaObjective(iris, EvaluationSettings.defaults(Metric.ERROR_RATE), "64m")) {
            Outcome o = objective.evaluate(new TrialContext(0, Config.of(big), Map.of(), Duration.ofSeconds(120), null));
            assertThat(o.ok()).isFalse();
            assertThat(o.error()).startsWith("out of memory");
        }
    }

    /** Trial JVMs still alive after each has had a minute to exit (a kill takes effect well within that). */
    private static long workers() throws Exception {
        List<ProcessHandle> alive = ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("EvaluationWorker")).toList();
        for (ProcessHandle p : alive) {
            try {
                p.onExit().get(1, TimeUnit.MINUTES);
            } catch (TimeoutException stillAlive) {
                // counted below
            }
        }
        return alive.stream().filter(ProcessHandle::isAlive).count();
    }
}
