package dev.hyperopt.dl4j.command;

import dev.hyperopt.dl4j.Dl4jFamily;
import dev.hyperopt.dl4j.model.BaselineMlp;
import dev.hyperopt.dl4j.model.NetEnsemble;
import dev.hyperopt.dl4j.model.TrainedNet;
import dev.hyperopt.dl4j.objective.Dl4jObjective;
import dev.hyperopt.dl4j.objective.IsolatedDl4jObjective;
import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.engine.api.Objective;
import dev.hyperopt.engine.api.Trial;
import dev.hyperopt.engine.ensemble.EnsembleSelection;
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
import dev.hyperopt.nd4j.data.DataSplits;
import dev.hyperopt.nd4j.data.Dataset;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;

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
 * ModelSerializer format). Each trial trains in a child JVM, one per parallel trial, unless
 * {@code --in-process}.
 */
public final class Dl4jTuning implements Tuning {
    private static final List<CommandOption> OPTIONS;

    static {
        List<CommandOption> o = new ArrayList<>(DataOptions.OPTIONS);
        o.add(CommandOption.value("--space", "SPACE", "modern, dbn, sda, mlp, deep or a .hspace file").withDefault("modern"));
        o.add(CommandOption.value("--max-units", "N", "cap every layer's width, for small machines (default: no cap)"));
        o.add(CommandOption.value("--max-seconds", "S", "cap each trial's training time below the space's max_seconds; "
                + "a trial keeps what it reached (0 for the space's own)").withDefault("60"));
        o.add(CommandOption.value("--ensemble", "N", "picks of the ensemble selected among the best trials' nets by their "
                + "validation predictions; 0 for the best net alone").withDefault("50"));
        o.add(CommandOption.flag("--verbose", "print every layer's pretraining and every fine-tuning epoch"));
        o.add(CommandOption.value("--trial-memory", "SIZE", "each trial's JVM heap (ND4J's arrays live outside it)").withDefault("1g"));
        o.add(CommandOption.flag("--in-process", "train the trials in this JVM rather than one child JVM per parallel trial "
                + "(no start-up cost, but a trial past --trial-timeout is not stopped and a crash ends the run)"));
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
        SearchSpace space = FamilyInputs.space(family, spaceName, args, log);
        Nd4jRuntime.start();
        DataSplits splits = DataOptions.open(args);
        log.printf(Locale.ROOT, "data: %s, %d training, %d validation, %d test examples of %d inputs, %d classes%n", splits.name(),
                splits.train().size(), splits.valid().size(), splits.test().size(), splits.train().dimension(), splits.train().classes());
        boolean verbose = args.flag("--verbose");
        Dl4jObjective objective = new Dl4jObjective(splits, units == null ? 0 : units, seconds, verbose ? lines(log, "") : null);
        String study = "dl4j-" + FamilyInputs.spaceName(spaceName) + "-" + Path.of(args.value("--data")).getFileName();
        IsolatedDl4jObjective isolated = null;
        if (!args.flag("--in-process")) {
            try {
                isolated = new IsolatedDl4jObjective(splits, DataOptions.source(args), units == null ? 0 : units, seconds, verbose,
                        args.value("--trial-memory"), List.of(), verbose ? lines(log, "") : null);
            } catch (IllegalArgumentException e) {
                throw new CommandException("invalid value for --trial-memory: " + e.getMessage());
            }
        }
        return new Dl4jSearch(space, objective, isolated, splits, study, verbose, knownGood(space), args.integer("--ensemble", 0));
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

    /** {@code isolated} trains the trials in child JVMs, or is null to train them in {@code net}; refits run in {@code net}. */
    private record Dl4jSearch(SearchSpace space, Dl4jObjective net, IsolatedDl4jObjective isolated, DataSplits splits, String study,
                              boolean verbose, List<Map<String, Object>> knownGood, int ensembleSize) implements Search {
        @Override
        public Objective objective() {
            return isolated != null ? isolated : net;
        }

        @Override
        public void close() {
            if (isolated != null) isolated.close();
        }

        @Override
        public Path model() {
            return Path.of("dl4j-model.zip");
        }

        /** DL4J's usual MLP stays the model unless a trial beats it by more than one standard error on the validation examples. */
        @Override
        public Trial choose(Trial best, List<Trial> trials, PrintWriter out) {
            return OneStandardError.choose(best, trials, knownGood, splits.valid().size(), "DL4J's usual MLP", out);
        }

        @Override
        public Map<String, Object> refit(Trial best, Path model, PrintWriter out, PrintWriter log) {
            Map<String, Object> ensembled = ensemble(best, model, out, log);
            if (ensembled != null) return ensembled;
            log.println("refitting trial " + best.number() + " ...");
            log.flush();
            TrainedNet trained;
            try {
                trained = net.refit(best, verbose ? lines(log, "refit: ") : null);
            } catch (DivergenceException e) {
                throw new CommandException("the refit of trial " + best.number() + " failed: " + e.getMessage());
            }
            double testError = trained.error(splits.test());
            if (Double.isNaN(trained.validError())) {
                out.printf(Locale.ROOT, "refit:   %d epochs on the %d training and validation examples, test error %.4f (accuracy %.4f) "
                                + "on %d test examples, %.1f s%n", trained.epochs(), splits.train().size() + splits.valid().size(), testError,
                        1 - testError, splits.test().size(), trained.seconds());
            } else {
                out.printf(Locale.ROOT, "refit:   validation error %.4f, test error %.4f (accuracy %.4f) on %d test examples, %.1f s%n",
                        trained.validError(), testError, 1 - testError, splits.test().size(), trained.seconds());
            }
            try {
                ModelFiles.save(model, trained::save);
            } catch (Exception e) {
                throw new CommandException("cannot write " + model + ": " + e.getMessage());
            }
            out.printf("model:   %s (DL4J ModelSerializer; takes raw inputs)%n", model);
            Map<String, Object> measured = new LinkedHashMap<>();
            measured.put("refit", Double.isNaN(trained.validError())
                    ? Map.of("examples", splits.train().size() + splits.valid().size(), "epochs", trained.epochs(), "seconds", trained.seconds())
                    : Map.of("validation_error", trained.validError(), "seconds", trained.seconds()));
            measured.put("test", Map.of("loss", testError, "accuracy", 1 - testError, "examples", splits.test().size()));
            return measured;
        }

        /**
         * The ensemble of the best trials' nets, kept by the objective: selected on their
         * validation probabilities (as Weka's ensembles are on out-of-fold ones), saved as one
         * ComputationGraph with the best net alone beside it. Null, for the refit of the best
         * net alone, with {@code --ensemble 0}, when the best trial was not trained in this
         * process (a resumed study, workers), when the selection keeps the best net alone, or when
         * the best trial is a known-good one kept by the one-standard-error rule and the ensemble
         * does not beat it by more than one standard error either.
         */
        private Map<String, Object> ensemble(Trial best, Path model, PrintWriter out, PrintWriter log) {
            if (ensembleSize == 0) return null;
            List<Dl4jObjective.Kept> kept = isolated != null ? isolated.kept() : net.kept();
            if (kept.stream().noneMatch(k -> k.trial() == best.number())) return null;
            int[] y = splits.valid().labels();
            List<EnsembleSelection.Candidate> candidates = new ArrayList<>();
            Map<Long, Dl4jObjective.Kept> byTrial = new LinkedHashMap<>();
            for (Dl4jObjective.Kept k : kept) {
                candidates.add(new EnsembleSelection.Candidate(k.trial(), k.validError(), k.validProbabilities()));
                byTrial.put(k.trial(), k);
            }
            EnsembleSelection.Ensemble e = EnsembleSelection.select(candidates, Dl4jObjective.KEPT, ensembleSize, EnsembleSelection.errorRate(y));
            if (e.weights().size() < 2) {
                log.printf("ensemble: none: trial %d alone did best on the validation examples%n", e.weights().keySet().iterator().next());
                return null;
            }
            // The best trial was kept by the one-standard-error rule over trials that scored lower:
            // the ensemble must clear the same bar to replace it.
            if (kept.stream().anyMatch(k -> k.validError() < best.loss()) && !OneStandardError.beats(e.loss(), best.loss(), y.length)) {
                log.printf(Locale.ROOT, "ensemble: none: its validation error %.4f is within one standard error (%.4f) of trial %d's %.4f%n",
                        e.loss(), OneStandardError.standardError(e.loss(), y.length), best.number(), best.loss());
                return null;
            }
            // Selected on the trials' nets; the ensemble kept is of the same configurations refitted
            // on the training and validation examples together, as the best net alone would be.
            log.println("refitting the ensemble's " + e.weights().size() + " nets ...");
            log.flush();
            long started = System.nanoTime();
            Map<Long, TrainedNet> refitted = new LinkedHashMap<>();
            for (long trial : e.weights().keySet()) refitted.put(trial, refitOnAll(byTrial.get(trial), log));
            if (!refitted.containsKey(best.number())) refitted.put(best.number(), refitOnAll(byTrial.get(best.number()), log));
            double refitSeconds = (System.nanoTime() - started) / 1e9;
            List<TrainedNet> members = new ArrayList<>();
            List<Double> weights = new ArrayList<>();
            StringBuilder names = new StringBuilder();
            for (Map.Entry<Long, Integer> w : e.weights().entrySet()) {
                members.add(refitted.get(w.getKey()));
                weights.add((double) w.getValue() / e.size());
                names.append(names.length() == 0 ? "" : ", ").append("trial ").append(w.getKey()).append(" x").append(w.getValue());
            }
            ComputationGraph graph = NetEnsemble.graph(members, weights);
            TrainedNet alone = refitted.get(best.number());
            Dataset test = splits.test();
            int examples = splits.train().size() + splits.valid().size();
            int[] predicted = argmax(graph.outputSingle(test.features()));
            int wrong = 0;
            for (int i = 0; i < predicted.length; i++) if (predicted[i] != test.labels()[i]) wrong++;
            double testError = (double) wrong / predicted.length;
            double aloneError = alone.error(test);
            out.printf(Locale.ROOT, "ensemble: %d nets (%s), validation error %.4f against %.4f for trial %d alone%n", members.size(), names,
                    e.loss(), best.loss(), best.number());
            long onAll = refitted.values().stream().filter(t -> Double.isNaN(t.validError())).count();
            out.printf(Locale.ROOT, "refit:   %d of the %d nets on the %d training and validation examples, %.1f s%n", onAll, refitted.size(),
                    examples, refitSeconds);
            out.printf(Locale.ROOT, "test:    error %.4f (accuracy %.4f) on %d test examples; trial %d alone %.4f (accuracy %.4f)%n",
                    testError, 1 - testError, test.size(), best.number(), aloneError, 1 - aloneError);
            Path single = model.resolveSibling(singleName(model.getFileName().toString()));
            try {
                ModelFiles.save(model, path -> ModelSerializer.writeModel(graph, path.toFile(), false));
                ModelFiles.save(single, alone::save);
            } catch (Exception x) {
                throw new CommandException("cannot write " + model + ": " + x.getMessage());
            }
            out.printf("model:   %s (the ensemble: a DL4J ComputationGraph; takes raw inputs); trial %d alone: %s%n", model, best.number(), single);
            List<Map<String, Object>> picks = new ArrayList<>();
            for (Map.Entry<Long, Integer> w : e.weights().entrySet()) picks.add(Map.of("trial", w.getKey(), "weight", w.getValue()));
            Map<String, Object> measured = new LinkedHashMap<>();
            measured.put("ensemble", Map.of("members", picks, "picks", e.size(), "validation_error", e.loss()));
            measured.put("refit", Map.of("examples", examples, "nets", onAll, "seconds", refitSeconds));
            measured.put("test", Map.of("loss", testError, "accuracy", 1 - testError, "examples", test.size()));
            measured.put("single", Map.of("trial", best.number(), "test_loss", aloneError, "model", single.toString()));
            return measured;
        }

        /** A member refitted on all the labelled examples, or its trial's net when that refit diverges. */
        private TrainedNet refitOnAll(Dl4jObjective.Kept kept, PrintWriter log) {
            try {
                return net.refitOnAll(kept, verbose ? lines(log, "refit " + kept.trial() + ": ") : null);
            } catch (DivergenceException e) {
                log.printf("refit of trial %d diverged (%s): its trial's net is kept%n", kept.trial(), e.getMessage());
                return kept.net();
            }
        }
    }

    private static String singleName(String model) {
        int dot = model.lastIndexOf('.');
        return dot < 0 ? model + ".single" : model.substring(0, dot) + ".single" + model.substring(dot);
    }

    private static int[] argmax(org.nd4j.linalg.api.ndarray.INDArray probabilities) {
        int[] out = new int[(int) probabilities.rows()];
        for (int i = 0; i < out.length; i++) out[i] = probabilities.getRow(i).argMax().getInt(0);
        return out;
    }
}
