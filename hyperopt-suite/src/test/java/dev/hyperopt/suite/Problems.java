package dev.hyperopt.suite;

import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.engine.sample.Sampler;
import dev.hyperopt.engine.space.Assignment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A few problems of the benchmark suite ({@link Suite}, read from the project's
 * {@code bench/} directory) for the samplers' quality tests: enough to tell a sampler that
 * learns from one that does not.
 */
public final class Problems {
    private Problems() {}

    /** A suite problem seen as a space and a deterministic loss. */
    public record Problem(BenchProblem bench) {
        public SearchSpace space() {
            return bench.space();
        }

        public String name() {
            return bench.name();
        }

        public double evaluate(Assignment a) {
            return bench.evaluate(a, 0, 0).observed();
        }
    }

    private static final Suite SUITE = load();

    private static Suite load() {
        try {
            return Suite.load(Path.of("..", "bench", "problems.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static final Problem BRANIN = new Problem(SUITE.problem("branin"));
    public static final Problem HARTMANN6 = new Problem(SUITE.problem("hartmann6"));
    public static final Problem CASH = new Problem(SUITE.problem("cash_synth"));

    /** The mean over seeds 0..seeds-1 of the best loss after {@code budget} trials. */
    public static double meanBest(Sampler sampler, Problem problem, int seeds, int budget) {
        double sum = 0;
        for (int s = 0; s < seeds; s++) sum += BenchRunner.run(problem.bench(), "", sampler, s, budget).finalBestLoss();
        return sum / seeds;
    }
}
