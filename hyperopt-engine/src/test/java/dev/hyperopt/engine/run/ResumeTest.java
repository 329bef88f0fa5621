package dev.hyperopt.engine.run;

import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.engine.TestSpaces;
import dev.hyperopt.engine.api.Config;
import dev.hyperopt.engine.api.Outcome;
import dev.hyperopt.engine.api.Trial;
import dev.hyperopt.engine.sample.SamplingContext;
import dev.hyperopt.engine.sample.random.RandomSampler;
import dev.hyperopt.engine.space.Assignment;
import dev.hyperopt.engine.space.SpaceEvaluator;
import dev.hyperopt.engine.store.StoreUrl;
import dev.hyperopt.engine.store.TrialStore;
import dev.hyperopt.engine.store.jdbc.sqlite.SqliteTrialStoreFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/** A run on a study that another run left unfinished, and runs side by side on one study. */
@Timeout(60)
class ResumeTest {
    @TempDir
    Path dir;

    private TrialStore open() {
        return new SqliteTrialStoreFactory().open(StoreUrl.parse("sqlite:" + dir.resolve("r.db")));
    }

    private static Trial suggest(SearchSpace space, long n) {
        Assignment a = new RandomSampler().suggest(new SamplingContext(space, List.of(), 9, n));
        return Trial.running(n, a.values(), a.labels(), Config.of(SpaceEvaluator.evaluate(a)), Instant.now());
    }

    @Test
    void trialsLeftRunningAreEvaluatedAgainUnderTheirNumbers() {
        SearchSpace space = TestSpaces.branin();
        Trial orphan;
        try (TrialStore dead = open()) {
            dead.openStudy("s", space, "rand", 9);
            dead.startTrial("s", suggest(space, dead.reserveTrial("s")));
            dead.finishTrial("s", 0, Outcome.ok(7), Instant.now());
            orphan = dead.startTrial("s", suggest(space, dead.reserveTrial("s")));
            dead.reserveTrial("s"); // number 2: reserved when the run died
        } // closing stands for the process dying: its hold on trials ends
        Map<Long, Map<String, Object>> seen = new ConcurrentHashMap<>();
        Result r;
        try (TrialStore store = open()) {
            r = Hyperopt.minimize(space, ctx -> {
                assertThat(seen.put(ctx.trial(), ctx.labels())).as("trial " + ctx.trial() + " evaluated twice").isNull();
                return Outcome.ok(ctx.trial());
            }).algorithm("rand").seed(9).maxEvals(5).store(store).study("s").run();
        }
        assertThat(r.trials()).extracting(Trial::number).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(r.trials()).allMatch(Trial::isOk);
        assertThat(seen.keySet()).containsExactlyInAnyOrder(1L, 2L, 3L, 4L);
        assertThat(seen.get(1L)).as("the orphan keeps its assignment").isEqualTo(orphan.labels());
        assertThat(r.trials().get(0).loss()).isEqualTo(7);
        assertThat(r.stopReason()).isEqualTo(StopReason.MAX_EVALS);
    }

    @Test
    void runsSideBySideShareTheNumbersAndStopAtMaxEvalsTogether() throws Exception {
        SearchSpace space = TestSpaces.branin();
        int evals = 30;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Result>> runs = new java.util.ArrayList<>();
        // No trial finishes before both runs have one running: they work on the study at the same time.
        CountDownLatch bothRunning = new CountDownLatch(2);
        for (int i = 0; i < 2; i++) {
            AtomicBoolean arrived = new AtomicBoolean();
            runs.add(pool.submit(() -> {
                try (TrialStore store = open()) {
                    return Hyperopt.minimize(space, ctx -> {
                        if (arrived.compareAndSet(false, true)) bothRunning.countDown();
                        bothRunning.await();
                        return Outcome.ok(ctx.trial());
                    }).algorithm("rand").seed(1).maxEvals(evals).parallelism(2).store(store).study("s").run();
                }
            }));
        }
        for (Future<Result> f : runs) assertThat(f.get(50, TimeUnit.SECONDS).stopReason()).isEqualTo(StopReason.MAX_EVALS);
        pool.shutdown();
        try (TrialStore store = open()) {
            List<Trial> trials = store.trials("s");
            assertThat(trials).extracting(Trial::number).containsExactlyElementsOf(LongStream.range(0, evals).boxed().toList());
            assertThat(trials).allMatch(t -> t.isOk() && t.loss() == t.number());
        }
    }
}
