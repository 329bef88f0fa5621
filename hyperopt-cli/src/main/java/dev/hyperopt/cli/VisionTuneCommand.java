package dev.hyperopt.cli;

import dev.hyperopt.nd4j.data.DataException;
import dev.hyperopt.nd4j.data.DataSplits;
import dev.hyperopt.nd4j.DivergenceException;
import dev.hyperopt.nd4j.Nd4jRuntime;
import dev.hyperopt.nd4j.TimeBudget;
import dev.hyperopt.dsl.HSpaceCompiler;
import dev.hyperopt.dsl.ir.Num;
import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.engine.api.Config;
import dev.hyperopt.engine.api.Objective;
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
import dev.hyperopt.vision.cnn.CnnObjective;
import dev.hyperopt.vision.cnn.CnnSpec;
import dev.hyperopt.vision.cnn.CnnTrainer;
import dev.hyperopt.vision.convnet.ConvnetModel;
import dev.hyperopt.vision.data.ImageFolder;
import dev.hyperopt.vision.data.ImageSources;
import dev.hyperopt.vision.data.ImageSplits;
import dev.hyperopt.vision.data.Images;
import dev.hyperopt.vision.model.VisionModel;
import dev.hyperopt.vision.objective.VisionObjective;
import dev.hyperopt.vision.pipeline.InvalidArchitectureException;
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
import java.util.function.Consumer;

/**
 * {@code hyperopt vision tune --data D}: tunes an image classifier of the vision family (a
 * random-filter pipeline or a trained CNN) on a data set, refits the best configuration on
 * the training and validation images, reports its test accuracy and saves it for
 * {@code vision predict}. Values are checked here rather than by picocli so that a bad value
 * is one line and status 1.
 */
@Command(name = "tune", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Tune an image classifier (a random-filter convnet pipeline or a trained CNN) on a set of images, "
                + "refit the best configuration on the training and validation images, report its test accuracy and save it."})
final class VisionTuneCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "DATA",
            description = "fashion-mnist (Debian's dataset-fashion-mnist), rectangles, convex, an IDX *-images-idx3-ubyte[.gz] file "
                    + "(its labels file beside it), or a folder with one sub-folder of PNG or JPEG images per class")
    String data;

    @Option(names = "--train-size", paramLabel = "N",
            description = "training images (default: 5000 for fashion-mnist, 1000 for rectangles and convex, 60%% of a file or folder)")
    String trainSize;

    @Option(names = "--valid-size", paramLabel = "N", description = "validation images, which score the trials (default: 1000, 200, 20%%)")
    String validSize;

    @Option(names = "--test-size", paramLabel = "N", description = "test images, which score the refit (default: the official 10000, 2000, 20%%)")
    String testSize;

    @Option(names = "--data-seed", paramLabel = "S", defaultValue = "0", description = "seed of the generators and of the split (default: ${DEFAULT-VALUE})")
    String dataSeed;

    @Option(names = "--image-size", paramLabel = "HxW", description = "scale a folder's images to this size (default: their most common size)")
    String imageSize;

    @Option(names = "--space", paramLabel = "SPACE", defaultValue = "cnn",
            description = "cnn (trained CNNs), convnet (random-filter pipelines) or a .hspace file (default: ${DEFAULT-VALUE})")
    String space;

    @Option(names = "--kind", paramLabel = "KIND", description = "what a .hspace file's configurations build: cnn or convnet (default: the shipped space's kind)")
    String kind;

    @Option(names = "--max-seconds", paramLabel = "S", defaultValue = "60",
            description = "cap each CNN trial's training time below the space's max_seconds; a trial keeps what it reached; the refit is not capped (default: ${DEFAULT-VALUE}; 0 for the space's own)")
    String maxSeconds;

    @Option(names = "--model-out", paramLabel = "DIR", defaultValue = "vision-model", description = "the folder the refit model is saved in (default: ${DEFAULT-VALUE})")
    Path modelOut;

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

    @Option(names = "--study", paramLabel = "NAME", description = "study name in the store (default: vision-SPACE-DATA)")
    String study;

    @Option(names = "--json", paramLabel = "FILE", description = "write the result document to FILE")
    Path json;

    @Option(names = "--verbose", description = "print every CNN training epoch")
    boolean verbose;

    /** What the configurations of a space build: the objective of its trials and the refit of the best one. */
    private interface Kind {
        Objective objective(ImageSplits splits, Consumer<String> log);

        VisionModel refit(Trial best, Images trainAndValid, int trainSize, Consumer<String> log);
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Engine engine = Engine.standard();
        int evals = OptionValues.integer("--max-evals", maxEvals, 1);
        int k = OptionValues.integer("--parallel", parallel, 1);
        double seconds = OptionValues.number("--max-seconds", maxSeconds);
        if (seconds < 0) throw new UserError("invalid value for --max-seconds: '" + maxSeconds + "' (needs a number >= 0)");
        stopRules.validate();
        Duration trialLimit = trialTimeout == null ? null : OptionValues.duration("--trial-timeout", trialTimeout);
        long splitSeed = OptionValues.longValue("--data-seed", dataSeed);
        DataSplits.Sizes sizes = new DataSplits.Sizes(OptionValues.size("--train-size", trainSize), OptionValues.size("--valid-size", validSize), OptionValues.size("--test-size", testSize));
        ImageFolder.Size scaleTo;
        try {
            scaleTo = imageSize == null ? null : ImageFolder.Size.parse(imageSize);
        } catch (DataException e) {
            throw new UserError("invalid value for --image-size: " + e.getMessage());
        }
        OptionValues.algorithm(engine, algo);
        boolean randomSeed = seed == null;
        long s = randomSeed ? Math.floorMod(new SecureRandom().nextLong(), 1_000_000_000L) : OptionValues.longValue("--seed", seed);
        String kindName = kindName();
        Kind builds = kind(kindName, seconds);
        SearchSpace searchSpace = space(engine, err);

        Nd4jRuntime.start();
        ImageSplits splits;
        try {
            splits = ImageSources.open(data, sizes, splitSeed, scaleTo);
        } catch (DataException e) {
            throw new UserError(e.getMessage());
        }
        String studyName = study != null ? study : "vision-" + spaceName() + "-" + WekaTuneCommand.dataName(data);
        if (studyName.isBlank()) throw new UserError("invalid value for --study: the name is empty");
        TrialStore trialStore = TuneCommand.openStore(engine, store);
        if (randomSeed) err.println("hyperopt: seed " + s);
        Images t = splits.train();
        err.printf(Locale.ROOT, "data: %s, %d training, %d validation, %d test images of %dx%dx%d, %d classes%n", splits.name(),
                t.size(), splits.valid().size(), splits.test().size(), t.channels(), t.height(), t.width(), t.classes());
        err.flush();

        Objective objective = builds.objective(splits, verbose ? line -> TrialLines.print(err, line) : null);
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
            refit(out, err, builds, result.best().get(), splits);
        } finally {
            interruption.close();
        }
        return 0;
    }

    private void refit(PrintWriter out, PrintWriter err, Kind builds, Trial best, ImageSplits splits) {
        Images both = ImageSources.join(splits.train(), splits.valid());
        err.println("refitting trial " + best.number() + " on " + both.size() + " training and validation images ...");
        err.flush();
        long start = System.nanoTime();
        VisionModel model;
        try {
            model = builds.refit(best, both, splits.train().size(), verbose ? line -> TrialLines.print(err, "refit: " + line) : null);
        } catch (DivergenceException | InvalidArchitectureException e) {
            throw new UserError("the refit of trial " + best.number() + " failed: " + e.getMessage());
        } catch (OutOfMemoryError e) {
            throw new UserError("the refit of trial " + best.number() + " ran out of memory (raise it with JAVA_OPTS=-Xmx...)");
        }
        double fitSeconds = (System.nanoTime() - start) / 1e9;
        Images test = splits.test();
        int[] predicted = model.predict(test.pixels());
        int wrong = 0;
        for (int i = 0; i < predicted.length; i++) if (predicted[i] != test.labels()[i]) wrong++;
        double testError = (double) wrong / predicted.length;
        out.printf(Locale.ROOT, "refit:   on %d images in %.1f s; test error %.4f (accuracy %.4f) on %d test images%n",
                both.size(), fitSeconds, testError, 1 - testError, test.size());
        try {
            model.save(modelOut);
        } catch (IOException e) {
            throw new UserError("cannot write " + modelOut + ": " + UserError.describe(e));
        }
        out.printf("model:   %s (%s; hyperopt vision predict --model %s IMAGE...)%n", modelOut, model.kind(), modelOut);
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

    private String kindName() {
        if (kind != null) {
            String k = kind.trim().toLowerCase(Locale.ROOT);
            if (!k.equals("cnn") && !k.equals("convnet")) throw new UserError("invalid value for --kind: '" + kind + "' is neither cnn nor convnet");
            return k;
        }
        if (space.endsWith(".hspace")) {
            throw new UserError("--space " + space + " needs --kind cnn or --kind convnet: what its configurations build");
        }
        return space;
    }

    private static Kind kind(String name, double maxSeconds) {
        if (name.equals("cnn")) return new CnnKind(maxSeconds);
        if (name.equals("convnet")) return new ConvnetKind();
        throw new UserError("invalid value for --space: '" + name + "' is none of cnn, convnet and not a .hspace file");
    }

    /** Random-filter pipelines: the refit draws the filters again and trains the readout on all the images. */
    private record ConvnetKind() implements Kind {
        @Override
        public Objective objective(ImageSplits splits, Consumer<String> log) {
            return new VisionObjective(splits);
        }

        @Override
        public VisionModel refit(Trial best, Images trainAndValid, int trainSize, Consumer<String> log) {
            return ConvnetModel.fit(best.config(), trainAndValid);
        }
    }

    /**
     * Trained CNNs: the refit trains as many epochs as the best trial kept, within the space's
     * {@code max_seconds} scaled to the images.
     */
    private record CnnKind(double maxSeconds) implements Kind {
        @Override
        public Objective objective(ImageSplits splits, Consumer<String> log) {
            return new CnnObjective(splits, maxSeconds, log);
        }

        @Override
        public VisionModel refit(Trial best, Images trainAndValid, int trainSize, Consumer<String> log) {
            Config c = best.config();
            CnnSpec spec = CnnSpec.from(c);
            Object kept = best.attachments().get("best_epoch");
            if (kept instanceof Number n && n.intValue() >= 1) spec = spec.withEpochs(n.intValue());
            // --max-seconds keeps trials short; the one refit gets the space's own max_seconds, so that it trains its epochs in full
            double seconds = spec.maxSeconds() * trainAndValid.size() / trainSize;
            return CnnTrainer.train(spec, trainAndValid, null, TimeBudget.seconds(seconds, () -> Thread.currentThread().isInterrupted()), log)
                    .model();
        }
    }

    private SearchSpace space(Engine engine, PrintWriter err) {
        if (space.endsWith(".hspace")) return SpaceFiles.load(Path.of(space), err);
        Family family = engine.families().stream().filter(f -> f.id().equals("vision")).findFirst()
                .orElseThrow(() -> new UserError("the vision family is not in this build"));
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


}
