package dev.hyperopt.bench;

import dev.hyperopt.suite.BenchProblem;
import dev.hyperopt.suite.Suite;
import dev.hyperopt.engine.inject.Engine;
import dev.hyperopt.engine.sample.Observation;
import dev.hyperopt.engine.sample.Sampler;
import dev.hyperopt.engine.sample.SamplingContext;
import dev.hyperopt.engine.sample.Seeds;
import dev.hyperopt.engine.sample.random.PriorSampler;
import dev.hyperopt.engine.space.Assignment;
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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The cost of one suggestion against the number of finished trials, on the suite's
 * 10-parameter mixed space {@code overhead10}, for each TPE variant (and annealing for
 * scale): the figure the reference numbers give for Hyperopt and Optuna. The history is
 * drawn from the prior and scored with the suite's formula; each invocation suggests the
 * next trial with a new trial number, so the random stream changes while the history
 * stays. With {@code prunedPercent} above 0, that share of the history was pruned after
 * 1 to 9 steps, as a run with a pruner leaves it.
 *
 * <p>The suite is found as {@code bench/problems.json} in the working directory or one
 * above it, or where the system property {@code hyperopt.bench.problems} says.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SuggestLatencyBenchmark {

    @Param({"tpe", "tpe-hyperopt", "anneal"})
    public String algo;

    @Param({"10", "25", "100", "250", "500", "1000", "2000"})
    public int history;

    /** The share of the history, in percent, that a pruner stopped (every other trial up to it): TPE ranks those apart. */
    @Param({"0"})
    public int prunedPercent;

    private Sampler sampler;
    private BenchProblem problem;
    private List<Observation> trials;
    private long next;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        problem = Suite.load(problems()).problem("overhead10");
        sampler = Engine.standard().sampler(algo);
        trials = new ArrayList<>(history);
        for (int t = 0; t < history; t++) {
            Assignment a = PriorSampler.sample(problem.space(), Seeds.stream(99, t));
            double loss = problem.evaluate(a, 0, t).observed();
            boolean pruned = t % 100 < prunedPercent;
            trials.add(pruned ? Observation.pruned(t, a.values(), 1 + t % 9, loss * 1.5) : Observation.ok(t, a.values(), loss));
        }
        trials = List.copyOf(trials);
        next = history;
    }

    @Benchmark
    public Assignment suggest() {
        return sampler.suggest(new SamplingContext(problem.space(), trials, 7, next++));
    }

    static Path problems() {
        String configured = System.getProperty("hyperopt.bench.problems");
        if (configured != null) return Path.of(configured);
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path p = dir.resolve("bench").resolve("problems.json");
            if (Files.isRegularFile(p)) return p;
        }
        throw new IllegalStateException("bench/problems.json not found from " + Path.of("").toAbsolutePath()
                + "; set -Dhyperopt.bench.problems=PATH");
    }
}
