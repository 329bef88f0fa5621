package dev.hyperopt.bench;

import dev.hyperopt.dsl.HSpaceCompiler;
import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.engine.api.Outcome;
import dev.hyperopt.engine.run.Hyperopt;
import dev.hyperopt.engine.run.Result;
import dev.hyperopt.engine.store.StoreUrl;
import dev.hyperopt.engine.store.TrialStore;
import dev.hyperopt.engine.store.jdbc.sqlite.SqliteTrialStoreFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The run loop with random search and a no-op objective on an SQLite store: what durable
 * trials cost. One operation is a run of {@code trials} trials (a new study each time) on
 * the 10-hyperparameter overhead10 space, every trial reserved, started and finished in
 * its own transaction on a file in the temporary folder. Target: at least 1,000 trials per
 * second, that is under {@code trials} milliseconds an operation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StoreBenchmark {

    @Param({"1000"})
    public int trials;

    private SearchSpace space;
    private Path dir;
    private TrialStore store;
    private int study;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        space = new HSpaceCompiler().compile("overhead10.hspace", GeneratedSpaces.overhead10()).orThrow();
        dir = Files.createTempDirectory("hyperopt-store-bench");
        store = new SqliteTrialStoreFactory().open(StoreUrl.parse("sqlite:" + dir.resolve("bench.db")));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        store.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    @Benchmark
    public Result sqliteRandomSearchNoOpObjective() {
        return Hyperopt.minimize(space, ctx -> Outcome.ok(0.0)).algorithm("random").maxEvals(trials)
                .seed(study).store(store).study("s" + study++).run();
    }

    /** One quick measurement without JMH: {@code java -cp hyperopt-bench/target/benchmarks.jar dev.hyperopt.bench.StoreBenchmark [TRIALS] [RUNS]}. */
    public static void main(String[] args) throws IOException {
        StoreBenchmark b = new StoreBenchmark();
        b.trials = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        b.setUp();
        try {
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                Result r = b.sqliteRandomSearchNoOpObjective();
                double s = (System.nanoTime() - t0) / 1e9;
                System.out.printf("run %d: %d trials in %.3f s = %.0f trials/s%n", i + 1, r.trials().size(), s, r.trials().size() / s);
            }
        } finally {
            b.tearDown();
        }
    }
}
