package dev.hyperopt.vision.command;

import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.engine.api.Config;
import dev.hyperopt.engine.api.Objective;
import dev.hyperopt.engine.api.Trial;
import dev.hyperopt.engine.space.Assignment;
import dev.hyperopt.engine.spi.Arguments;
import dev.hyperopt.engine.spi.CommandException;
import dev.hyperopt.engine.spi.CommandOption;
import dev.hyperopt.engine.spi.FamilyInputs;
import dev.hyperopt.engine.spi.ModelFiles;
import dev.hyperopt.engine.spi.OneStandardError;
import dev.hyperopt.engine.spi.Search;
import dev.hyperopt.engine.spi.Tuning;
import dev.hyperopt.nd4j.DivergenceException;
import dev.hyperopt.nd4j.Nd4jRuntime;
import dev.hyperopt.nd4j.TimeBudget;
import dev.hyperopt.nd4j.data.DataException;
import dev.hyperopt.nd4j.data.DataSplits;
import dev.hyperopt.vision.VisionFamily;
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
import dev.hyperopt.vision.objective.VisionWorker;
import dev.hyperopt.vision.pipeline.InvalidArchitectureException;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * {@code hyperopt vision tune --data D}: tunes an image classifier of the vision family (a
 * random-filter pipeline or a trained CNN) on a data set, refits the best configuration on
 * the training and validation images, reports its test accuracy and saves it for
 * {@code vision predict}. Each trial runs in a child JVM, one per parallel trial, unless
 * {@code --in-process}.
 */
public final class VisionTuning implements Tuning {
    private static final List<CommandOption> OPTIONS = List.of(
            CommandOption.value("--data", "DATA", "fashion-mnist (Debian's dataset-fashion-mnist), rectangles, convex, an IDX "
                    + "*-images-idx3-ubyte[.gz] file (its labels file beside it), or a folder with one sub-folder of PNG or JPEG images per class").asRequired(),
            CommandOption.value("--train-size", "N", "training images (default: 5000 for fashion-mnist, 1000 for rectangles and convex, 60% of a file or folder)"),
            CommandOption.value("--valid-size", "N", "validation images, which score the trials (default: 1000, 200, 20%)"),
            CommandOption.value("--test-size", "N", "test images, which score the refit (default: the official 10000, 2000, 20%)"),
            CommandOption.value("--data-seed", "S", "seed of the generators and of the split").withDefault("0"),
            CommandOption.value("--image-size", "HxW", "scale a folder's images to this size (default: their most common size)"),
            CommandOption.value("--space", "SPACE", "cnn (trained CNNs), convnet (random-filter pipelines) or a .hspace file").withDefault("cnn"),
            CommandOption.value("--kind", "KIND", "what a .hspace file's configurations build: cnn or convnet (default: the shipped space's kind)"),
            CommandOption.value("--max-seconds", "S", "cap each CNN trial's training time below the space's max_seconds; a trial keeps what it "
                    + "reached; the refit is not capped (0 for the space's own)").withDefault("60"),
            CommandOption.value("--refit-size", "N|all", "images the best configuration is refitted on: more than the training and "
                    + "validation images the search used (fashion-mnist: up to all 60000 of its training set; rectangles, convex: "
                    + "generated); default: the training and validation images"),
            CommandOption.flag("--verbose", "print every CNN training epoch"),
            CommandOption.value("--trial-memory", "SIZE", "each trial's JVM heap (ND4J's arrays live outside it)").withDefault("1g"),
            CommandOption.flag("--in-process", "score the trials in this JVM rather than one child JVM per parallel trial "
                    + "(no start-up cost, but a crash ends the run)"));

    /** The images of Fashion-MNIST's official training set. */
    private static final int FASHION_MNIST_TRAINING = 60_000;

    private final VisionFamily family;

    public VisionTuning(VisionFamily family) {
        this.family = family;
    }

    @Override
    public String description() {
        return "Tune an image classifier (a random-filter convnet pipeline or a trained CNN) on a set of images, refit the best "
                + "configuration on the training and validation images, report its test accuracy and save it for vision predict.";
    }

    @Override
    public List<CommandOption> options() {
        return OPTIONS;
    }

    @Override
    public Defaults defaults() {
        return new Defaults(20, null, "vision-model (a folder)", true);
    }

    /** What the configurations of a space build: the objective of its trials and the refit of the best one. */
    private interface Kind {
        Objective objective(ImageSplits splits, Consumer<String> log);

        VisionModel refit(Trial best, Images trainAndValid, int trainSize, Consumer<String> log);

        /** The known-good configurations of this kind that {@code space} holds, as labels. */
        default List<Map<String, Object>> knownGood(SearchSpace space) {
            return List.of();
        }
    }

    @Override
    public Search prepare(Arguments args, long seed, PrintWriter log) {
        double seconds = args.number("--max-seconds");
        if (seconds < 0) throw new CommandException("invalid value for --max-seconds: '" + args.value("--max-seconds") + "' (needs a number >= 0)");
        DataSplits.Sizes sizes = new DataSplits.Sizes(args.integer("--train-size", 1), args.integer("--valid-size", 1), args.integer("--test-size", 1));
        long splitSeed = args.longValue("--data-seed");
        ImageFolder.Size scaleTo;
        try {
            scaleTo = args.value("--image-size") == null ? null : ImageFolder.Size.parse(args.value("--image-size"));
        } catch (DataException e) {
            throw new CommandException("invalid value for --image-size: " + e.getMessage());
        }
        String spaceName = args.value("--space");
        Kind builds = kind(kindName(spaceName, args.value("--kind")), seconds);
        SearchSpace space = FamilyInputs.space(family, spaceName, args, log);

        Nd4jRuntime.start();
        ImageSplits splits;
        try {
            splits = ImageSources.open(args.value("--data"), sizes, splitSeed, scaleTo);
        } catch (DataException e) {
            throw new CommandException(e.getMessage(), e);
        }
        Supplier<Images> refitImages = refitImages(args.value("--data"), args.value("--refit-size"), splits, splitSeed);
        Images t = splits.train();
        log.printf(Locale.ROOT, "data: %s, %d training, %d validation, %d test images of %dx%dx%d, %d classes%n", splits.name(),
                t.size(), splits.valid().size(), splits.test().size(), t.channels(), t.height(), t.width(), t.classes());
        boolean verbose = args.flag("--verbose");
        Objective objective;
        if (args.flag("--in-process")) {
            objective = builds.objective(splits, verbose ? lines(log, "") : null);
        } else {
            try {
                objective = VisionWorker.isolated(new VisionWorker.Source(args.value("--data"), sizes, splitSeed, scaleTo),
                        builds instanceof CnnKind ? "cnn" : "convnet", seconds, verbose, args.value("--trial-memory"), List.of(),
                        verbose ? lines(log, "") : null);
            } catch (IllegalArgumentException e) {
                throw new CommandException("invalid value for --trial-memory: " + e.getMessage());
            }
        }
        String study = "vision-" + FamilyInputs.spaceName(spaceName) + "-" + FamilyInputs.dataName(args.value("--data"));
        return new VisionSearch(space, objective, builds, splits, study, verbose, builds.knownGood(space), refitImages);
    }

    /**
     * The images of the refit: the training and validation images by default; with
     * {@code --refit-size}, that many from the same source, drawn with the same seed so that
     * they hold the search's training and validation images and none of its test images.
     */
    private static Supplier<Images> refitImages(String data, String size, ImageSplits splits, long seed) {
        Supplier<Images> searched = () -> ImageSources.join(splits.train(), splits.valid());
        if (size == null) return searched;
        String source = data.toLowerCase(Locale.ROOT);
        boolean fashion = source.equals("fashion-mnist");
        if (!fashion && !source.equals("rectangles") && !source.equals("convex")) {
            throw new CommandException("--refit-size applies to fashion-mnist, rectangles and convex; a file or folder is refitted on "
                    + "its training and validation images");
        }
        int used = splits.train().size() + splits.valid().size();
        int n;
        if (size.trim().equalsIgnoreCase("all")) {
            if (!fashion) throw new CommandException("invalid value for --refit-size: 'all' applies to fashion-mnist (give a number)");
            n = FASHION_MNIST_TRAINING;
        } else {
            try {
                n = Integer.parseInt(size.trim());
            } catch (NumberFormatException e) {
                throw new CommandException("invalid value for --refit-size: '" + size + "' (a number of images, or all)");
            }
        }
        if (n < used) {
            throw new CommandException("invalid value for --refit-size: " + n + " is fewer than the " + used
                    + " training and validation images the search uses");
        }
        if (fashion && n > FASHION_MNIST_TRAINING) {
            throw new CommandException("invalid value for --refit-size: fashion-mnist has " + FASHION_MNIST_TRAINING + " training images");
        }
        if (n == used) return searched;
        int valid = splits.valid().size();
        DataSplits.Sizes sizes = new DataSplits.Sizes(n - valid, valid, splits.test().size());
        return () -> {
            ImageSplits more = ImageSources.open(data, sizes, seed, null);
            return ImageSources.join(more.train(), more.valid());
        };
    }

    private static String kindName(String space, String kind) {
        if (kind != null) {
            String k = kind.trim().toLowerCase(Locale.ROOT);
            if (!k.equals("cnn") && !k.equals("convnet")) throw new CommandException("invalid value for --kind: '" + kind + "' is neither cnn nor convnet");
            return k;
        }
        if (FamilyInputs.isSpaceFile(space)) {
            throw new CommandException("--space " + space + " needs --kind cnn or --kind convnet: what its configurations build");
        }
        return space;
    }

    private static Kind kind(String name, double maxSeconds) {
        if (name.equals("cnn")) return new CnnKind(maxSeconds);
        if (name.equals("convnet")) return new ConvnetKind();
        throw new CommandException("invalid value for --space: '" + name + "' is none of cnn, convnet and not a .hspace file");
    }

    /** Prints whole lines to the log, never interleaved with another thread's. */
    private static Consumer<String> lines(PrintWriter log, String prefix) {
        return line -> {
            synchronized (log) {
                log.println(prefix + line);
                log.flush();
            }
        };
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

        /** A standard small CNN ({@link CnnSpec#standardSmall}), where the space holds it. */
        @Override
        public List<Map<String, Object>> knownGood(SearchSpace space) {
            try {
                return List.of(Assignment.fromConfig(space, CnnSpec.standardSmall()).labels());
            } catch (IllegalArgumentException e) {
                return List.of(); // a space of another shape
            }
        }
    }

    private record VisionSearch(SearchSpace space, Objective objective, Kind builds, ImageSplits splits, String study,
                                boolean verbose, List<Map<String, Object>> knownGood, Supplier<Images> refitImages) implements Search {
        @Override
        public void close() throws Exception {
            if (objective instanceof AutoCloseable c) c.close();
        }

        @Override
        public Path model() {
            return Path.of("vision-model");
        }

        /** The standard small CNN stays the model unless a trial beats it by more than one standard error on the validation images. */
        @Override
        public Trial choose(Trial best, List<Trial> trials, PrintWriter out) {
            return OneStandardError.choose(best, trials, knownGood, splits.valid().size(), "the standard small CNN", out);
        }

        @Override
        public Map<String, Object> refit(Trial best, Path folder, PrintWriter out, PrintWriter log) {
            Images both = refitImages.get();
            log.println("refitting trial " + best.number() + " on " + both.size() + " images ...");
            log.flush();
            long start = System.nanoTime();
            VisionModel model;
            try {
                model = builds.refit(best, both, splits.train().size(), verbose ? lines(log, "refit: ") : null);
            } catch (DivergenceException | InvalidArchitectureException e) {
                throw new CommandException("the refit of trial " + best.number() + " failed: " + e.getMessage());
            } catch (OutOfMemoryError e) {
                throw new CommandException("the refit of trial " + best.number() + " ran out of memory (raise it with JAVA_OPTS=-Xmx...)");
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
                ModelFiles.save(folder, model::save);
            } catch (Exception e) {
                throw new CommandException("cannot write " + folder + ": " + e.getMessage());
            }
            out.printf("model:   %s (%s; hyperopt vision predict --model %s IMAGE...)%n", folder, model.kind(), folder);
            Map<String, Object> measured = new LinkedHashMap<>();
            measured.put("refit", Map.of("images", both.size(), "seconds", fitSeconds, "kind", model.kind()));
            measured.put("test", Map.of("loss", testError, "accuracy", 1 - testError, "images", test.size()));
            return measured;
        }
    }
}
