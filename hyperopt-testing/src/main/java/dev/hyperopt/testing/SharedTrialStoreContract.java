package dev.hyperopt.testing;

import dev.hyperopt.engine.api.Config;
import dev.hyperopt.engine.api.Intermediate;
import dev.hyperopt.engine.api.Outcome;
import dev.hyperopt.engine.api.Trial;
import dev.hyperopt.engine.api.TrialState;
import dev.hyperopt.dsl.HSpaceCompiler;
import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.dsl.print.HSpacePrinter;
import dev.hyperopt.engine.store.SharedTrialStore;
import dev.hyperopt.engine.store.StoreException;
import dev.hyperopt.engine.store.TrialStore;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a {@link SharedTrialStore} adds to the store contract: what one connection writes,
 * another reads; settings and the space's text are kept; trials left by a holder that is
 * gone are taken over and start over without the values their holder reported; workers
 * claim each trial once and never a finished (pruned included) one; connections take
 * queued configurations each once. A backend's test says how to open a
 * fresh store and another connection to it, both with leases measured by {@link #clock}.
 */
public abstract class SharedTrialStoreContract extends TrialStoreContract {

    /** What the leases of every store of a test are measured by; it moves only when the test moves it. */
    protected final TestClock clock = new TestClock();

    /** A new, empty store whose leases run by {@code clock}. */
    protected abstract SharedTrialStore openShared(TestClock clock) throws Exception;

    /** Another connection, as another process would open it, to the store {@link #openShared} made last. */
    protected abstract SharedTrialStore reopen(TestClock clock) throws Exception;

    @Override
    protected final TrialStore openStore() throws Exception {
        return openShared(clock);
    }

    /** The store of the test. */
    protected SharedTrialStore shared() {
        return (SharedTrialStore) store;
    }

    /** Another connection to the store of the test. */
    protected SharedTrialStore reopen() throws Exception {
        return reopen(clock);
    }

    private static final SearchSpace CONDITIONAL = compile("""
            space = {
              model: choice { svm: { C: loguniform(0.001, 1000) }, tree: { depth: uniformint(1, 10) } },
              lr: uniform(0, 1),
            }
            """);
    private static final SearchSpace BRANIN = compile("space = { x: uniform(-5, 10), y: uniform(0, 15) }");

    private static SearchSpace compile(String text) {
        return new HSpaceCompiler().compile("contract", text).orThrow();
    }

    private static Trial running(long n, double x) {
        return Trial.running(n, new double[] {x, Double.NaN}, Map.of("x", x), Config.of(Map.of("x", x, "inf", Double.POSITIVE_INFINITY)),
                Instant.parse("2026-03-04T05:06:07.123456789Z"));
    }

    @Test
    public void whatOneConnectionWritesAnotherReadsExactly() throws Exception {
        store.openStudy("s", CONDITIONAL, "tpe", 3);
        long n = store.reserveTrial("s");
        store.startTrial("s", running(n, 0.25));
        Trial done = store.finishTrial("s", n, Outcome.ok(1.5, Map.of("acc", 0.5, "n", 3L, "tags", List.of("a"))), Instant.now());
        try (SharedTrialStore other = reopen()) {
            assertThat(other.study("s")).isEqualTo(store.study("s"));
            assertThat(other.trials("s")).containsExactly(done);
            assertThat(other.trial("s", n)).contains(done);
            assertThat(other.trials("s").get(0).values()[1]).isNaN();
            assertThat(other.spaceText("s")).contains(HSpacePrinter.print(CONDITIONAL));
            assertThat(other.reserveTrial("s")).isEqualTo(1);
            assertThatThrownBy(() -> other.openStudy("s", BRANIN, "tpe", 3))
                    .isInstanceOf(StoreException.class).hasMessage("study 's' was created for a different search space; use another study name");
        }
    }

    @Test
    public void settingsAreMergedAndKept() throws Exception {
        store.openStudy("s", "fp", "rand", 1);
        assertThat(shared().settings("s")).isEmpty();
        shared().updateSettings("s", Map.of("objective_cmd", "python3 o.py", "run", "active"));
        shared().updateSettings("s", Map.of("run", "over"));
        try (SharedTrialStore other = reopen()) {
            assertThat(other.settings("s")).containsOnly(Map.entry("objective_cmd", "python3 o.py"), Map.entry("run", "over"));
        }
    }

    @Test
    public void aReleasedNumberIsHandedOutAgainSoNumbersHaveNoGaps() {
        store.openStudy("s", "fp", "tpe", 1);
        long a = store.reserveTrial("s");
        long b = store.reserveTrial("s");
        store.releaseTrial("s", a);
        assertThat(store.reserveTrial("s")).isEqualTo(a);
        assertThat(store.reserveTrial("s")).isEqualTo(b + 1);
    }

    @Test
    public void trialsLeftByAClosedHolderAreTakenOverOnce() throws Exception {
        SharedTrialStore first = reopen();
        first.openStudy("s", "fp", "tpe", 1);
        for (int i = 0; i < 3; i++) first.startTrial("s", running(first.reserveTrial("s"), i));
        first.finishTrial("s", 1, Outcome.ok(2), Instant.now());
        first.reserveTrial("s"); // number 3: reserved, never started
        assertThat(shared().takeOver("s")).as("the holder is alive").isEmpty();
        first.close();
        List<Trial> taken = shared().takeOver("s");
        assertThat(taken).extracting(Trial::number).containsExactly(0L, 2L);
        assertThat(taken).allMatch(t -> t.state() == TrialState.RUNNING);
        assertThat(taken.get(1).labels()).containsEntry("x", 2.0);
        assertThat(shared().takeOver("s")).as("now held by this store").isEmpty();
        assertThat(store.reserveTrial("s")).as("the dead holder's reservation").isEqualTo(3);
        store.finishTrial("s", 0, Outcome.ok(1), Instant.now());
        assertThat(store.trials("s")).extracting(Trial::state).containsExactly(TrialState.OK, TrialState.OK, TrialState.RUNNING);
    }

    @Test
    public void aTrialWhoseLeaseRanOutIsClaimedByAWorker() throws Exception {
        store.openStudy("s", "fp", "tpe", 1);
        shared().lease(Duration.ofSeconds(30));
        try (SharedTrialStore driver = reopen(); SharedTrialStore w1 = reopen(); SharedTrialStore w2 = reopen()) {
            driver.handToWorkers();
            driver.startTrial("s", running(driver.reserveTrial("s"), 0.5));
            driver.startTrial("s", running(driver.reserveTrial("s"), 0.7));
            w1.lease(Duration.ofMillis(300));
            Trial t = w1.claim("s").orElseThrow();
            assertThat(t.number()).isZero();
            assertThat(t.config().getDouble("x")).isEqualTo(0.5);
            assertThat(w2.claim("s")).map(Trial::number).contains(1L);
            assertThat(w2.claim("s")).as("both are held").isEmpty();
            w1.close(); // its heartbeat stops: the lease is let go
            assertThat(w2.claim("s")).map(Trial::number).contains(0L);
            w2.finishTrial("s", 0, Outcome.ok(0.1), Instant.now());
            assertThat(driver.trial("s", 0)).map(Trial::loss).contains(0.1);
        }
    }

    @Test
    public void workersClaimEachTrialOnceUnderContention() throws Exception {
        store.openStudy("s", "fp", "tpe", 1);
        int trials = 40;
        try (SharedTrialStore driver = reopen()) {
            driver.handToWorkers();
            for (int i = 0; i < trials; i++) driver.startTrial("s", running(driver.reserveTrial("s"), i));
        }
        int workers = 4;
        List<SharedTrialStore> stores = new ArrayList<>();
        for (int i = 0; i < workers; i++) stores.add(reopen());
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        CountDownLatch go = new CountDownLatch(1);
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        List<Future<Integer>> fs = new ArrayList<>();
        for (SharedTrialStore w : stores) {
            fs.add(pool.submit(() -> {
                go.await();
                int dup = 0;
                Optional<Trial> t;
                while ((t = w.claim("s")).isPresent()) {
                    if (!seen.add(t.get().number())) dup++;
                    w.finishTrial("s", t.get().number(), Outcome.ok(1), Instant.now());
                }
                return dup;
            }));
        }
        go.countDown();
        int dups = 0;
        for (Future<Integer> f : fs) dups += f.get(60, TimeUnit.SECONDS);
        pool.shutdown();
        for (SharedTrialStore w : stores) w.close();
        assertThat(dups).isZero();
        assertThat(seen).hasSize(trials);
        assertThat(store.trials("s")).hasSize(trials).allMatch(Trial::isOk);
    }

    @Test
    public void aStoreThatHandsToWorkersWaitsForEveryUnfinishedTrial() throws Exception {
        store.openStudy("s", "fp", "tpe", 1);
        try (SharedTrialStore driver = reopen(); SharedTrialStore worker = reopen()) {
            driver.startTrial("s", running(driver.reserveTrial("s"), 0.1)); // held by the driver
            driver.handToWorkers();
            driver.startTrial("s", running(driver.reserveTrial("s"), 0.2)); // queued
            assertThat(worker.claim("s")).map(Trial::number).contains(1L);
            driver.close();
            shared().handToWorkers();
            assertThat(shared().takeOver("s")).extracting(Trial::number).containsExactly(0L, 1L);
            assertThat(worker.claim("s")).as("the dead driver's trial is queued again").map(Trial::number).contains(0L);
        }
    }

    @Test
    public void aPrunedTrialAndItsValuesReadBackFromAnotherConnection() throws Exception {
        store.openStudy("s", CONDITIONAL, "tpe", 3);
        long n = store.reserveTrial("s");
        store.startTrial("s", running(n, 0.25));
        store.report("s", n, new Intermediate(1, 0.75));
        store.report("s", n, new Intermediate(3, 0.5));
        Trial pruned = store.finishTrial("s", n, Outcome.pruned(Map.of("reason", "median")), Instant.parse("2026-03-04T05:07:00Z"));
        try (SharedTrialStore other = reopen()) {
            assertThat(other.trials("s")).containsExactly(pruned);
            assertThat(other.trial("s", n)).contains(pruned);
            assertThat(other.finishedTrials("s", 0, 0)).containsExactly(pruned);
            Trial t = other.trials("s").get(0);
            assertThat(t.state()).isEqualTo(TrialState.PRUNED);
            assertThat(t.intermediate()).containsExactly(new Intermediate(1, 0.75), new Intermediate(3, 0.5));
            assertThat(t.loss()).isNaN();
            assertThat(t.error()).isNull();
            assertThat(t.attachments()).containsExactly(Map.entry("reason", "median"));
        }
    }

    @Test
    public void aPrunedTrialCountsAsFinishedForWorkers() throws Exception {
        store.openStudy("s", "fp", "tpe", 1);
        try (SharedTrialStore driver = reopen(); SharedTrialStore worker = reopen()) {
            driver.handToWorkers();
            driver.startTrial("s", running(driver.reserveTrial("s"), 0.1));
            driver.startTrial("s", running(driver.reserveTrial("s"), 0.2));
            assertThat(worker.claim("s")).map(Trial::number).contains(0L);
            worker.report("s", 0, new Intermediate(1, 5.0));
            worker.finishTrial("s", 0, Outcome.pruned(), Instant.now());
            worker.unclaim("s", 0); // a late give-back does not queue a finished trial again
            assertThat(worker.claim("s")).map(Trial::number).contains(1L);
            assertThat(worker.claim("s")).as("trial 0 is finished, trial 1 held").isEmpty();
            assertThat(driver.finishedTrials("s", 0, 1)).extracting(Trial::number).containsExactly(0L);
            assertThat(driver.finishedTrials("s", 0, 1).get(0).intermediate()).containsExactly(new Intermediate(1, 5.0));
            worker.close();
            shared().handToWorkers();
            assertThat(shared().takeOver("s")).as("only the unfinished trial is waited on").extracting(Trial::number).containsExactly(1L);
            assertThat(shared().trial("s", 0)).map(Trial::state).contains(TrialState.PRUNED);
        }
    }

    @Test
    public void aTakenOverTrialStartsWithNoIntermediateValues() throws Exception {
        SharedTrialStore first = reopen();
        first.openStudy("s", "fp", "tpe", 1);
        first.startTrial("s", running(first.reserveTrial("s"), 0.5));
        first.report("s", 0, new Intermediate(1, 4.0));
        first.report("s", 0, new Intermediate(2, 3.0));
        assertThat(shared().takeOver("s")).as("the holder is alive").isEmpty();
        assertThat(store.trial("s", 0).orElseThrow().intermediate()).as("its values stay while it runs").hasSize(2);
        first.close();
        List<Trial> taken = shared().takeOver("s");
        assertThat(taken).singleElement().satisfies(t -> assertThat(t.intermediate()).isEmpty());
        assertThat(store.trial("s", 0).orElseThrow().intermediate()).isEmpty();
        store.report("s", 0, new Intermediate(1, 3.5)); // the trial starts over, at its first step again
        Trial done = store.finishTrial("s", 0, Outcome.ok(3.5), Instant.now());
        assertThat(done.intermediate()).containsExactly(new Intermediate(1, 3.5));
        try (SharedTrialStore other = reopen()) {
            assertThat(other.trials("s")).containsExactly(done);
        }
    }

    @Test
    public void aTrialTakenFromADeadWorkerOrRequeuedStartsWithNoIntermediateValues() throws Exception {
        store.openStudy("s", "fp", "tpe", 1);
        try (SharedTrialStore driver = reopen(); SharedTrialStore w2 = reopen()) {
            driver.startTrial("s", running(driver.reserveTrial("s"), 0.1)); // held by the driver
            driver.report("s", 0, new Intermediate(1, 9.0));
            driver.handToWorkers();
            driver.startTrial("s", running(driver.reserveTrial("s"), 0.2)); // queued
            SharedTrialStore w1 = reopen();
            assertThat(w1.claim("s")).map(Trial::number).contains(1L);
            w1.report("s", 1, new Intermediate(1, 8.0));
            w1.report("s", 1, new Intermediate(2, 7.0));
            w1.close(); // the worker dies
            Trial again = w2.claim("s").orElseThrow();
            assertThat(again.number()).isEqualTo(1L);
            assertThat(again.intermediate()).isEmpty();
            assertThat(store.trial("s", 1).orElseThrow().intermediate()).isEmpty();
            w2.report("s", 1, new Intermediate(1, 6.0));
            driver.close(); // the driver dies too: its trial is queued again for workers
            shared().handToWorkers();
            assertThat(shared().takeOver("s")).extracting(Trial::number).containsExactly(0L, 1L);
            assertThat(store.trial("s", 0).orElseThrow().intermediate()).isEmpty();
            assertThat(store.trial("s", 1).orElseThrow().intermediate()).as("w2 is alive").containsExactly(new Intermediate(1, 6.0));
            Trial requeued = w2.claim("s").orElseThrow();
            assertThat(requeued.number()).isZero();
            assertThat(requeued.intermediate()).isEmpty();
        }
    }

    @Test
    public void connectionsTakeEachQueuedConfigurationOnceInTheOrderAnyOfThemQueuedIt() throws Exception {
        store.openStudy("s", "fp", "tpe", 1);
        List<SharedTrialStore> others = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) others.add(reopen());
            store.enqueue("s", Map.of("i", 0L));
            others.get(0).enqueue("s", Map.of("i", 1L));
            store.enqueue("s", Map.of("i", 2L));
            assertThat(others.get(1).queued("s")).containsExactly(Map.of("i", 0L), Map.of("i", 1L), Map.of("i", 2L));
            assertThat(others.get(2).dequeue("s")).contains(Map.of("i", 0L));
            assertThat(store.queued("s")).containsExactly(Map.of("i", 1L), Map.of("i", 2L));
            for (long i = 3; i < 100; i++) others.get((int) (i % 4)).enqueue("s", Map.of("i", i));
            List<TrialStore> takers = new ArrayList<>(others);
            takers.add(store);
            assertThat(dequeueConcurrently(takers, "s")).isEqualTo(java.util.stream.LongStream.range(1, 100).boxed().toList());
            assertThat(store.queued("s")).isEmpty();
        } finally {
            for (SharedTrialStore o : others) o.close();
        }
    }
}
