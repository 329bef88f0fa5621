package dev.hyperopt.bench;

import dev.hyperopt.dsl.HSpaceCompiler;
import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.engine.sample.Seeds;
import dev.hyperopt.engine.sample.random.PriorSampler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

/**
 * 100,000 prior samples of a 20-hyperparameter conditional space, each trial with its own
 * (seed, trial) stream as random search draws them. Target: under 1 s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SampleBenchmark {

    static final int SAMPLES = 100_000;

    private SearchSpace space;
    private long seed;

    @Setup
    public void setUp() {
        space = new HSpaceCompiler().compile("conditional20.hspace", GeneratedSpaces.conditional20()).orThrow();
        if (space.size() != GeneratedSpaces.PER_BLOCK) throw new IllegalStateException("space has " + space.size() + " hyperparameters");
    }

    /** The values only, as samplers use them. */
    @Benchmark
    public void sampleValues100k(Blackhole bh) {
        long s = seed++;
        for (int t = 0; t < SAMPLES; t++) bh.consume(PriorSampler.sampleValues(space, Seeds.stream(s, t)));
    }

    /** Whole assignments, as {@code RandomSampler.suggest} returns them. */
    @Benchmark
    public void sampleAssignments100k(Blackhole bh) {
        long s = seed++;
        for (int t = 0; t < SAMPLES; t++) bh.consume(PriorSampler.sample(space, Seeds.stream(s, t)));
    }
}
