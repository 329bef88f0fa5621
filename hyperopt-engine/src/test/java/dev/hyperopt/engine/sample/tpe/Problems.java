package dev.hyperopt.engine.sample.tpe;

import dev.hyperopt.dsl.HSpaceCompiler;
import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.engine.space.Assignment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Two spaces of the benchmark suite (the project's {@code bench/hspace}), for the samplers'
 * tests: branin, smooth in two dimensions, with its loss; and cash_synth, conditional. The
 * suite itself, and the tests that compare samplers on it, are in {@code hyperopt-suite}.
 */
public final class Problems {
    private Problems() {}

    /** A space with its loss. */
    public record Problem(String name, SearchSpace space) {
        /** Branin's loss at the assignment's x and y. */
        public double evaluate(Assignment a) {
            return branin(a.value(0), a.value(1));
        }
    }

    public static final Problem BRANIN = new Problem("branin", read("branin"));
    public static final SearchSpace CASH = read("cash_synth");

    private static SearchSpace read(String name) {
        try {
            return new HSpaceCompiler().compile(Path.of("..", "bench", "hspace", name + ".hspace")).orThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static SearchSpace compile(String name, String text) {
        return new HSpaceCompiler().compile(name, text).orThrow();
    }

    /** Branin-Hoo, as the suite computes it. */
    public static double branin(double x, double y) {
        double a = 5.1 / (4 * Math.PI * Math.PI);
        double b = y - a * (x * x) + 5 * x / Math.PI - 6;
        return b * b + 10 * (1 - 1 / (8 * Math.PI)) * Math.cos(x) + 10;
    }
}
