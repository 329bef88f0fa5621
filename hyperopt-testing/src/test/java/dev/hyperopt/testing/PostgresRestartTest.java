package dev.hyperopt.testing;

import dev.hyperopt.dsl.HSpaceCompiler;
import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.engine.api.Config;
import dev.hyperopt.engine.api.Intermediate;
import dev.hyperopt.engine.api.Outcome;
import dev.hyperopt.engine.api.Trial;
import dev.hyperopt.engine.api.TrialState;
import dev.hyperopt.engine.run.Hyperopt;
import dev.hyperopt.engine.run.Result;
import dev.hyperopt.engine.run.StopSignal;
import dev.hyperopt.engine.store.SharedTrialStore;
import dev.hyperopt.engine.store.StoreUrl;
import dev.hyperopt.engine.store.jdbc.JdbcTrialStore;
import dev.hyperopt.engine.store.jdbc.postgres.PostgresDialect;
import dev.hyperopt.engine.store.jdbc.postgres.PostgresTrialStoreFactory;
import dev.hyperopt.engine.worker.QueuedObjective;
import dev.hyperopt.engine.worker.StoreWorker;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a PostgreSQL store does when its connection goes: the server restarted under a run
 * with a driver and workers, and a commit cut off before its answer came back. Needs the
 * server of {@code .ci/with-postgres.sh}, which also says how to restart it.
 */
@Timeout(180)
class PostgresRestartTest {
    private static final SearchSpace SPACE = new HSpaceCompiler().compile("restart.hspace", "space = { x: uniform(-5, 5) }").orThrow();

    private static String ctl() {
        String ctl = System.getenv("HYPEROPT_TEST_PG_CTL");
        Assumptions.assumeTrue(ctl != null && !ctl.isBlank(), "needs HYPEROPT_TEST_PG_CTL, as .ci/with-postgres.sh sets it");
        return ctl;
    }

    private static void server(String ctl, String action) throws Exception {
        Process p = new ProcessBuilder(ctl, action).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as("%s %s: %s", ctl, action, out).isZero();
    }

    @Test
    void aServerRestartMidRunLosesNoTrialAndEvaluatesNoneTwice() throws Exception {
        String url = TestPostgres.freshDatabase();
        String ctl = ctl();
        PostgresTrialStoreFactory factory = new PostgresTrialStoreFactory();
        Map<Long, AtomicInteger> evaluations = new ConcurrentHashMap<>();
        AtomicBoolean restarted = new AtomicBoolean();
        List<Throwable> workerFailures = new CopyOnWriteArrayList<>();
        List<Thread> workers = new java.util.ArrayList<>();
        List<SharedTrialStore> workerStores = new java.util.ArrayList<>();
        // A worker that fails stops the driver, which would otherwise wait for ever for the trials it held.
        StopSignal stop = new StopSignal();
        Result r;
        try (SharedTrialStore driver = factory.open(StoreUrl.parse(url));
             QueuedObjective queued = new QueuedObjective(driver, "s", Duration.ofMillis(10))) {
            driver.handToWorkers();
            driver.openStudy("s", SPACE, "rand", 1);
            driver.updateSettings("s", Map.of(StoreWorker.RUN, StoreWorker.ACTIVE));
            for (int w = 0; w < 2; w++) {
                SharedTrialStore store = factory.open(StoreUrl.parse(url));
                workerStores.add(store);
                StoreWorker worker = new StoreWorker(store, "s", ctx -> {
                    evaluations.computeIfAbsent(ctx.trial(), n -> new AtomicInteger()).incrementAndGet();
                    // The server goes down and comes back while this trial runs and the others wait on it.
                    if (ctx.trial() == 3 && restarted.compareAndSet(false, true)) {
                        server(ctl, "stop");
                        server(ctl, "start");
                    }
                    return Outcome.ok(Math.abs(ctx.config().getDouble("x")));
                }, 1, null, Duration.ofMillis(10), () -> false, null);
                Thread t = new Thread(() -> {
                    try {
                        worker.run();
                    } catch (Throwable e) {
                        workerFailures.add(e);
                        stop.request();
                    }
                }, "worker-" + w);
                t.start();
                workers.add(t);
            }
            try {
                r = Hyperopt.minimize(SPACE, queued).store(driver).study("s").algorithm("rand").seed(1).maxEvals(10).parallelism(2).stopSignal(stop).run();
            } finally {
                driver.updateSettings("s", Map.of(StoreWorker.RUN, StoreWorker.OVER));
                for (Thread t : workers) t.join();
                for (SharedTrialStore s : workerStores) s.close();
            }
        }
        assertThat(workerFailures).isEmpty();
        assertThat(restarted).isTrue();
        assertThat(r.trials()).extracting(Trial::state).hasSize(10).containsOnly(TrialState.OK);
        try (SharedTrialStore fresh = factory.open(StoreUrl.parse(url))) {
            assertThat(fresh.trials("s")).extracting(Trial::number).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
            assertThat(fresh.trials("s")).allMatch(Trial::isOk);
        }
        assertThat(evaluations.keySet()).containsExactlyInAnyOrder(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(evaluations.values()).as("each trial evaluated once").allMatch(n -> n.get() == 1);
    }

    /** Where a cut commit falls: after the server committed it, or before. */
    private enum Cut { NONE, AFTER_COMMIT, BEFORE_COMMIT }

    /** A connection whose next commit, when armed, is cut off: the connection closes and the driver reports a lost link. */
    private static Connection cuttable(Connection real, AtomicReference<Cut> cut) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, m, args) -> {
            if (m.getName().equals("commit")) {
                Cut c = cut.getAndSet(Cut.NONE);
                if (c == Cut.AFTER_COMMIT) real.commit();
                if (c != Cut.NONE) {
                    real.close();
                    throw new SQLException("An I/O error occurred while sending to the backend.", "08006");
                }
            }
            try {
                return m.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }

    @Test
    void aCommitCutOffIsNeitherRepeatedNorLost() throws Exception {
        String url = TestPostgres.freshDatabase();
        AtomicReference<Cut> cut = new AtomicReference<>(Cut.NONE);
        try (JdbcTrialStore store = new JdbcTrialStore(cuttable(TestPostgres.connect(url), cut),
                () -> cuttable(TestPostgres.connect(url), cut), new PostgresDialect(), "postgresql://test", Clock.systemUTC())) {
            store.openStudy("s", "fp", "rand", 1);
            cut.set(Cut.AFTER_COMMIT);
            assertThat(store.reserveTrial("s")).isZero();
            assertThat(cut.get()).as("the cut happened").isEqualTo(Cut.NONE);
            assertThat(store.reserveTrial("s")).as("the committed reservation was not made again").isEqualTo(1);
            cut.set(Cut.BEFORE_COMMIT);
            assertThat(store.reserveTrial("s")).as("the lost reservation was made again").isEqualTo(2);
            assertThat(store.reserveTrial("s")).isEqualTo(3);

            store.startTrial("s", Trial.running(0, new double[] {0}, Map.of("x", 0.0), Config.of(Map.of("x", 0.0)), Instant.now()));
            cut.set(Cut.AFTER_COMMIT);
            store.report("s", 0, new Intermediate(1, 0.5));
            cut.set(Cut.BEFORE_COMMIT);
            store.report("s", 0, new Intermediate(2, 0.25));
            assertThat(store.trial("s", 0).orElseThrow().intermediate())
                    .containsExactly(new Intermediate(1, 0.5), new Intermediate(2, 0.25));
        }
    }
}
