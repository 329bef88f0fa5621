package dev.hyperopt.cli;

import dev.hyperopt.nd4j.data.DataException;
import dev.hyperopt.nd4j.data.DataSplits;
import dev.hyperopt.nd4j.DivergenceException;
import dev.hyperopt.nd4j.Nd4jRuntime;
import dev.hyperopt.dl4j.model.TrainedNet;
import dev.hyperopt.dl4j.objective.Dl4jObjective;
import dev.hyperopt.dsl.HSpaceCompiler;
import dev.hyperopt.dsl.ir.Num;
import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.engine.api.Trial;
import dev.hyperopt.engine.api.TrialState;
import dev.hyperopt.engine.inject.Engine;
import dev.hyperopt.engine.run.Durations;
import dev.hyperopt.engine.run.Hyperopt;
import dev.hyperopt.engine.run.Minimize;
import dev.hyperopt.engine.run.Result;
import dev.hyperopt.engine.run.StopSignal;
import dev.hyperopt.engine.spi.Family;
import dev.hyperopt.engine.store.StoreException;
import dev.hyperopt.engine.store.TrialStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code hyperopt dl4j tune --data D}: tunes a deep network of the DL4J family on a data set,
 * refits the best configuration, reports its test error and saves it. Values are checked
 * here rather than by picocli so that a bad value is one line and status 1.
 */
@Command(name = "tune", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Tune a deep belief net, stacked denoising autoencoder or MLP on a data set, "
                + "refit the best configuration, report its test error and save it (DL4J's ModelSerializer format)."})
final class Dl4jTuneCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "DATA",
            description = "fashion-mnist (Debian's dataset-fashion-mnist), rectangles, convex, or a .csv, .arff or IDX *-images-idx3-ubyte[.gz] file")
    String data;

    @Option(names = "--train-size", paramLabel = "N", description = "training examples (default: 1000 for rectangles and convex, 5000 for fashion-mnist, 60%% of a file)")
    String trainSize;

    @Option(names = "--valid-size", paramLabel = "N", description = "validation examples for early stopping and the loss (default: 200, 1000, 20%% of a file)")
    String validSize;

    @Option(names = "--test-size", paramLabel = "N", description = "test examples for the refit (default: 2000, the official 10000, 20%% of a file)")
    String testSize;

    @Option(names = "--data-seed", paramLabel = "S", defaultValue = "0", description = "seed of the generators and of the split (default: ${DEFAULT-VALUE})")
    String dataSeed;

    @Option(names = "--space", paramLabel = "SPACE", defaultValue = "deep",
            description = "dbn, sda, mlp, deep or a .hspace file (default: ${DEFAULT-VALUE})")
    String space;

    @Option(names = "--max-units", paramLabel = "N", defaultValue = "0", description = "cap every layer's width, for small machines (default: no cap)")
    String maxUnits;

    @Option(names = "--max-seconds", paramLabel = "S", defaultValue = "20",
            description = "cap each trial's training time below the space's max_seconds; a trial keeps what it reached (default: ${DEFAULT-VALUE}; 0 for the space's own)")
    String maxSeconds;

    @Option(names = "--model", paramLabel = "FILE", defaultValue = "dl4j-model.zip", description = "where the refit model is saved (default: ${DEFAULT-VALUE})")
    Path model;

    @Option(names = "--algo", paramLabel = "ALGO", defaultValue = "tpe", description = "tpe, rand or anneal (default: ${DEFAULT-VALUE})")
    String algo;

    @Option(names = "--max-evals", paramLabel = "N", defaultValue = "20", description = "trials in the study at most (default: ${DEFAULT-VALUE})")
    String maxEvals;

    @Option(names = "--seed", paramLabel = "S", description = "random seed of the search (default: random, printed)")
    String seed;

    @Option(names = "--parallel", paramLabel = "K", defaultValue = "1", description = "trials trained side by side (default: ${DEFAULT-VALUE})")
    String parallel;

    @Mixin
    StopRules stopRules;

    @Option(names = "--trial-timeout", paramLabel = "DURATION", description = "hard limit for each trial; a trial past it fails")
    String trialTimeout;

    @Option(names = "--store", paramLabel = "URL", defaultValue = "sqlite:hyperopt.db", description = "where trials are kept (default: ${DEFAULT-VALUE})")
    String store;

    @Option(names = "--study", paramLabel = "NAME", description = "study name in the store (default: dl4j-SPACE-DATA)")
    String study;

    @Option(names = "--json", paramLabel = "FILE", description = "write the result document to FILE")
    Path json;

    @Option(names = "--verbose", description = "print every layer's pretraining and every fine-tuning epoch")
    boolean verbose;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Engine engine = Engine.standard();
        int evals = OptionValues.integer("--max-evals", maxEvals, 1);
        int k = OptionValues.integer("--parallel", parallel, 1);
        int units = OptionValues.integer("--max-units", maxUnits, 0);
        double seconds = OptionValues.number("--max-seconds", maxSeconds);
        if (seconds < 0) throw new UserError("invalid value for --max-seconds: '" + maxSeconds + "' (needs a number >= 0)");
        stopRules.validate();
        Duration trialLimit = trialTimeout == null ? null : OptionValues.duration("--trial-timeout", trialTimeout);
        long splitSeed = OptionValues.longValue("--data-seed", dataSeed);
        DataSplits.Sizes sizes = new DataSplits.Sizes(OptionValues.size("--train-size", trainSize), OptionValues.size("--valid-size", validSize), OptionValues.size("--test-size", testSize));
        OptionValues.algorithm(engine, algo);
        boolean randomSeed = seed == null;
        long s = randomSeed ? Math.floorMod(new SecureRandom().nextLong(), 1_000_000_000L) : OptionValues.longValue("--seed", seed);
        SearchSpace searchSpace = space(engine, err);

        Nd4jRuntime.start();
        DataSplits splits;
        try {
            splits = DataSplits.open(data, sizes, splitSeed);
        } catch (DataException e) {
            throw new UserError(e.getMessage());
        }
        String studyName = study != null ? study : "dl4j-" + spaceName() + "-" + dataName();
        if (studyName.isBlank()) throw new UserError("invalid value for --study: the name is empty");
        TrialStore trialStore = TuneCommand.openStore(engine, store);
        if (randomSeed) err.println("hyperopt: seed " + s);
        err.printf(Locale.ROOT, "data: %s, %d training, %d validation, %d test examples of %d inputs, %d classes%n", splits.name(),
                splits.train().size(), splits.valid().size(), splits.test().size(), splits.train().dimension(), splits.train().classes());
        err.flush();

        Dl4jObjective objective = new Dl4jObjective(splits, units, seconds, verbose ? line -> TrialLines.print(err, line) : null);
        Interruption interruption = new Interruption();
        StopSignal stop = interruption.signal();
        try (trialStore) {
            Minimize run = Hyperopt.minimize(searchSpace, objective).engine(engine).algorithm(algo)
                    .maxEvals(evals).seed(s).parallelism(k).store(trialStore).study(studyName).stopSignal(stop)
                    .listener(new TrialLines(err));
            if (trialLimit != null) run.trialTimeout(trialLimit);
            stopRules.applyTo(run);
            Result result;
            try {
                result = run.run();
            } catch (StoreException e) {
                throw new UserError(UserError.describe(e));
            }
            ResultDocument.writeIfAsked(result, json);
            summary(out, result);
            if (result.best().isEmpty()) {
                out.println("refit:   none (no trial finished ok)");
                out.flush();
                return 1;
            }
            if (stop.isRequested()) return 0;
            refit(out, err, objective, result.best().get(), splits);
        } finally {
            interruption.close();
        }
        return 0;
    }

    private void refit(PrintWriter out, PrintWriter err, Dl4jObjective objective, Trial best, DataSplits splits) {
        err.println("refitting trial " + best.number() + " ...");
        err.flush();
        TrainedNet net;
        try {
            net = objective.fit(best.config(), verbose ? line -> TrialLines.print(err, "refit: " + line) : null);
        } catch (DivergenceException e) {
            throw new UserError("the refit of trial " + best.number() + " failed: " + e.getMessage());
        }
        double testError = net.error(splits.test());
        out.printf(Locale.ROOT, "refit:   validation error %.4f, test error %.4f (accuracy %.4f) on %d test examples, %.1f s%n",
                net.validError(), testError, 1 - testError, splits.test().size(), net.seconds());
        try {
            net.save(model);
        } catch (IOException e) {
            throw new UserError("cannot write " + model + ": " + UserError.describe(e));
        }
        out.printf("model:   %s (DL4J ModelSerializer; takes raw inputs)%n", model);
        out.flush();
    }

    private void summary(PrintWriter out, Result r) {
        Map<TrialState, Integer> counts = r.counts();
        out.printf("study:   %s (algo %s, seed %d)%n", r.study().name(), r.algorithm(), r.seed());
        out.printf("trials:  %d (ok %d, fail %d) in %s; stopped: %s%n", r.trials().size(), counts.get(TrialState.OK),
                counts.get(TrialState.FAIL), Durations.format(r.elapsed()), r.stopReason().description());
        if (r.best().isPresent()) {
            Trial b = r.best().get();
            out.printf("best:    trial %d, validation error %s%n", b.number(), Num.format(b.loss()));
            out.printf("config:  %s%n", ResultDocument.compact(b.config() == null ? null : b.config().value()));
            out.printf("labels:  %s%n", ResultDocument.compact(b.labels()));
        } else {
            out.println("best:    none (no trial finished ok)");
        }
        if (json != null) out.printf("result:  %s%n", json);
        out.flush();
    }

    private SearchSpace space(Engine engine, PrintWriter err) {
        if (space.endsWith(".hspace")) return SpaceFiles.load(Path.of(space), err);
        Family family = engine.families().stream().filter(f -> f.id().equals("dl4j")).findFirst()
                .orElseThrow(() -> new UserError("the dl4j family is not in this build"));
        if (!family.spaces().containsKey(space)) {
            throw new UserError("invalid value for --space: '" + space + "' is none of " + String.join(", ", family.spaces().keySet())
                    + " and not a .hspace file");
        }
        return new HSpaceCompiler().compile(space, family.spaceText(space)).orThrow();
    }

    private String spaceName() {
        String n = Path.of(space).getFileName().toString();
        return n.endsWith(".hspace") ? n.substring(0, n.length() - ".hspace".length()) : n;
    }

    private String dataName() {
        Path p = Path.of(data).getFileName();
        return p == null ? data : p.toString();
    }


}
