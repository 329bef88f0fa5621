package dev.hyperopt.engine.worker;

import dev.hyperopt.engine.api.Config;
import dev.hyperopt.engine.api.Outcome;
import dev.hyperopt.engine.api.Trial;
import dev.hyperopt.engine.store.StoreUrl;
import dev.hyperopt.engine.store.SharedTrialStore;
import dev.hyperopt.engine.store.jdbc.sqlite.SqliteTrialStoreFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class StoreWorkerTest {
    @TempDir
    Path dir;

    private SharedTrialStore open() {
        return new SqliteTrialStoreFactory().open(StoreUrl.parse("sqlite:" + dir.resolve("w.db")));
    }

    /** Waits until trial {@code number} is in {@code state} in the store's table: a condition, not a length of time. */
    private void awaitState(long number, String state) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("w.db"));
             PreparedStatement p = c.prepareStatement("SELECT state FROM trials WHERE number = ?")) {
            p.setLong(1, number);
            while (true) {
                try (ResultSet r = p.executeQuery()) {
                    if (r.next() && r.getString(1).equals(state)) return;
                }
                Thread.sleep(2);  // between looks at the table; the worker decides when the state changes
            }
        }
    }

    @Test
    void evaluatesQueuedTrialsWithTheTimeLimitAndStopsWhenTheRunIsOver() throws Exception {
        try (SharedTrialStore driver = open(); SharedTrialStore store = open()) {
            driver.openStudy("s", "fp", "rand", 1);
            driver.handToWorkers();
            for (int i = 0; i < 6; i++) {
                long n = driver.reserveTrial("s");
                driver.startTrial("s", Trial.running(n, new double[] {n}, Map.of("x", (double) n), Config.of(Map.of("x", (double) n)), Instant.now()));
            }
            driver.updateSettings("s", Map.of(StoreWorker.RUN, StoreWorker.OVER));
            List<Trial> told = new CopyOnWriteArrayList<>();
            StoreWorker worker = new StoreWorker(store, "s", ctx -> {
                if (ctx.trial() == 3) {
                    while (true) {
                        ctx.checkCancelled();
                        Thread.sleep(5);
                    }
                }
                return Outcome.ok(ctx.config().getDouble("x") * 2);
            }, 2, Duration.ofMillis(200), Duration.ofMillis(5), () -> false, told::add);
            assertThat(worker.run()).isEqualTo(6);
            assertThat(told).hasSize(6);
            List<Trial> trials = driver.trials("s");
            assertThat(trials).extracting(Trial::isFinished).containsOnly(true);
            assertThat(trials.get(3).error()).isEqualTo("timed out");
            assertThat(trials.get(5).loss()).isEqualTo(10.0);
        }
    }

    @Test
    void aStoppedWorkerRecordsNothingAndLetsGo() throws Exception {
        try (SharedTrialStore driver = open()) {
            driver.openStudy("s", "fp", "rand", 1);
            driver.handToWorkers();
            driver.startTrial("s", Trial.running(driver.reserveTrial("s"), new double[] {0}, Map.of("x", 0.0), Config.of(Map.of("x", 0.0)), Instant.now()));
            boolean[] stop = {false};
            try (SharedTrialStore store = open()) {
                StoreWorker worker = new StoreWorker(store, "s", ctx -> {
                    stop[0] = true;
                    return Outcome.ok(1);
                }, 1, null, Duration.ofMillis(5), () -> stop[0], null);
                assertThat(worker.run()).isZero();
            }
            assertThat(driver.trials("s").get(0).isFinished()).isFalse();
            try (SharedTrialStore other = open()) {
                assertThat(other.claim("s")).as("let go at once").isPresent();
            }
        }
    }

    @Test
    void aTrialClaimedAheadOfALongOneIsGivenBackForOthers() throws Exception {
        try (SharedTrialStore driver = open(); SharedTrialStore store = open(); SharedTrialStore other = open()) {
            driver.openStudy("s", "fp", "rand", 1);
            driver.handToWorkers();
            for (int i = 0; i < 2; i++) {
                long n = driver.reserveTrial("s");
                driver.startTrial("s", Trial.running(n, new double[] {n}, Map.of("x", (double) n), Config.of(Map.of("x", (double) n)), Instant.now()));
            }
            java.util.concurrent.atomic.AtomicReference<java.util.Optional<Trial>> takenMeanwhile = new java.util.concurrent.atomic.AtomicReference<>();
            StoreWorker worker = new StoreWorker(store, "s", ctx -> {
                if (ctx.trial() == 0) {
                    // Trial 0 runs until the worker has claimed trial 1 ahead, and on until it gave it back.
                    awaitState(1, "running");
                    assertThat(other.claim("s")).as("trial 1 is claimed ahead while trial 0 is short").isEmpty();
                    awaitState(1, "queued");
                    takenMeanwhile.set(other.claim("s"));
                }
                return Outcome.ok(ctx.trial());
            }, 1, null, Duration.ofMillis(5), () -> false, null);
            driver.updateSettings("s", Map.of(StoreWorker.RUN, StoreWorker.OVER));
            assertThat(worker.run()).as("trial 1 was left to the other worker").isEqualTo(1);
            assertThat(takenMeanwhile.get()).as("given back once trial 0 ran long").map(Trial::number).contains(1L);
            assertThat(driver.trials("s").get(0).loss()).isEqualTo(0.0);
        }
    }
}
