package dev.hyperopt.engine.run;

import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.engine.TestSpaces;
import dev.hyperopt.engine.api.Intermediate;
import dev.hyperopt.engine.api.Objective;
import dev.hyperopt.engine.api.Outcome;
import dev.hyperopt.engine.api.Trial;
import dev.hyperopt.engine.api.TrialPrunedException;
import dev.hyperopt.engine.api.TrialState;
import dev.hyperopt.engine.prune.Pruner;
import dev.hyperopt.engine.store.MemoryTrialStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(120)
class PruningRunTest {
    private static final SearchSpace BRANIN = TestSpaces.branin();
    private static final int STEPS = 5;

    /** Stops a trial at step 2 or later when its value there is above 60. */
    private static final Pruner ABOVE_60 = c -> c.step() >= 2 && c.value() > 60;

    /** Reports Branin scaled up early (value * (1 + 1/step)) for 5 steps, stopping when told to. */
    private static final Objective CURVES = ctx -> {
        double f = HyperoptTest.branin(ctx.config().getDouble("x"), ctx.config().getDouble("y"));
        for (int step = 1; step <= STEPS; step++) {
            ctx.report(step, f * (1 + 1.0 / step));
            if (ctx.shouldPrune()) return Outcome.pruned();
        }
        return Outcome.ok(f);
    };

    @Test
    void prunedTrialsStopEarlyAndKeepTheValuesTheyReported() {
        Result r = Hyperopt.minimize(BRANIN, CURVES).algorithm("rand").seed(3).maxEvals(40)
                .pruner("above-60", ABOVE_60).run();
        List<Trial> pruned = r.trials().stream().filter(t -> t.state() == TrialState.PRUNED).toList();
        List<Trial> ok = r.trials().stream().filter(Trial::isOk).toList();
        assertThat(pruned).isNotEmpty();
        assertThat(ok).isNotEmpty();
        assertThat(pruned.size() + ok.size()).isEqualTo(40);
        for (Trial t : pruned) {
            assertThat(t.loss()).isNaN();
            assertThat(t.error()).isNull();
            Intermediate last = t.lastIntermediate();
            assertThat(last.value()).isGreaterThan(60);
            assertThat(t.intermediate()).extracting(Intermediate::step).containsExactly(range(1, last.step()));
        }
        for (Trial t : ok) {
            assertThat(t.intermediate()).extracting(Intermediate::step).containsExactly(1L, 2L, 3L, 4L, 5L);
            assertThat(t.intermediate().get(4).value()).isEqualTo(t.loss() * 1.2);
        }
        assertThat(r.counts()).containsEntry(TrialState.PRUNED, pruned.size()).containsEntry(TrialState.OK, ok.size());
    }

    @Test
    void anObjectiveMayThrowToStopItsTrial() {
        Objective o = ctx -> {
            ctx.report(1, 100);
            if (ctx.shouldPrune()) throw new TrialPrunedException("poor");
            return Outcome.ok(1);
        };
        Result r = Hyperopt.minimize(BRANIN, o).algorithm("rand").maxEvals(3).pruner("always", c -> true).run();
        assertThat(r.trials()).allMatch(t -> t.state() == TrialState.PRUNED && t.intermediate().size() == 1);
    }

    @Test
    void withoutAPrunerReportsAreKeptAndNoTrialStops() {
        Result r = Hyperopt.minimize(BRANIN, CURVES).algorithm("rand").maxEvals(10).run();
        assertThat(r.trials()).allMatch(t -> t.isOk() && t.intermediate().size() == STEPS);
    }

    @Test
    void aReportThatDoesNotFollowTheLastStepFailsTheTrial() {
        Objective o = ctx -> {
            ctx.report(3, 1);
            ctx.report(3, 1);
            return Outcome.ok(1);
        };
        Result r = Hyperopt.minimize(BRANIN, o).algorithm("rand").maxEvals(1).run();
        assertThat(r.trials().get(0).state()).isEqualTo(TrialState.FAIL);
        assertThat(r.trials().get(0).error()).contains("steps must increase");
        assertThat(r.trials().get(0).intermediate()).hasSize(1);
    }

    @Test
    void everySamplerRunsWithAPruner() {
        for (String algo : List.of("tpe", "tpe-hyperopt", "anneal", "rand")) {
            Result r = Hyperopt.minimize(BRANIN, CURVES).algorithm(algo).seed(5).maxEvals(40).pruner("above-60", ABOVE_60).run();
            assertThat(r.trials()).as(algo).hasSize(40).allMatch(Trial::isFinished);
            assertThat(r.best()).as(algo).isPresent();
        }
    }

    @Test
    void everySamplerRunsWithEveryNamedPruner() {
        for (String pruner : dev.hyperopt.engine.inject.Engine.standard().pruners().keySet()) {
            for (String algo : List.of("tpe", "tpe-hyperopt", "anneal", "rand")) {
                Result r = Hyperopt.minimize(BRANIN, CURVES).algorithm(algo).seed(2).maxEvals(30).pruner(pruner).run();
                assertThat(r.trials()).as(algo + " with " + pruner).hasSize(30).allMatch(Trial::isFinished)
                        .noneMatch(t -> t.state() == TrialState.FAIL);
                assertThat(r.best()).as(algo + " with " + pruner).isPresent();
            }
        }
    }

    @Test
    void tpeLearnsFromPrunedTrials() {
        // A pruner that stops nearly everything: without learning from pruned trials TPE would sample its prior forever.
        Pruner strict = c -> c.value() > 5;
        Result tpe = Hyperopt.minimize(BRANIN, CURVES).algorithm("tpe").seed(11).maxEvals(120).pruner("strict", strict).run();
        Result rand = Hyperopt.minimize(BRANIN, CURVES).algorithm("rand").seed(11).maxEvals(120).pruner("strict", strict).run();
        assertThat(tpe.counts().get(TrialState.OK)).as("trials TPE got past the pruner")
                .isGreaterThan(rand.counts().get(TrialState.OK));
    }

    @Test
    void queuedConfigurationsComeFirstAndAreNotQueuedAgainOnResume() {
        MemoryTrialStore store = new MemoryTrialStore();
        List<Map<String, Object>> known = List.of(Map.of("x", 3.0, "y", 2.0), Map.of("x", -3.0, "y", 12.0));
        Result first = Hyperopt.minimize(BRANIN, HyperoptTest.BRANIN_OBJECTIVE).algorithm("tpe").store(store).study("s")
                .maxEvals(4).enqueue(known).run();
        assertThat(first.trials().get(0).labels()).isEqualTo(Map.of("x", 3.0, "y", 2.0));
        assertThat(first.trials().get(1).labels()).isEqualTo(Map.of("x", -3.0, "y", 12.0));
        Result again = Hyperopt.minimize(BRANIN, HyperoptTest.BRANIN_OBJECTIVE).algorithm("tpe").store(store).study("s")
                .maxEvals(8).enqueue(known).run();
        assertThat(again.trials()).hasSize(8);
        assertThat(again.trials().subList(4, 8)).noneMatch(t -> known.contains(t.labels()));
        assertThat(store.queued("s")).isEmpty();
    }

    @Test
    void aConfigurationToQueueMustFitTheSpace() {
        assertThatThrownBy(() -> Hyperopt.minimize(BRANIN, HyperoptTest.BRANIN_OBJECTIVE).maxEvals(1)
                .enqueue(List.of(Map.of("x", 1.0))).run())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("configuration 1 to enqueue: missing value for active label 'y'");
    }

    @Test
    void anUnknownPrunerIsRefusedWithTheKnownOnes() {
        assertThatThrownBy(() -> Hyperopt.minimize(BRANIN, CURVES).maxEvals(1).pruner("sometimes").run())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown pruner 'sometimes'")
                .hasMessageContaining("none");
    }

    private static Long[] range(long from, long to) {
        Long[] out = new Long[(int) (to - from + 1)];
        for (int i = 0; i < out.length; i++) out[i] = from + i;
        return out;
    }
}
