package dev.hyperopt.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.engine.sample.Seeds;
import dev.hyperopt.engine.sample.random.PriorSampler;
import dev.hyperopt.engine.space.Assignment;
import dev.hyperopt.engine.space.EvaluationException;
import dev.hyperopt.engine.space.SpaceEvaluator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code hyperopt sample FILE --n N --seed S [--labels]}: draws from the prior, one JSON
 * object a line. Sample {@code i} uses the stream of trial {@code i}, so it is what trial
 * {@code i} of a random search with the same seed would be given.
 */
@Command(name = "sample", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Draw configurations from the prior of a search space and print them as JSON, one object a line.",
                "Integers print as JSON integers, a named choice as {\"branch\": value}; with --labels, the flat "
                        + "{label: value} assignment of the active hyperparameters instead."})
final class SampleCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ImportRoots importRoots;

    @Parameters(index = "0", paramLabel = "FILE", description = "the .hspace file")
    Path file;

    @Option(names = "--n", paramLabel = "N", defaultValue = "1", description = "number of samples (default: ${DEFAULT-VALUE})")
    long n;

    @Option(names = "--seed", paramLabel = "S", description = "random seed (default: random, printed on standard error)")
    Long seed;

    @Option(names = "--labels", description = "print {label: value} assignments instead of configurations")
    boolean labels;

    /**
     * Whether output can no longer be written. picocli's writer wraps {@code System.out} in
     * an encoder, and the print stream underneath keeps write errors to itself, so ask it too.
     */
    private static boolean closed(PrintWriter out) {
        return out.checkError() || System.out.checkError();
    }

    @Override
    public Integer call() throws JsonProcessingException {
        if (n < 0) throw new UserError("--n must be >= 0, got " + n);
        PrintWriter err = spec.commandLine().getErr();
        SearchSpace space = SpaceFiles.load(file, importRoots, err);
        long s = seed != null ? seed : ThreadLocalRandom.current().nextLong(0, 1L << 31);
        if (seed == null) {
            err.println("seed: " + s);
            err.flush();
        }
        ObjectMapper json = Json.MAPPER;
        PrintWriter out = spec.commandLine().getOut();
        for (long i = 0; i < n; i++) {
            Assignment a = PriorSampler.sample(space, Seeds.stream(s, i));
            Object value;
            if (labels) {
                value = a.labels();
            } else {
                try {
                    value = SpaceEvaluator.evaluate(a);
                } catch (EvaluationException e) {
                    out.flush();
                    throw new UserError(file + ": sample " + i + " (seed " + s + "): " + e.getMessage());
                }
            }
            out.println(json.writeValueAsString(value));
            // A reader that has gone away (`| head`) ends the run, as it would a Unix tool.
            if (closed(out)) return 1;
        }
        out.flush();
        return closed(out) ? 1 : 0;
    }
}
