package dev.hyperopt.weka;

import dev.hyperopt.engine.api.Config;
import dev.hyperopt.engine.api.Intermediate;
import dev.hyperopt.engine.api.Outcome;
import dev.hyperopt.engine.api.TrialContext;
import dev.hyperopt.weka.data.DataSets;
import dev.hyperopt.weka.objective.EvaluationSettings;
import dev.hyperopt.weka.objective.Metric;
import dev.hyperopt.weka.objective.SlowTrials;
import dev.hyperopt.weka.objective.WekaObjective;
import org.junit.jupiter.api.Test;
import weka.core.Instances;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** A trial's JVM reports every fold through the protocol, obeys a prune answer, and sends its out-of-fold predictions back. */
class WekaObjectiveTest {
    private static final Instances IRIS = DataSets.withClass(DataSets.load("iris"), "last", "iris");
    private static final Map<String, Object> J48 = Map.of("class", "weka.classifiers.trees.J48");

    @Test
    void everyFoldIsReportedAndTheOutOfFoldPredictionsStayWithTheObjective() throws Exception {
        try (WekaObjective objective = new WekaObjective(IRIS, EvaluationSettings.defaults(Metric.ERROR_RATE), "256m")) {
            TrialContext context = TrialContext.of(4, Config.of(J48), Map.of());
            Outcome o = objective.evaluate(context);
            assertThat(o.ok()).as(o.error()).isTrue();
            assertThat(context.intermediate()).extracting(Intermediate::step).containsExactly(1L, 2L, 3L, 4L, 5L);
            double mean = context.intermediate().stream().mapToDouble(Intermediate::value).average().orElseThrow();
            assertThat(mean).isCloseTo(o.loss(), org.assertj.core.api.Assertions.within(1e-9));
            assertThat(o.attachments()).containsKey("command").doesNotContainKey("out_of_fold");
            assertThat(objective.scored()).singleElement().satisfies(s -> {
                assertThat(s.trial()).isEqualTo(4);
                assertThat(s.loss()).isEqualTo(o.loss());
                assertThat(s.outOfFold().rows()).isEqualTo(150);
                assertThat(s.outOfFold().classes()).isEqualTo(3);
            });
        }
    }

    @Test
    void aPruneAnswerStopsTheTrialAfterThatFold() throws Exception {
        try (WekaObjective objective = new WekaObjective(IRIS, EvaluationSettings.defaults(Metric.ERROR_RATE), "256m")) {
            TrialContext context = new TrialContext(0, Config.of(J48), Map.of(), null, () -> false, (trial, value) -> value.step() == 2);
            Outcome o = objective.evaluate(context);
            assertThat(o.isPruned()).isTrue();
            assertThat(context.intermediate()).hasSize(2);
            assertThat(objective.scored()).isEmpty();

            // the same process goes on with the next trial
            TrialContext next = TrialContext.of(1, Config.of(J48), Map.of());
            assertThat(objective.evaluate(next).ok()).isTrue();
            assertThat(next.intermediate()).hasSize(5);
        }
    }

    @Test
    void aSlowPoorTrialIsStoppedWithItsReasonAndASlowGoodOneFinishes() throws Exception {
        // A clock that makes each fold of the trials after the first five last a minute.
        AtomicLong nanos = new AtomicLong();
        AtomicLong perCall = new AtomicLong(0);
        SlowTrials rule = new SlowTrials(4, 5, () -> nanos.addAndGet(perCall.get()));
        Map<String, Object> zeroR = Map.of("class", "weka.classifiers.rules.ZeroR");
        try (WekaObjective objective = new WekaObjective(IRIS, EvaluationSettings.defaults(Metric.ERROR_RATE), "256m").stopSlowTrials(rule)) {
            for (int i = 0; i < 5; i++) assertThat(objective.evaluate(TrialContext.of(i, Config.of(J48), Map.of())).ok()).isTrue();
            perCall.set(60_000_000_000L);

            TrialContext poor = TrialContext.of(5, Config.of(zeroR), Map.of());
            Outcome stopped = objective.evaluate(poor);
            assertThat(stopped.isPruned()).isTrue();
            assertThat(stopped.attachments().get("stopped")).asString().startsWith("slow and poor after fold 1: projected 300.0 s");
            assertThat(poor.intermediate()).as("the engine still got the fold").hasSize(1);

            TrialContext good = TrialContext.of(6, Config.of(J48), Map.of());
            Outcome finished = objective.evaluate(good);
            assertThat(finished.ok()).isTrue();
            assertThat(finished.attachments()).doesNotContainKey("stopped");
            assertThat(good.intermediate()).hasSize(5);
        }
    }
}
