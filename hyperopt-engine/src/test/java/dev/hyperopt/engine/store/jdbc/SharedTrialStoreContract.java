package dev.hyperopt.engine.store.jdbc;

import dev.hyperopt.engine.api.Config;
import dev.hyperopt.engine.api.Outcome;
import dev.hyperopt.engine.api.Trial;
import dev.hyperopt.engine.api.TrialState;
import dev.hyperopt.engine.store.StoreException;
import dev.hyperopt.engine.store.TrialStore;
import dev.hyperopt.engine.store.TrialStoreContract;
import dev.hyperopt.engine.TestSpaces;
import dev.hyperopt.dsl.print.HSpacePrinter;
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
 * What a store shared by processes adds to the contract: what one connection writes,
 * another reads; trials left by a holder that is gone are taken over; workers claim each
 * trial once.
 */
abstract class SharedTrialStoreContract extends TrialStoreContract {

    /** Another connection to the store {@link #openStore()} made last. */
    protected abstract TrialStore reopen() throws Exception;

    /** A plain connection to the same database, to play a process on another machine. */
    protected abstract java.sql.Connection raw() throws Exception;

    private static Trial running(long n, double x) {
        return Trial.running(n, new double[] {x, Double.NaN}, Map.of("x", x), Config.of(Map.of("x", x, "inf", Double.POSITIVE_INFINITY)),
                Instant.parse("2026-03-04T05:06:07.123456789Z"));
    }

    @Test
    void whatOneConnectionWritesAnotherReadsExactly() throws Exception {
        store.openStudy("s", TestSpaces.conditional(), "tpe", 3);
        long n = store.reserveTrial("s");
        store.startTrial("s", running(n, 0.25));
        Trial done = store.finishTrial("s", n, Outcome.ok(1.5, Map.of("acc", 0.5, "n", 3L, "tags", List.of("a"))), Instant.now());
        try (TrialStore other = reopen()) {
            assertThat(other.study("s")).isEqualTo(store.study("s"));
            assertThat(other.trials("s")).containsExactly(done);
            assertThat(other.trial("s", n)).contains(done);
            assertThat(other.trials("s").get(0).values()[1]).isNaN();
            assertThat(other.spaceText("s")).contains(HSpacePrinter.print(TestSpaces.conditional()));
            assertThat(other.reserveTrial("s")).isEqualTo(1);
            assertThatThrownBy(() -> other.openStudy("s", TestSpaces.branin(), "tpe", 3))
                    .isInstanceOf(StoreException.class).hasMessage("study 's' was created for a different search space; use another study name");
        }
    }

    @Test
    void settingsAreMergedAndKept() throws Exception {
        store.openStudy("s", "fp", "rand", 1);
        assertThat(store.settings("s")).isEmpty();
        store.updateSettings("s", Map.of("objective_cmd", "python3 o.py", "run", "active"));
        store.updateSettings("s", Map.of("run", "over"));
        try (TrialStore other = reopen()) {
            assertThat(other.settings("s")).containsOnly(Map.entry("objective_cmd", "python3 o.py"), Map.entry("run", "over"));
        }
    }

    @Test
    void aReleasedNumberIsHandedOutAgainSoNumbersHaveNoGaps() {
        store.openStudy("s", "fp", "tpe", 1);
        long a = store.reserveTrial("s");
        long b = store.reserveTrial("s");
        store.releaseTrial("s", a);
        assertThat(store.reserveTrial("s")).isEqualTo(a);
        assertThat(store.reserveTrial("s")).isEqualTo(b + 1);
    }

    @Test
    void trialsLeftByAClosedHolderAreTakenOverOnce() throws Exception {
        TrialStore first = reopen();
        first.openStudy("s", "fp", "tpe", 1);
        for (int i = 0; i < 3; i++) first.startTrial("s", running(first.reserveTrial("s"), i));
        first.finishTrial("s", 1, Outcome.ok(2), Instant.now());
        first.reserveTrial("s"); // number 3: reserved, never started
        assertThat(store.takeOver("s")).as("the holder is alive").isEmpty();
        first.close();
        List<Trial> taken = store.takeOver("s");
        assertThat(taken).extracting(Trial::number).containsExactly(0L, 2L);
        assertThat(taken).allMatch(t -> t.state() == TrialState.RUNNING);
        assertThat(taken.get(1).labels()).containsEntry("x", 2.0);
        assertThat(store.takeOver("s")).as("now held by this store").isEmpty();
        assertThat(store.reserveTrial("s")).as("the dead holder's reservation").isEqualTo(3);
        store.finishTrial("s", 0, Outcome.ok(1), Instant.now());
        assertThat(store.trials("s")).extracting(Trial::state).containsExactly(TrialState.OK, TrialState.OK, TrialState.RUNNING);
    }

    @Test
    void aTrialWhoseLeaseRanOutIsClaimedByAWorker() throws Exception {
        store.openStudy("s", "fp", "tpe", 1);
        store.lease(Duration.ofSeconds(30));
        try (TrialStore driver = reopen(); TrialStore w1 = reopen(); TrialStore w2 = reopen()) {
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
    void aTrialHeldOnAnotherMachineIsTakenOverOnlyOnceItsLeaseRunsOut() throws Exception {
        store.openStudy("s", "fp", "tpe", 1);
        try (TrialStore driver = reopen()) {
            driver.handToWorkers();
            driver.startTrial("s", running(driver.reserveTrial("s"), 0.5));
        }
        long until = System.currentTimeMillis() + 700;
        try (java.sql.Connection c = raw(); java.sql.PreparedStatement p = c.prepareStatement(
                "UPDATE trials SET state = 'running', owner = 'elsewhere/1/1/x', lease_until = ? WHERE number = 0")) {
            p.setLong(1, until);
            assertThat(p.executeUpdate()).isEqualTo(1);
        }
        assertThat(store.claim("s")).as("its lease runs").isEmpty();
        assertThat(store.takeOver("s")).isEmpty();
        while (System.currentTimeMillis() <= until) Thread.sleep(20);
        assertThat(store.claim("s")).map(Trial::number).contains(0L);
    }

    @Test
    void aHeartbeatKeepsALeaseAlive() throws Exception {
        store.openStudy("s", "fp", "tpe", 1);
        try (TrialStore driver = reopen(); TrialStore w1 = reopen(); TrialStore w2 = reopen()) {
            driver.handToWorkers();
            driver.startTrial("s", running(driver.reserveTrial("s"), 0.5));
            w1.lease(Duration.ofMillis(300));
            w2.lease(Duration.ofMillis(300));
            assertThat(w1.claim("s")).isPresent();
            Thread.sleep(900);
            assertThat(w2.claim("s")).as("w1's heartbeat renewed the lease").isEmpty();
        }
    }

    @Test
    void workersClaimEachTrialOnceUnderContention() throws Exception {
        store.openStudy("s", "fp", "tpe", 1);
        int trials = 40;
        try (TrialStore driver = reopen()) {
            driver.handToWorkers();
            for (int i = 0; i < trials; i++) driver.startTrial("s", running(driver.reserveTrial("s"), i));
        }
        int workers = 4;
        List<TrialStore> stores = new ArrayList<>();
        for (int i = 0; i < workers; i++) stores.add(reopen());
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        CountDownLatch go = new CountDownLatch(1);
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        List<Future<Integer>> fs = new ArrayList<>();
        for (TrialStore w : stores) {
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
        for (TrialStore w : stores) w.close();
        assertThat(dups).isZero();
        assertThat(seen).hasSize(trials);
        assertThat(store.trials("s")).hasSize(trials).allMatch(Trial::isOk);
    }

    @Test
    void aStoreThatHandsToWorkersWaitsForEveryUnfinishedTrial() throws Exception {
        store.openStudy("s", "fp", "tpe", 1);
        try (TrialStore driver = reopen(); TrialStore worker = reopen()) {
            driver.startTrial("s", running(driver.reserveTrial("s"), 0.1)); // held by the driver
            driver.handToWorkers();
            driver.startTrial("s", running(driver.reserveTrial("s"), 0.2)); // queued
            assertThat(worker.claim("s")).map(Trial::number).contains(1L);
            driver.close();
            store.handToWorkers();
            assertThat(store.takeOver("s")).extracting(Trial::number).containsExactly(0L, 1L);
            assertThat(worker.claim("s")).as("the dead driver's trial is queued again").map(Trial::number).contains(0L);
        }
    }
}
