package dev.hyperopt.bench;

import dev.hyperopt.dsl.HSpaceCompiler;
import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.engine.sample.Seeds;
import dev.hyperopt.engine.sample.random.PriorSampler;
import dev.hyperopt.engine.space.Assignment;
import dev.hyperopt.engine.space.SpaceEvaluator;
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

/** Turning sampled assignments into configurations ({@code space_eval}), in evaluations per millisecond. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EvaluateBenchmark {

    /** Blocks of 20 hyperparameters: 1 is the sampling benchmark's space, 50 the compile benchmark's. */
    @Param({"1", "50"})
    public int blocks;

    private Assignment[] assignments;
    private int next;

    @Setup
    public void setUp() {
        String text = blocks == 1 ? GeneratedSpaces.conditional20() : GeneratedSpaces.blocks(blocks);
        SearchSpace space = new HSpaceCompiler().compile("generated.hspace", text).orThrow();
        assignments = new Assignment[1024];
        for (int t = 0; t < assignments.length; t++) assignments[t] = PriorSampler.sample(space, Seeds.stream(1, t));
    }

    @Benchmark
    public Object evaluate() {
        Assignment a = assignments[next];
        next = (next + 1) & (assignments.length - 1);
        return SpaceEvaluator.evaluate(a);
    }
}
