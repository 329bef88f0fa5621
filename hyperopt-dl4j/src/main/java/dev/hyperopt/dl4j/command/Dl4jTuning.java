package dev.hyperopt.dl4j.command;

import dev.hyperopt.dl4j.Dl4jFamily;
import dev.hyperopt.dl4j.model.BaselineMlp;
import dev.hyperopt.dl4j.model.TrainedNet;
import dev.hyperopt.dl4j.objective.Dl4jObjective;
import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.engine.api.Objective;
import dev.hyperopt.engine.api.Trial;
import dev.hyperopt.engine.space.Assignment;
import dev.hyperopt.engine.spi.Arguments;
import dev.hyperopt.engine.spi.CommandException;
import dev.hyperopt.engine.spi.CommandOption;
import dev.hyperopt.engine.spi.FamilyInputs;
import dev.hyperopt.engine.spi.Search;
import dev.hyperopt.engine.spi.Tuning;
import dev.hyperopt.nd4j.DivergenceException;
import dev.hyperopt.nd4j.Nd4jRuntime;
import dev.hyperopt.nd4j.data.DataSplits;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code hyperopt dl4j tune --data D}: tunes a deep network of the DL4J family on a data set,
 * refits the best configuration, reports its test error and saves it (DL4J's
 * ModelSerializer format).
 */
public final class Dl4jTuning implements Tuning {
    private static final List<CommandOption> OPTIONS;

    static {
        List<CommandOption> o = new ArrayList<>(DataOptions.OPTIONS);
        o.add(CommandOption.value("--space", "SPACE", "modern, dbn, sda, mlp, deep or a .hspace file").withDefault("modern"));
        o.add(CommandOption.value("--max-units", "N", "cap every layer's width, for small machines (default: no cap)"));
        o.add(CommandOption.value("--max-seconds", "S", "cap each trial's training time below the space's max_seconds; "
                + "a trial keeps what it reached (0 for the space's own)").withDefault("60"));
        o.add(CommandOption.flag("--verbose", "print every layer's pretraining and every fine-tuning epoch"));
        OPTIONS = List.copyOf(o);
    }

    private final Dl4jFamily family;

    public Dl4jTuning(Dl4jFamily family) {
        this.family = family;
    }

    @Override
    public String description() {
        return "Tune an MLP, deep belief net or stacked denoising autoencoder on a data set, refit the best configuration, "
                + "report its test error and save it (DL4J's ModelSerializer format).";
    }

    @Override
    public List<CommandOption> options() {
        return OPTIONS;
    }

    @Override
    public Defaults defaults() {
        // Every trial reports its validation error after each epoch; the median rule (Optuna's
        // default pruner) stops one that is worse than the median of the others at the same
        // epoch, from the third on (the first epochs favour whatever learns fastest). Each trial
        // trains on one native thread, so there is a trial per core.
        return new Defaults(100, null, "dl4j-model.zip", true, "median:n_warmup_steps=3", Defaults.cores());
    }

    @Override
    public Search prepare(Arguments args, long seed, PrintWriter log) {
        Integer units = args.integer("--max-units", 0);
        double seconds = args.number("--max-seconds");
        if (seconds < 0) throw new CommandException("invalid value for --max-seconds: '" + args.value("--max-seconds") + "' (needs a number >= 0)");
        String spaceName = args.value("--space");
        SearchSpace space = FamilyInputs.space(family, spaceName, log);
        Nd4jRuntime.start();
        DataSplits splits = DataOptions.open(args);
        log.printf(Locale.ROOT, "data: %s, %d training, %d validation, %d test examples of %d inputs, %d classes%n", splits.name(),
                splits.train().size(), splits.valid().size(), splits.test().size(), splits.train().dimension(), splits.train().classes());
        boolean verbose = args.flag("--verbose");
        Dl4jObjective objective = new Dl4jObjective(splits, units == null ? 0 : units, seconds, verbose ? lines(log, "") : null);
        String study = "dl4j-" + FamilyInputs.spaceName(spaceName) + "-" + Path.of(args.value("--data")).getFileName();
        return new Dl4jSearch(space, objective, splits, study, verbose, knownGood(space));
    }

    /** DL4J's usual first MLP ({@link BaselineMlp#config}) where the space holds it: the first trial. */
    static List<Map<String, Object>> knownGood(SearchSpace space) {
        try {
            return List.of(Assignment.fromConfig(space, BaselineMlp.config()).labels());
        } catch (IllegalArgumentException e) {
            return List.of(); // a space of another shape (dbn, sda, a user's own)
        }
    }

    /** Prints whole lines to the log, never interleaved with another thread's. */
    static Consumer<String> lines(PrintWriter log, String prefix) {
        return line -> {
            synchronized (log) {
                log.println(prefix + line);
                log.flush();
            }
        };
    }

    private record Dl4jSearch(SearchSpace space, Dl4jObjective net, DataSplits splits, String study, boolean verbose,
                              List<Map<String, Object>> knownGood) implements Search {
        @Override
        public Objective objective() {
            return net;
        }

        @Override
        public Path model() {
            return Path.of("dl4j-model.zip");
        }

        @Override
        public Map<String, Object> refit(Trial best, Path model, PrintWriter out, PrintWriter log) {
            log.println("refitting trial " + best.number() + " ...");
            log.flush();
            TrainedNet trained;
            try {
                trained = net.refit(best, verbose ? lines(log, "refit: ") : null);
            } catch (DivergenceException e) {
                throw new CommandException("the refit of trial " + best.number() + " failed: " + e.getMessage());
            }
            double testError = trained.error(splits.test());
            out.printf(Locale.ROOT, "refit:   validation error %.4f, test error %.4f (accuracy %.4f) on %d test examples, %.1f s%n",
                    trained.validError(), testError, 1 - testError, splits.test().size(), trained.seconds());
            try {
                trained.save(model);
            } catch (IOException e) {
                throw new CommandException("cannot write " + model + ": " + e.getMessage());
            }
            out.printf("model:   %s (DL4J ModelSerializer; takes raw inputs)%n", model);
            Map<String, Object> measured = new LinkedHashMap<>();
            measured.put("refit", Map.of("validation_error", trained.validError(), "seconds", trained.seconds()));
            measured.put("test", Map.of("loss", testError, "accuracy", 1 - testError, "examples", splits.test().size()));
            return measured;
        }
    }
}
