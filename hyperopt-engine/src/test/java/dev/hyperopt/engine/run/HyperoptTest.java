package dev.hyperopt.engine.run;

import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.engine.TestSpaces;
import dev.hyperopt.engine.api.Objective;
import dev.hyperopt.engine.api.Outcome;
import dev.hyperopt.engine.api.Trial;
import dev.hyperopt.engine.api.TrialState;
import dev.hyperopt.engine.sample.Observation;
import dev.hyperopt.engine.sample.Sampler;
import dev.hyperopt.engine.sample.random.RandomSampler;
import dev.hyperopt.engine.store.MemoryTrialStore;
import dev.hyperopt.engine.store.StoreException;
import dev.hyperopt.engine.store.TrialStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(120)
class HyperoptTest {
    private static final SearchSpace BRANIN = TestSpaces.branin();

    /** Branin-Hoo, minimum 0.397887 at (-pi, 12.275), (pi, 2.275), (9.42478, 2.475). */
    static double branin(double x, double y) {
        double b = 5.1 / (4 * Math.PI * Math.PI);
        double c = 5 / Math.PI;
        double t = 1 / (8 * Math.PI);
        double r = y - b * x * x + c * x - 6;
        return r * r + 10 * (1 - t) * Math.cos(x) + 10;
    }

    static final Objective BRANIN_OBJECTIVE = ctx -> Outcome.ok(branin(ctx.config().getDouble("x"), ctx.config().getDouble("y")));

    private static Minimize rand(Objective o) {
        return Hyperopt.minimize(BRANIN, o).algorithm("rand");
    }

    /** Waits until the run cancels the trial, which interrupts its thread. */
    private static void blockUntilCancelled() throws InterruptedException {
        new CountDownLatch(1).await();
    }

    @Test
    void runsMaxEvalsTrialsAndReportsTheBest() {
        Result r = rand(BRANIN_OBJECTIVE).maxEvals(60).seed(1).run();
        assertThat(r.trials()).hasSize(60);
        assertThat(r.trials()).extracting(Trial::number).containsExactlyElementsOf(range(60));
        assertThat(r.trials()).allMatch(Trial::isOk);
        assertThat(r.stopReason()).isEqualTo(StopReason.MAX_EVALS);
        Trial best = r.best().orElseThrow();
        double min = r.trials().stream().mapToDouble(Trial::loss).min().orElseThrow();
        assertThat(best.loss()).isEqualTo(min);
        assertThat(best.loss()).isLessThan(5.0);
        assertThat(best.loss()).isEqualTo(branin(best.config().getDouble("x"), best.config().getDouble("y")));
        assertThat(r.seed()).isEqualTo(1);
        assertThat(r.algorithm()).isEqualTo("rand");
        for (Trial t : r.trials()) {
            assertThat(t.started()).isNotNull();
            assertThat(t.finished()).isAfterOrEqualTo(t.started());
            assertThat(t.labels()).containsOnlyKeys("x", "y");
        }
    }

    private static List<Long> range(int n) {
        List<Long> l = new ArrayList<>();
        for (long i = 0; i < n; i++) l.add(i);
        return l;
    }

    @Test
    void theSameSeedGivesTheSameTrialsAndAnotherSeedOthers() {
        List<Map<String, Object>> a = labels(rand(BRANIN_OBJECTIVE).maxEvals(25).seed(42).run());
        List<Map<String, Object>> b = labels(rand(BRANIN_OBJECTIVE).maxEvals(25).seed(42).run());
        List<Map<String, Object>> c = labels(rand(BRANIN_OBJECTIVE).maxEvals(25).seed(43).run());
        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(c);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"tpe", "tpe-hyperopt", "anneal"})
    void everyBoundAlgorithmIsReproducibleWithItsSeed(String algo) {
        SearchSpace space = TestSpaces.conditional();
        Objective o = ctx -> Outcome.ok(ctx.config().getDouble("lr")
                + (ctx.config().branch("model").equals("svm") ? Math.abs(Math.log(ctx.config().getDouble("model.svm.C"))) : 1));
        List<Map<String, Object>> a = labels(Hyperopt.minimize(space, o).algorithm(algo).maxEvals(40).seed(5).run());
        List<Map<String, Object>> b = labels(Hyperopt.minimize(space, o).algorithm(algo).maxEvals(40).seed(5).run());
        assertThat(a).hasSize(40).isEqualTo(b);
    }

    private static List<Map<String, Object>> labels(Result r) {
        return r.trials().stream().map(Trial::labels).toList();
    }

    @Test
    void failuresAreRecordedWithTheirReasonAndTheRunGoesOn() {
        Objective o = ctx -> switch ((int) (ctx.trial() % 5)) {
            case 1 -> throw new IllegalStateException("exploded");
            case 2 -> Outcome.ok(Double.NaN);
            case 3 -> Outcome.ok(Double.POSITIVE_INFINITY);
            case 4 -> Outcome.fail("diverged");
            default -> Outcome.ok(1.0);
        };
        Result r = rand(o).maxEvals(10).seed(3).run();
        assertThat(r.trials()).hasSize(10);
        assertThat(r.trials().subList(0, 5)).extracting(Trial::state, Trial::error).containsExactly(
                org.assertj.core.groups.Tuple.tuple(TrialState.OK, null),
                org.assertj.core.groups.Tuple.tuple(TrialState.FAIL, "IllegalStateException: exploded"),
                org.assertj.core.groups.Tuple.tuple(TrialState.FAIL, "loss is NaN"),
                org.assertj.core.groups.Tuple.tuple(TrialState.FAIL, "loss is infinite"),
                org.assertj.core.groups.Tuple.tuple(TrialState.FAIL, "diverged"));
        assertThat(r.counts()).containsEntry(TrialState.OK, 2).containsEntry(TrialState.FAIL, 8);
    }

    @Test
    void aSpaceThatCannotBeEvaluatedFailsOnlyThatTrial() {
        AtomicInteger calls = new AtomicInteger();
        Result r = Hyperopt.minimize(TestSpaces.divides(), ctx -> {
            calls.incrementAndGet();
            return Outcome.ok(ctx.config().getDouble("x"));
        }).algorithm("rand").maxEvals(30).seed(5).run();
        List<Trial> failed = r.trials().stream().filter(t -> !t.isOk()).toList();
        assertThat(failed).isNotEmpty();
        assertThat(failed).allSatisfy(t -> {
            assertThat(t.error()).isEqualTo("space evaluation failed: division by zero");
            assertThat(t.config()).isNull();
            assertThat(t.labels()).containsEntry("x", 0L);
        });
        assertThat(calls).hasValue(30 - failed.size());
        assertThat(r.trials()).filteredOn(Trial::isOk).allSatisfy(t -> assertThat(t.loss()).isEqualTo(1.0));
    }

    @Test
    void stopsAtTheLossThreshold() {
        Result r = rand(ctx -> Outcome.ok(ctx.trial() == 7 ? 0.1 : 10)).maxEvals(100).lossThreshold(0.5).seed(1).run();
        assertThat(r.trials()).hasSize(8);
        assertThat(r.stopReason()).isEqualTo(StopReason.LOSS_THRESHOLD);
        assertThat(r.best().orElseThrow().number()).isEqualTo(7);
    }

    @Test
    void stopsEarlyAfterTrialsWithoutImprovement() {
        // improves at trials 0, 1, 2, then never again: stops after 5 more
        Result r = rand(ctx -> Outcome.ok(ctx.trial() < 3 ? 10 - ctx.trial() : 100)).maxEvals(100).earlyStop(5).seed(1).run();
        assertThat(r.trials()).hasSize(8);
        assertThat(r.stopReason()).isEqualTo(StopReason.EARLY_STOP);
    }

    @Test
    void stopsAtTheRunTimeLimitAndCancelsTheRunningTrial() {
        // Trials 0-2 answer at once, well within the limit; trial 3 waits until it is cancelled.
        Result r = rand(ctx -> {
            if (ctx.trial() >= 3) blockUntilCancelled();
            return Outcome.ok(1);
        }).maxEvals(100).timeout(Duration.ofSeconds(2)).seed(1).run();
        assertThat(r.stopReason()).isEqualTo(StopReason.TIMEOUT);
        assertThat(r.trials()).hasSize(4);
        assertThat(r.trials().subList(0, 3)).allMatch(Trial::isOk);
        assertThat(r.trials().get(3).error()).isEqualTo("cancelled: the run's time limit was reached");
    }

    @Test
    void aTrialPastItsTimeLimitFailsEvenIfTheObjectiveIgnoresInterrupts() {
        // Trial 1 returns only once the run has recorded it as finished, and join() ignores interrupts.
        CompletableFuture<Trial> trial1Recorded = new CompletableFuture<>();
        Result r = rand(ctx -> {
            if (ctx.trial() == 1) trial1Recorded.join();
            return Outcome.ok(ctx.trial());
        }).listener(new RunListener() {
            @Override
            public void trialFinished(Trial trial, Progress progress) {
                if (trial.number() == 1) trial1Recorded.complete(trial);
            }
        }).maxEvals(3).trialTimeout(Duration.ofSeconds(2)).seed(1).run();
        assertThat(r.trials()).extracting(Trial::state).containsExactly(TrialState.OK, TrialState.FAIL, TrialState.OK);
        assertThat(r.trials().get(1).error()).isEqualTo("timed out after 2s");
    }

    @Test
    void anObjectiveThatChecksItsDeadlineIsRecordedAsTimedOut() {
        Result r = rand(ctx -> {
            while (true) {
                ctx.checkCancelled();
                Thread.onSpinWait();
            }
        }).maxEvals(2).trialTimeout(Duration.ofMillis(200)).seed(1).run();
        assertThat(r.trials()).extracting(Trial::error).containsOnly("timed out after 200ms");
    }

    @Test
    void aStopSignalStopsCleanlyAndKeepsFinishedTrials() {
        StopSignal stop = new StopSignal();
        Result r = rand(ctx -> {
            if (ctx.trial() == 4) stop.request();
            if (ctx.trial() >= 4) blockUntilCancelled();
            return Outcome.ok(ctx.trial());
        }).maxEvals(100).stopSignal(stop).seed(1).run();
        assertThat(r.stopReason()).isEqualTo(StopReason.INTERRUPTED);
        assertThat(r.trials()).hasSize(5);
        assertThat(r.trials().subList(0, 4)).allMatch(Trial::isOk);
        assertThat(r.trials().get(4).error()).isEqualTo("cancelled: the run was interrupted");
    }

    @Test
    void aFailureThatArrivesWhileStoppingIsPutDownToTheInterruption() {
        StopSignal stop = new StopSignal();
        Result r = rand(ctx -> {
            if (ctx.trial() < 2) return Outcome.ok(1);
            stop.request(); // as Ctrl-C does, it also kills the objective's work
            return Outcome.fail("objective program exited with status 130 before replying");
        }).maxEvals(100).stopSignal(stop).seed(1).run();
        assertThat(r.trials()).hasSize(3);
        assertThat(r.trials().get(2).error())
                .isEqualTo("cancelled: the run was interrupted (objective program exited with status 130 before replying)");
    }

    @Test
    void anObjectiveThatNoticesTheStopIsRecordedAsInterrupted() {
        StopSignal stop = new StopSignal();
        Result r = rand(ctx -> {
            if (ctx.trial() < 2) return Outcome.ok(1);
            stop.request();
            ctx.checkCancelled();
            return Outcome.ok(0);
        }).maxEvals(100).stopSignal(stop).seed(1).run();
        assertThat(r.trials()).hasSize(3);
        assertThat(r.trials().get(2).error()).isEqualTo("cancelled: the run was interrupted");
    }

    @Test
    void evaluatesTheGivenPointsFirst() {
        Result r = rand(BRANIN_OBJECTIVE).maxEvals(5).seed(1)
                .pointsToEvaluate(List.of(Map.of("x", Math.PI, "y", 2.275), Map.of("x", -Math.PI, "y", 12.275)))
                .run();
        assertThat(r.trials().get(0).labels()).isEqualTo(Map.of("x", Math.PI, "y", 2.275));
        assertThat(r.trials().get(1).labels()).isEqualTo(Map.of("x", -Math.PI, "y", 12.275));
        assertThat(r.best().orElseThrow().loss()).isCloseTo(0.397887, org.assertj.core.data.Offset.offset(1e-5));
        assertThat(r.trials()).hasSize(5);
    }

    @Test
    void pointsUseBranchNamesForNamedChoices() {
        Result r = Hyperopt.minimize(TestSpaces.conditional(), ctx -> Outcome.ok(ctx.config().getDouble("lr")))
                .algorithm("rand").maxEvals(1)
                .pointsToEvaluate(List.of(Map.of("model", "tree", "model.tree.depth", 3, "lr", 0.25))).run();
        Trial t = r.trials().get(0);
        assertThat(t.config().branch("model")).isEqualTo("tree");
        assertThat(t.config().getInt("model.tree.depth")).isEqualTo(3);
        assertThat(t.loss()).isEqualTo(0.25);
    }

    @Test
    void rejectsAnInvalidPointBeforeRunning() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> rand(ctx -> Outcome.ok(calls.incrementAndGet())).maxEvals(3)
                .pointsToEvaluate(List.of(Map.of("x", 1, "y", 2), Map.of("x", 1, "z", 2))).run())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("point 2").hasMessageContaining("'z'");
        assertThat(calls).hasValue(0);
    }

    @Test
    void rejectsAnUnknownAlgorithm() {
        assertThatThrownBy(() -> Hyperopt.minimize(BRANIN, BRANIN_OBJECTIVE).algorithm("bayes").run())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown algorithm 'bayes'").hasMessageContaining("rand");
    }

    @Test
    void evaluatesTrialsInParallel() {
        // Every trial waits at a barrier until four are running: unless four overlap, they fail.
        CyclicBarrier four = new CyclicBarrier(4);
        AtomicInteger now = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        Result r = rand(ctx -> {
            peak.accumulateAndGet(now.incrementAndGet(), Math::max);
            four.await(1, TimeUnit.MINUTES);
            now.decrementAndGet();
            return Outcome.ok(ctx.trial());
        }).maxEvals(12).parallelism(4).seed(1).run();
        assertThat(r.trials()).hasSize(12);
        assertThat(r.trials()).allSatisfy(t -> assertThat(t.isOk()).as(t.error()).isTrue());
        assertThat(peak).as("never more than the parallelism").hasValue(4);
    }

    @Test
    void theSamplerSeesRunningTrialsAsRunning() {
        List<List<Observation.State>> seen = new CopyOnWriteArrayList<>();
        Sampler spy = ctx -> {
            seen.add(ctx.history().stream().map(Observation::state).toList());
            return new RandomSampler().suggest(ctx);
        };
        // Trial 0 finishes once trial 2 has started; trials 1 and 2 once trial 3 has, which needs trial 0's slot.
        CountDownLatch trial2Started = new CountDownLatch(1);
        CountDownLatch trial3Started = new CountDownLatch(1);
        Hyperopt.minimize(BRANIN, ctx -> {
            if (ctx.trial() == 2) trial2Started.countDown();
            if (ctx.trial() == 3) trial3Started.countDown();
            if (ctx.trial() == 0) trial2Started.await();
            if (ctx.trial() == 1 || ctx.trial() == 2) trial3Started.await();
            return Outcome.ok(1);
        }).sampler("spy", spy).maxEvals(6).parallelism(3).seed(1).run();
        assertThat(seen).hasSize(6);
        assertThat(seen.get(0)).isEmpty();
        assertThat(seen.get(1)).containsExactly(Observation.State.RUNNING);
        assertThat(seen.get(2)).containsExactly(Observation.State.RUNNING, Observation.State.RUNNING);
        assertThat(seen.get(3)).containsExactly(Observation.State.OK, Observation.State.RUNNING, Observation.State.RUNNING);
    }

    @Test
    void theSamplerSeesFailuresAndLosses() {
        List<List<Observation>> seen = new CopyOnWriteArrayList<>();
        Sampler spy = ctx -> {
            seen.add(List.copyOf(ctx.history())); // the history is a live view: samplers must not keep it
            return new RandomSampler().suggest(ctx);
        };
        Hyperopt.minimize(BRANIN, ctx -> ctx.trial() == 0 ? Outcome.fail("no") : Outcome.ok(ctx.trial() * 2.0))
                .sampler("spy", spy).maxEvals(3).seed(1).run();
        List<Observation> last = seen.get(2);
        assertThat(last).extracting(Observation::state).containsExactly(Observation.State.FAILED, Observation.State.OK);
        assertThat(last.get(1).loss()).isEqualTo(2.0);
        assertThat(last.get(1).values()).hasSize(2);
    }

    @Test
    void resumingAStudyKeepsItsTrialsAndSeed() {
        try (TrialStore store = new MemoryTrialStore()) {
            Result first = rand(BRANIN_OBJECTIVE).store(store).study("b").maxEvals(10).seed(9).run();
            Result second = rand(BRANIN_OBJECTIVE).store(store).study("b").maxEvals(25).seed(1234).run();
            assertThat(second.trials()).hasSize(25);
            assertThat(second.seed()).isEqualTo(9);
            assertThat(second.trials().subList(0, 10)).isEqualTo(first.trials());
            Result straight = rand(BRANIN_OBJECTIVE).maxEvals(25).seed(9).run();
            assertThat(labels(second)).isEqualTo(labels(straight));
        }
    }

    @Test
    void refusesToResumeAStudyWithAnotherSpace() {
        try (TrialStore store = new MemoryTrialStore()) {
            rand(BRANIN_OBJECTIVE).store(store).study("b").maxEvals(2).run();
            assertThatThrownBy(() -> Hyperopt.minimize(TestSpaces.line(), ctx -> Outcome.ok(0)).algorithm("rand")
                    .store(store).study("b").maxEvals(4).run()).isInstanceOf(StoreException.class);
        }
    }

    @Test
    void listenersHearEveryTrial() {
        List<String> events = new CopyOnWriteArrayList<>();
        rand(BRANIN_OBJECTIVE).maxEvals(3).seed(1).listener(new RunListener() {
            @Override
            public void started(dev.hyperopt.engine.store.StudyInfo study, int maxEvals, int finished) {
                events.add("start " + maxEvals + " " + finished);
            }

            @Override
            public void trialFinished(Trial trial, Progress progress) {
                events.add("trial " + trial.number() + " " + progress.finished() + " " + progress.best().isPresent());
            }

            @Override
            public void finished(Result result) {
                events.add("end " + result.stopReason());
            }
        }).run();
        assertThat(events).containsExactly("start 3 0", "trial 0 1 true", "trial 1 2 true", "trial 2 3 true", "end MAX_EVALS");
    }

    @Test
    void zeroEvalsRunsNothing() {
        Result r = rand(BRANIN_OBJECTIVE).maxEvals(0).run();
        assertThat(r.trials()).isEmpty();
        assertThat(r.best()).isEmpty();
    }
}
