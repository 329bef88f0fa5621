package dev.hyperopt.bench;

import dev.hyperopt.engine.api.Intermediate;
import dev.hyperopt.engine.api.Trial;
import dev.hyperopt.engine.api.TrialState;
import dev.hyperopt.engine.inject.Engine;
import dev.hyperopt.engine.prune.Pruner;
import dev.hyperopt.engine.prune.PruningContext;
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
import org.openjdk.jmh.annotations.Warmup;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The cost of one pruning decision against a study of {@code trials} finished trials that
 * each reported {@code steps} values (learning curves {@code a + b / step} plus noise). The
 * trial being judged follows the best trial's curve with noise of its own, and has just reported
 * step 27 (or its last, when fewer), where every pruner compares: a median and percentile step, a rung of {@code asha}
 * and of every {@code hyperband} bracket (its maximum resource being 30, from the first
 * finished trial), and 27 common steps for {@code wilcoxon}, whose mean is worse than the
 * best trial's so that the test runs, with a p-value far from 0, which costs the most.
 * Each invocation judges another trial number, so Hyperband's brackets vary.
 *
 * <p>{@link #main} measures the same decisions as the thread's CPU time, which a loaded
 * machine disturbs much less than wall-clock time: {@code PruneLatencyBenchmark [pruners
 * [samples]]}, e.g. {@code PruneLatencyBenchmark median,asha 400}; one line per pruner.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PruneLatencyBenchmark {
    static final int JUDGED_STEP = 27;

    @Param({"median", "percentile", "asha", "hyperband", "wilcoxon"})
    public String pruner;

    @Param({"1000"})
    public int trials;

    @Param({"30"})
    public int steps;

    private Pruner decider;
    private List<Trial> study;
    private List<Intermediate> curve;
    private long next;

    @Setup(Level.Trial)
    public void setUp() {
        decider = Engine.standard().pruner(pruner);
        study = study(trials, steps, 11);
        // A contender: the best trial's curve with noise of its own (a little worse on average).
        Trial best = study.get(0);
        for (Trial t : study) if (t.loss() < best.loss()) best = t;
        SplittableRandom random = new SplittableRandom(12);
        List<Intermediate> c = new ArrayList<>();
        for (Intermediate v : best.intermediate().subList(0, Math.min(JUDGED_STEP, steps))) {
            c.add(new Intermediate(v.step(), v.value() + random.nextDouble(-0.01, 0.01)));
        }
        curve = List.copyOf(c);
        next = trials;
    }

    @Benchmark
    public boolean decide() {
        return decider.prune(new PruningContext(next++, curve, study));
    }

    public static void main(String[] args) {
        String[] pruners = (args.length > 0 ? args[0] : "median,percentile,asha,hyperband,wilcoxon").split(",");
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : 400;
        int batch = 20;
        List<PruneLatencyBenchmark> benchmarks = new ArrayList<>();
        for (String p : pruners) {
            PruneLatencyBenchmark b = new PruneLatencyBenchmark();
            b.pruner = p;
            b.trials = 1000;
            b.steps = 30;
            b.setUp();
            benchmarks.add(b);
        }
        // Every pruner is compiled before any is measured, for a few seconds of wall-clock time:
        // on a loaded machine the JIT's threads take that long to get their share.
        for (PruneLatencyBenchmark b : benchmarks) {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            for (int i = 0; i < samples * batch || System.nanoTime() < until; i++) b.decide();
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (PruneLatencyBenchmark b : benchmarks) {
            double[] perDecision = new double[samples];
            int pruned = 0;
            for (int r = 0; r < samples; r++) {
                long c0 = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < batch; i++) if (b.decide()) pruned++;
                perDecision[r] = (threads.getCurrentThreadCpuTime() - c0) / 1e3 / batch;
            }
            Arrays.sort(perDecision);
            System.out.printf(Locale.ROOT, "%-10s %d trials x %d steps: cpu median %6.1f us, p90 %6.1f us per decision (%d of %d pruned)%n",
                    b.pruner, b.trials, b.steps, perDecision[samples / 2], perDecision[(int) (samples * 0.9)], pruned, samples * batch);
        }
    }

    /** {@code n} trials that finished ok in order, each with {@code steps} values. */
    static List<Trial> study(int n, int steps, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        List<Trial> out = new ArrayList<>(n);
        for (int t = 0; t < n; t++) {
            List<Intermediate> c = curve(random.nextDouble(0.1, 1.0), random.nextDouble(0.2, 0.8), steps, random);
            out.add(new Trial(t, TrialState.OK, new double[0], Map.of(), null, c.get(c.size() - 1).value(), Map.of(), null,
                    start.plusSeconds(60L * t), start.plusSeconds(60L * t + 50), c));
        }
        return List.copyOf(out);
    }

    private static List<Intermediate> curve(double floor, double decay, int steps, SplittableRandom random) {
        List<Intermediate> c = new ArrayList<>(steps);
        for (int s = 1; s <= steps; s++) c.add(new Intermediate(s, floor + decay / s + random.nextDouble(-0.01, 0.01)));
        return List.copyOf(c);
    }
}
