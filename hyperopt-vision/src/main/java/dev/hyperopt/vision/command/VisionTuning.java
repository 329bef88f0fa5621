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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
    /** How many times the search's training images the configurations are reranked on: one rung of successive halving. */
    private static final int RERANK_GROWTH = 4;

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
            CommandOption.value("--rerank", "K", "with --refit-size: train the K best configurations (and the known-good one) again on "
                    + RERANK_GROWTH + " times the training images, score them on twice the validation images, fresh ones, and refit the "
                    + "best of them (0: refit the search's choice)").withDefault("3"),
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

        /**
         * Fits {@code config} on all of {@code trainAndValid}: a CNN for {@code epochs} epochs
         * (0: its configuration's), within its {@code max_seconds} scaled from the search's
         * {@code trainSize} images to these.
         */
        VisionModel refit(Config config, int epochs, Images trainAndValid, int trainSize, Consumer<String> log);

        /** Fits {@code config} on {@code data}'s training images and scores it on its validation images, as a trial but larger. */
        Reranked rerank(Config config, ImageSplits data, int trainSize);

        /** The known-good configurations of this kind that {@code space} holds, as labels. */
        default List<Map<String, Object>> knownGood(SearchSpace space) {
            return List.of();
        }
    }

    @Override
    public Search prepare(Arguments args, long seed, PrintWriter log) {
        double seconds = args.number("--max-seconds");
        if (seconds < 0) throw new CommandException("invalid value for --max-seconds: '" + args.value("--max-seconds") + "' (needs a number >= 0)");
        int rerank = args.integer("--rerank", 0);
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
        int refitSize = refitSize(args.value("--data"), args.value("--refit-size"), splits);
        Supplier<Images> refitImages = refitImages(args.value("--data"), refitSize, splits, splitSeed);
        Supplier<ImageSplits> rerankImages = rerankImages(args.value("--data"), refitSize, splits, splitSeed);
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
        return new VisionSearch(space, objective, builds, splits, study, verbose, builds.knownGood(space), refitImages,
                rerank == 0 ? null : rerankImages, rerank);
    }

    /**
     * How many images {@code --refit-size} asks for (0 without it), checked against what the
     * source holds and the search uses.
     */
    private static int refitSize(String data, String size, ImageSplits splits) {
        if (size == null) return 0;
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
        return n;
    }

    /**
     * The images of the refit: the training and validation images by default; with
     * {@code --refit-size}, that many from the same source, drawn with the same seed so that
     * they hold the search's training and validation images and none of its test images.
     */
    private static Supplier<Images> refitImages(String data, int size, ImageSplits splits, long seed) {
        Supplier<Images> searched = () -> ImageSources.join(splits.train(), splits.valid());
        if (size == 0 || size == splits.train().size() + splits.valid().size()) return searched;
        int valid = splits.valid().size();
        DataSplits.Sizes sizes = new DataSplits.Sizes(size - valid, valid, splits.test().size());
        return () -> {
            ImageSplits more = ImageSources.open(data, sizes, seed, null);
            return ImageSources.join(more.train(), more.valid());
        };
    }

    /**
     * The images the best configurations are reranked on, drawn from the refit's images with
     * the same seed: {@value #RERANK_GROWTH} times the search's training images (fewer where the
     * refit's images end) and twice its validation images, none of which the search scored
     * trials on. Null when the refit's images are too few for that.
     */
    private static Supplier<ImageSplits> rerankImages(String data, int refitSize, ImageSplits splits, long seed) {
        int valid = 2 * splits.valid().size();
        int train = Math.min(RERANK_GROWTH * splits.train().size(), refitSize - valid);
        if (train < splits.train().size() + splits.valid().size()) return null;
        DataSplits.Sizes sizes = new DataSplits.Sizes(train, valid, splits.test().size());
        // Fashion-MNIST's parts are slices of one seeded permutation: the validation images come after the search's; the
        // generated sets draw each part from its own seed (seed, seed + 1, seed + 2), so fresh ones need new seeds
        long from = data.equalsIgnoreCase("fashion-mnist") ? seed : seed + 3;
        return () -> ImageSources.open(data, sizes, from, null);
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
        public VisionModel refit(Config config, int epochs, Images trainAndValid, int trainSize, Consumer<String> log) {
            return ConvnetModel.fit(config, trainAndValid);
        }

        @Override
        public Reranked rerank(Config config, ImageSplits data, int trainSize) {
            long start = System.nanoTime();
            double error = ConvnetModel.fit(config, data.train()).errorRate(data.valid());
            return new Reranked(error, 0, (System.nanoTime() - start) / 1e9);
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
        public VisionModel refit(Config config, int epochs, Images trainAndValid, int trainSize, Consumer<String> log) {
            CnnSpec spec = CnnSpec.from(config);
            if (epochs >= 1) spec = spec.withEpochs(epochs);
            return CnnTrainer.train(spec, trainAndValid, null, budget(spec, trainAndValid.size(), trainSize), log).model();
        }

        @Override
        public Reranked rerank(Config config, ImageSplits data, int trainSize) {
            CnnSpec spec = CnnSpec.from(config);
            CnnTrainer.Training t = CnnTrainer.train(spec, data.train(), data.valid(), budget(spec, data.train().size(), trainSize), null);
            return new Reranked(t.validError(), t.bestEpoch(), t.seconds());
        }

        /**
         * --max-seconds keeps trials short; a net trained on more images gets the space's own
         * max_seconds scaled to them, so that it trains its epochs in full.
         */
        private static TimeBudget budget(CnnSpec spec, int images, int trainSize) {
            return TimeBudget.seconds(spec.maxSeconds() * images / trainSize, () -> Thread.currentThread().isInterrupted());
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

    /**
     * A configuration trained again on the rerank's images.
     *
     * @param error  its error on the rerank's validation images
     * @param epochs the epochs it kept (0 for a pipeline)
     */
    private record Reranked(double error, int epochs, double seconds) {}

    private static final class VisionSearch implements Search {
        private final SearchSpace space;
        private final Objective objective;
        private final Kind builds;
        private final ImageSplits splits;
        private final String study;
        private final boolean verbose;
        private final List<Map<String, Object>> knownGood;
        private final Supplier<Images> refitImages;
        private final Supplier<ImageSplits> rerankImages;
        private final int rerank;
        /** The reranked trials by number, in rerank order; empty until {@link #choose} reranks. */
        private final Map<Long, Reranked> reranked = new LinkedHashMap<>();
        private int rerankTrain;
        private int rerankValid;

        VisionSearch(SearchSpace space, Objective objective, Kind builds, ImageSplits splits, String study, boolean verbose,
                     List<Map<String, Object>> knownGood, Supplier<Images> refitImages, Supplier<ImageSplits> rerankImages, int rerank) {
            this.space = space;
            this.objective = objective;
            this.builds = builds;
            this.splits = splits;
            this.study = study;
            this.verbose = verbose;
            this.knownGood = knownGood;
            this.refitImages = refitImages;
            this.rerankImages = rerankImages;
            this.rerank = rerank;
        }

        @Override
        public SearchSpace space() {
            return space;
        }

        @Override
        public Objective objective() {
            return objective;
        }

        @Override
        public String study() {
            return study;
        }

        @Override
        public List<Map<String, Object>> knownGood() {
            return knownGood;
        }

        @Override
        public void close() throws Exception {
            if (objective instanceof AutoCloseable c) c.close();
        }

        @Override
        public Path model() {
            return Path.of("vision-model");
        }

        /**
         * The standard small CNN stays the model unless a trial beats it by more than one
         * standard error on the validation images. With a rerank, the {@code rerank} best
         * configurations and the standard CNN are trained again on more images, and the same
         * rule chooses among them on fresh validation images: what wins on a small subset (small,
         * fast nets) need not win at the refit's size.
         */
        @Override
        public Trial choose(Trial best, List<Trial> trials, PrintWriter out) {
            List<Trial> candidates = rerankImages == null ? List.of() : candidates(trials);
            if (candidates.size() < 2) return searchChoice(best, trials, out);
            ImageSplits data = rerankImages.get();
            rerankTrain = data.train().size();
            rerankValid = data.valid().size();
            out.printf(Locale.ROOT, "rerank:  %d configurations on %d training and %d fresh validation images%n", candidates.size(),
                    rerankTrain, rerankValid);
            out.flush();
            Map<Trial, Object> results = rerankAll(candidates, data);
            Trial winner = null;
            Trial standard = null;
            for (Trial t : candidates) {
                Object r = results.get(t);
                if (r instanceof Reranked k) {
                    reranked.put(t.number(), k);
                    out.printf(Locale.ROOT, "rerank:  trial %d: validation error %.4f (search %.4f), %s%.1f s%n", t.number(), k.error(),
                            t.loss(), k.epochs() > 0 ? k.epochs() + " epochs kept, " : "", k.seconds());
                    if (winner == null || k.error() < reranked.get(winner.number()).error()) winner = t;
                    if (isKnownGood(t)) standard = t;
                } else {
                    out.printf(Locale.ROOT, "rerank:  trial %d failed: %s%n", t.number(), r);
                }
            }
            out.flush();
            if (winner == null) return searchChoice(best, trials, out);
            if (standard != null && standard != winner
                    && !OneStandardError.beats(reranked.get(winner.number()).error(), reranked.get(standard.number()).error(), rerankValid)) {
                out.printf(Locale.ROOT, "choice:  trial %d (the standard small CNN) kept: trial %d is not lower by more than one standard error on the rerank%n",
                        standard.number(), winner.number());
                return standard;
            }
            return winner;
        }

        /** The search's own choice: the standard small CNN unless beaten by more than one standard error on the validation images. */
        private Trial searchChoice(Trial best, List<Trial> trials, PrintWriter out) {
            return OneStandardError.choose(best, trials, knownGood, splits.valid().size(), "the standard small CNN", out);
        }

        /** The {@code rerank} ok trials of lowest loss, of distinct configurations, and the best known-good one if not among them. */
        private List<Trial> candidates(List<Trial> trials) {
            List<Trial> ok = trials.stream().filter(Trial::isOk).sorted(Comparator.comparingDouble(Trial::loss)).toList();
            List<Trial> picked = new ArrayList<>();
            for (Trial t : ok) {
                if (picked.size() == rerank) break;
                if (picked.stream().noneMatch(p -> OneStandardError.sameAssignment(p.labels(), t.labels()))) picked.add(t);
            }
            ok.stream().filter(this::isKnownGood).findFirst().filter(k -> !picked.contains(k)).ifPresent(picked::add);
            return picked;
        }

        private boolean isKnownGood(Trial t) {
            return knownGood.stream().anyMatch(k -> OneStandardError.sameAssignment(k, t.labels()));
        }

        /** Each candidate's {@link Reranked}, or the reason it failed, trained side by side on all cores, one native thread each. */
        private Map<Trial, Object> rerankAll(List<Trial> candidates, ImageSplits data) {
            int threads = Math.min(candidates.size(), Runtime.getRuntime().availableProcessors());
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                Map<Trial, Future<Reranked>> running = new LinkedHashMap<>();
                for (Trial t : candidates) running.put(t, pool.submit(() -> builds.rerank(t.config(), data, splits.train().size())));
                Map<Trial, Object> results = new LinkedHashMap<>();
                for (Map.Entry<Trial, Future<Reranked>> e : running.entrySet()) {
                    try {
                        results.put(e.getKey(), e.getValue().get());
                    } catch (ExecutionException x) {
                        Throwable c = x.getCause();
                        results.put(e.getKey(), c instanceof OutOfMemoryError ? "out of memory"
                                : Objects.toString(c.getMessage(), c.getClass().getSimpleName()));
                    }
                }
                return results;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CommandException("interrupted while reranking");
            } finally {
                pool.shutdownNow();
            }
        }

        @Override
        public Map<String, Object> refit(Trial best, Path folder, PrintWriter out, PrintWriter log) {
            Images both = refitImages.get();
            // A trial's best epoch is where its training images began to overfit, and a refit on about as many trains as
            // many. A reranked configuration is refitted on many times the images of its rerank, which overfit later: it
            // trains its configuration's epochs.
            int epochs = reranked.containsKey(best.number()) ? 0
                    : best.attachments().get("best_epoch") instanceof Number n ? n.intValue() : 0;
            log.println("refitting trial " + best.number() + " on " + both.size() + " images ...");
            log.flush();
            long start = System.nanoTime();
            VisionModel model;
            // the trials are over: the one refit may use every core
            Nd4jRuntime.threads(Runtime.getRuntime().availableProcessors());
            try {
                model = builds.refit(best.config(), epochs, both, splits.train().size(), verbose ? lines(log, "refit: ") : null);
            } catch (DivergenceException | InvalidArchitectureException e) {
                throw new CommandException("the refit of trial " + best.number() + " failed: " + e.getMessage());
            } catch (OutOfMemoryError e) {
                throw new CommandException("the refit of trial " + best.number() + " ran out of memory (raise it with JAVA_OPTS=-Xmx...)");
            } finally {
                Nd4jRuntime.threads(1);
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
            if (!reranked.isEmpty()) {
                List<Map<String, Object>> each = new ArrayList<>();
                reranked.forEach((trial, k) -> each.add(Map.of("trial", trial, "loss", k.error(), "epochs", k.epochs(), "seconds", k.seconds())));
                measured.put("rerank", Map.of("train", rerankTrain, "valid", rerankValid, "trials", each));
            }
            Map<String, Object> refit = new LinkedHashMap<>();
            refit.put("images", both.size());
            refit.put("seconds", fitSeconds);
            refit.put("kind", model.kind());
            if (epochs > 0) refit.put("epochs", epochs);
            measured.put("refit", refit);
            measured.put("test", Map.of("loss", testError, "accuracy", 1 - testError, "images", test.size()));
            return measured;
        }
    }
}
