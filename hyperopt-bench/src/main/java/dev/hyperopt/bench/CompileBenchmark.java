package dev.hyperopt.bench;

import dev.hyperopt.dsl.HSpaceCompiler;
import dev.hyperopt.dsl.ir.SearchSpace;
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

/** Compiling a generated file (parse, check, lower, build the space). Target: 1,000 hyperparameters under 50 ms. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CompileBenchmark {

    /** Hyperparameters in the file (a multiple of 20). */
    @Param({"1000"})
    public int hyperparameters;

    private String text;
    private HSpaceCompiler compiler;

    @Setup
    public void setUp() {
        text = GeneratedSpaces.blocks(hyperparameters / GeneratedSpaces.PER_BLOCK);
        compiler = new HSpaceCompiler();
        SearchSpace space = compiler.compile("generated.hspace", text).orThrow();
        if (space.size() != hyperparameters) {
            throw new IllegalStateException("generated " + space.size() + " hyperparameters, wanted " + hyperparameters);
        }
    }

    @Benchmark
    public SearchSpace compile() {
        return compiler.compile("generated.hspace", text).orThrow();
    }
}
