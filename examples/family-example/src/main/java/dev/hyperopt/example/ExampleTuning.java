package dev.hyperopt.example;

import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.engine.api.Trial;
import dev.hyperopt.engine.spi.Arguments;
import dev.hyperopt.engine.spi.CommandException;
import dev.hyperopt.engine.spi.CommandOption;
import dev.hyperopt.engine.spi.FamilyInputs;
import dev.hyperopt.engine.spi.Search;
import dev.hyperopt.engine.spi.Tuning;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code hyperopt example tune}: tunes k-nearest neighbours on a two-moons data set, then
 * scores the best configuration on a fresh draw of the data. The command line builds the
 * command, with every option tune commands share, from this class alone.
 */
final class ExampleTuning implements Tuning {
    private final ExampleFamily family;

    ExampleTuning(ExampleFamily family) {
        this.family = family;
    }

    @Override
    public String description() {
        return "Tune a k-nearest-neighbours classifier on two moons; score the best configuration on a fresh draw of the data.";
    }

    @Override
    public List<CommandOption> options() {
        return List.of(
                CommandOption.value("--n", "N", "points in the data set, half of them for training").withDefault("400"),
                CommandOption.value("--noise", "SD", "the noise around the moons").withDefault("0.25"),
                CommandOption.value("--data-seed", "S", "seed of the data set").withDefault("0"),
                CommandOption.value("--space", "SPACE", "knn or a .hspace file").withDefault("knn"));
    }

    @Override
    public Defaults defaults() {
        return new Defaults(50, null, null, false);
    }

    @Override
    public Search prepare(Arguments args, long seed, PrintWriter log) {
        int n = args.integer("--n", 20);
        double noise = args.number("--noise");
        if (noise < 0) throw new CommandException("invalid value for --noise: '" + args.value("--noise") + "' (needs a number >= 0)");
        long dataSeed = args.longValue("--data-seed");
        SearchSpace space = FamilyInputs.space(family, args.value("--space"), args, log);
        log.printf(Locale.ROOT, "data: two moons, %d points, noise %s, seed %d%n", n, args.value("--noise"), dataSeed);
        KnnObjective objective = new KnnObjective(Moons.generate(n, noise, dataSeed));
        KnnObjective fresh = new KnnObjective(Moons.generate(n, noise, dataSeed + 1));
        return new Search() {
            @Override
            public SearchSpace space() {
                return space;
            }

            @Override
            public KnnObjective objective() {
                return objective;
            }

            @Override
            public String study() {
                return "example-" + FamilyInputs.spaceName(args.value("--space"));
            }

            @Override
            public Map<String, Object> refit(Trial best, Path model, PrintWriter out, PrintWriter err) {
                double error = fresh.error(best.config(), () -> {});
                out.printf(Locale.ROOT, "test:    error %.4f on a fresh draw of %d points%n", error, n);
                return Map.of("test", Map.of("loss", error, "points", n));
            }
        };
    }
}
