package dev.hyperopt.testing;

import dev.hyperopt.engine.store.SharedTrialStore;
import dev.hyperopt.engine.store.StoreUrl;
import dev.hyperopt.engine.store.jdbc.sqlite.SqliteTrialStoreFactory;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs that start at the same moment on a new SQLite file all open it: none is told the file is locked. */
@Timeout(120)
class SqliteOpenTogetherTest {
    private static final int RUNS = 6;

    @TempDir
    Path dir;

    @RepeatedTest(20)
    void runsStartingTogetherOnANewFileAllOpenIt() throws Exception {
        StoreUrl url = StoreUrl.parse("sqlite:" + dir.resolve("together-" + System.nanoTime() + ".db"));
        CyclicBarrier start = new CyclicBarrier(RUNS);
        ExecutorService pool = Executors.newFixedThreadPool(RUNS);
        try {
            List<Future<String>> opened = new ArrayList<>();
            for (int i = 0; i < RUNS; i++) {
                opened.add(pool.submit(() -> {
                    start.await();
                    try (SharedTrialStore s = new SqliteTrialStoreFactory().open(url)) {
                        String name = s.openStudy("s", "fp", "rand", 1).name();
                        for (int t = 0; t < 5; t++) s.reserveTrial("s");
                        return name;
                    }
                }));
            }
            for (Future<String> f : opened) assertThat(f.get()).isEqualTo("s");
        } finally {
            pool.shutdownNow();
        }
    }
}
