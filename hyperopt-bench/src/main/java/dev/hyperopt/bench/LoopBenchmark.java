package dev.hyperopt.bench;

import dev.hyperopt.dsl.HSpaceCompiler;
import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.engine.api.Outcome;
import dev.hyperopt.engine.run.Hyperopt;
import dev.hyperopt.engine.run.Result;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The whole ask-evaluate-tell loop with random search and an in-process objective that
 * does nothing: what the engine itself costs per trial (in-memory store). One operation is
 * a run of {@code trials} trials on the 10-hyperparameter overhead10 space. Target: at
 * least 5,000 trials per second, with or without a pruner.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LoopBenchmark {

    @Param({"1000", "10000"})
    public int trials;

    private SearchSpace space;
    private long seed;

    @Setup
    public void setUp() {
        space = new HSpaceCompiler().compile("overhead10.hspace", GeneratedSpaces.overhead10()).orThrow();
    }

    @Benchmark
    public Result randomSearchNoOpObjective() {
        return Hyperopt.minimize(space, ctx -> Outcome.ok(0.0)).algorithm("random").maxEvals(trials).seed(seed++).run();
    }

    /**
     * The same run with a pruner on: each trial reports 10 steps (a curve falling to its
     * loss) and the median pruner judges every report against the whole study, so this is
     * the loop's cost per trial with pruning: the reports recorded, the pruner's decisions,
     * and TPE-free sampling.
     */
    @Benchmark
    public Result randomSearchTenReportsMedianPruner() {
        return Hyperopt.minimize(space, ctx -> {
            double loss = ctx.trial() % 97 / 97.0;
            for (int step = 1; step <= 10; step++) {
                ctx.report(step, loss + 1.0 / step);
                if (ctx.shouldPrune()) return Outcome.pruned();
            }
            return Outcome.ok(loss);
        }).algorithm("random").pruner("median").maxEvals(trials).seed(seed++).run();
    }

    /**
     * The heap a finished 10,000-trial run keeps (its result with every trial), measured
     * after a full collection: {@code java -cp hyperopt-bench/target/benchmarks.jar dev.hyperopt.bench.LoopBenchmark}.
     */
    public static void main(String[] args) {
        LoopBenchmark b = new LoopBenchmark();
        b.trials = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        b.setUp();
        Runtime rt = Runtime.getRuntime();
        long before = usedAfterGc(rt);
        long t0 = System.nanoTime();
        Result r = b.randomSearchNoOpObjective();
        double seconds = (System.nanoTime() - t0) / 1e9;
        long after = usedAfterGc(rt);
        System.out.printf("%d trials in %.2f s (%.0f trials/s, first run, JIT cold); heap kept by the result: %.1f MB (%.0f bytes a trial)%n",
                r.trials().size(), seconds, r.trials().size() / seconds, (after - before) / 1e6, (double) (after - before) / r.trials().size());
    }

    private static long usedAfterGc(Runtime rt) {
        for (int i = 0; i < 3; i++) System.gc();
        return rt.totalMemory() - rt.freeMemory();
    }
}
