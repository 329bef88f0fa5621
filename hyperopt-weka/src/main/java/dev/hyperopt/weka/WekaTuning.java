package dev.hyperopt.weka;

import dev.hyperopt.dsl.ir.Num;
import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.engine.api.Trial;
import dev.hyperopt.engine.ensemble.EnsembleSelection.Ensemble;
import dev.hyperopt.engine.sample.Sampler;
import dev.hyperopt.engine.spi.Arguments;
import dev.hyperopt.engine.spi.CommandException;
import dev.hyperopt.engine.spi.CommandOption;
import dev.hyperopt.engine.spi.FamilyInputs;
import dev.hyperopt.engine.spi.ModelFiles;
import dev.hyperopt.engine.spi.Search;
import dev.hyperopt.engine.spi.Tuning;
import dev.hyperopt.weka.data.DataSets;
import dev.hyperopt.weka.objective.EvaluationSettings;
import dev.hyperopt.weka.objective.Metric;
import dev.hyperopt.weka.objective.SlowTrials;
import dev.hyperopt.weka.objective.WekaObjective;
import dev.hyperopt.weka.objective.WekaObjective.Scored;
import weka.classifiers.Classifier;
import weka.classifiers.Evaluation;
import weka.classifiers.meta.Vote;
import weka.core.Instances;
import weka.core.Utils;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code hyperopt weka tune --data FILE|NAME}: searches Weka pipelines (a filter and a
 * classifier) by cross-validation on the training data, each trial in its own JVM; refits the
 * best one on all of it, scores it on a test set when there is one, and saves it as a Weka
 * {@code .model} file.
 */
final class WekaTuning implements Tuning {
    private static final List<CommandOption> OPTIONS = List.of(
            CommandOption.value("--data", "FILE|NAME", "training data: an .arff or .csv file, or a data set inside Weka: credit-g, iris").asRequired(),
            CommandOption.value("--class", "NAME", "the class attribute: a name, first or last (default: last)"),
            CommandOption.value("--test", "FILE", "a test set with the same attributes, scored once at the end"),
            CommandOption.value("--holdout", "FRACTION", "hold out this fraction of the data (stratified, by --seed) as the test set"),
            CommandOption.value("--space", "NAME|FILE.hspace", "a shipped space (classification, regression, any_classifier, j48, smo, ...) or an "
                    + ".hspace file (default: classification for a nominal class, regression for a numeric one)"),
            CommandOption.value("--metric", "METRIC", "the loss: error, auc (1-AUC), logloss, f1 (1-F1), rmse or mae (default: error, or rmse for a numeric class)"),
            CommandOption.value("--folds", "K", "cross-validation folds per trial").withDefault("5"),
            CommandOption.value("--validation", "FRACTION", "score each trial on one stratified holdout of this fraction of the training data instead of by cross-validation"),
            CommandOption.value("--stop-slow", "FACTOR", "under cross-validation, stop after a fold a trial whose loss so far is not among the "
                    + "best quarter and that is projected to take more than FACTOR median trials; 0 finishes every trial").withDefault("4"),
            CommandOption.value("--memory", "SIZE", "heap of each trial's JVM, e.g. 512m, 2g").withDefault("1g"),
            CommandOption.value("--ensemble", "N", "picks of the ensemble selected from the trials' out-of-fold predictions "
                    + "(nominal class); 0 for the single best pipeline").withDefault("50"));

    private final WekaFamily family;

    WekaTuning(WekaFamily family) {
        this.family = family;
    }

    @Override
    public String description() {
        return "Auto-tune a Weka classifier pipeline (a filter and a classifier) on a data set. Each trial is scored by stratified "
                + "cross-validation on the training data in its own JVM; the best pipeline is refitted on all the training data, "
                + "scored on the test set when there is one, and saved as a Weka .model file.";
    }

    @Override
    public List<CommandOption> options() {
        return OPTIONS;
    }

    @Override
    public Defaults defaults() {
        // A trial trains on one thread in its own JVM: one per core.
        return new Defaults(100, Duration.ofMinutes(5), "DATA-NAME.model", false, "none", Defaults.cores());
    }

    @Override
    public Search prepare(Arguments args, long seed, PrintWriter log) {
        String data = args.value("--data");
        String classAttribute = args.value("--class");
        int folds = args.integer("--folds", 2);
        Double cvHoldout = args.fraction("--validation");
        Double testFraction = args.fraction("--holdout");
        String testFile = args.value("--test");
        if (testFraction != null && testFile != null) throw new CommandException("--test and --holdout are alternatives: give one");
        Double slowFactor = args.number("--stop-slow");
        if (slowFactor != null && slowFactor < 0) {
            throw new CommandException("invalid value for --stop-slow: '" + args.value("--stop-slow") + "' (needs a number >= 0)");
        }
        Metric chosen = null;
        if (args.value("--metric") != null) {
            try {
                chosen = Metric.byId(args.value("--metric"));
            } catch (IllegalArgumentException e) {
                throw new CommandException("invalid value for --metric: " + e.getMessage());
            }
        }

        // The data, the test set and the space, each refused with one line when unusable.
        Instances all = user(() -> DataSets.withClass(DataSets.load(data), classAttribute, data));
        Instances train = all;
        Instances test = null;
        String testWhat = null;
        if (testFraction != null) {
            Instances[] parts = user(() -> DataSets.split(all, testFraction, seed));
            train = parts[0];
            test = parts[1];
            testWhat = "holdout " + Num.format(testFraction) + " (" + test.numInstances() + " rows)";
        } else if (testFile != null) {
            Instances t = user(() -> DataSets.withClass(DataSets.load(testFile), classAttribute, testFile));
            String mismatch = all.equalHeadersMsg(t);
            if (mismatch != null) throw new CommandException("test set " + testFile + " does not match " + data + ": " + mismatch);
            test = t;
            testWhat = testFile + " (" + t.numInstances() + " rows)";
        }
        Instances learnable = train;
        user(() -> {
            DataSets.checkLearnable(learnable, cvHoldout != null ? 2 : folds, testFraction != null ? data + " less its holdout" : data);
            return null;
        });
        boolean nominal = train.classAttribute().isNominal();
        Metric loss = chosen != null ? chosen : Metric.defaultFor(nominal);
        if (loss.nominalOnly() && !nominal) {
            throw new CommandException("metric " + loss.id() + " needs a nominal class, but '" + train.classAttribute().name()
                    + "' in " + data + " is numeric (use rmse or mae)");
        }
        String spaceName = args.get("--space").orElse(WekaSpaces.defaultFor(train));
        Instances forSpace = train;
        user(() -> {
            WekaSpaces.checkClassType(spaceName, forSpace);
            return null;
        });
        SearchSpace space = FamilyInputs.space(family, spaceName, args, log);
        user(() -> {
            WekaEstimator.checkSpaceFits(space, forSpace, seed);
            return null;
        });
        log.printf("data:    %s: %d rows, %d attributes, class '%s' (%s)%n", data, all.numInstances(), all.numAttributes(),
                all.classAttribute().name(), nominal ? all.numClasses() + " values" : "numeric");
        log.printf("scoring: %s by %s on %d training rows%n", loss.id(),
                cvHoldout != null ? "holdout " + Num.format(cvHoldout) : folds + "-fold CV", train.numInstances());
        int ensemble = args.integer("--ensemble", 0);
        EvaluationSettings settings = new EvaluationSettings(loss, folds, cvHoldout != null ? cvHoldout : Double.NaN, 1);
        WekaObjective objective = new WekaObjective(train, settings, args.value("--memory"));
        if (slowFactor != null && slowFactor > 0 && cvHoldout == null) objective.stopSlowTrials(new SlowTrials(slowFactor, folds, System::nanoTime));
        return new WekaSearch(space, objective, train, test, testWhat, loss, FamilyInputs.dataName(data), KnownGood.in(space, train),
                nominal ? ensemble : 0);
    }

    /**
     * The search of one data set: trials by cross-validation, the refit on all the training
     * rows, and for a nominal class the ensemble selected from the trials' out-of-fold predictions.
     */
    private record WekaSearch(SearchSpace space, WekaObjective objective, Instances train, Instances test, String testWhat,
                              Metric loss, String dataName, List<Map<String, Object>> knownGood, int ensembleSize) implements Search {
        @Override
        public String study() {
            return "weka-" + dataName + "-" + loss.id();
        }

        /** Pipelines that cannot handle the data are not tried. */
        @Override
        public Sampler sampler(Sampler chosen) {
            return new CapableSampler(chosen, train);
        }

        @Override
        public Path model() {
            return Path.of(dataName + ".model");
        }

        @Override
        public Map<String, Object> refit(Trial best, Path model, PrintWriter out, PrintWriter log) throws Exception {
            WekaEstimator est = new WekaEstimator().metric(loss).refit(best, train);
            Map<String, Object> measured = new LinkedHashMap<>();
            out.printf("refit:   trial %d on %d training rows%n", best.number(), train.numInstances());
            Selected ensemble = ensemble(best, log);
            if (ensemble == null) {
                if (test != null) {
                    double testLoss = est.testLoss(test);
                    out.printf("test loss (%s): %s on %s%n", loss.id(), format(testLoss), testWhat);
                    measured.put("test", Map.of("loss", testLoss, "metric", loss.id(), "rows", test.numInstances()));
                } else {
                    out.println("test loss: none (give --test FILE or --holdout FRACTION)");
                }
                out.printf("weka:    %s%n", est.commandLine());
                measured.put("weka", est.commandLine());
                String notSaved = save(est.classifier(), model);
                out.printf("model:   %s%n", notSaved == null ? model : "none: " + notSaved);
                return measured;
            }
            WekaEnsemble.Selection selection = ensemble.selection();
            Ensemble e = selection.ensemble();
            StringBuilder members = new StringBuilder();
            for (Map.Entry<Long, Integer> w : e.weights().entrySet()) {
                members.append(members.length() == 0 ? "" : ", ").append("trial ").append(w.getKey()).append(" x").append(w.getValue());
            }
            boolean ownMetric = selection.selectedBy().equals(loss.id());
            out.printf("ensemble: %d pipelines (%s), out-of-fold %s %s against %s for trial %d alone%s%n", e.weights().size(), members,
                    loss.id(), format(selection.outOfFoldLoss()), format(best.loss()), best.number(), ownMetric ? ""
                            : "; selected by " + selection.selectedBy() + " " + format(e.loss()) + " against " + format(selection.bestAloneSelected()));
            Map<String, Object> alone = new LinkedHashMap<>();
            alone.put("trial", best.number());
            if (test != null) {
                double ensembleLoss = testLoss(ensemble.vote(), test);
                double singleLoss = est.testLoss(test);
                out.printf("test loss (%s): %s on %s; trial %d alone %s%n", loss.id(), format(ensembleLoss), testWhat, best.number(),
                        format(singleLoss));
                measured.put("test", Map.of("loss", ensembleLoss, "metric", loss.id(), "rows", test.numInstances()));
                alone.put("test_loss", singleLoss);
            } else {
                out.println("test loss: none (give --test FILE or --holdout FRACTION)");
            }
            String voteLine = Utils.toCommandLine(ensemble.vote());
            out.printf("weka:    %s%n", voteLine);
            measured.put("weka", voteLine);
            List<Map<String, Object>> weights = new ArrayList<>();
            for (Map.Entry<Long, Integer> w : e.weights().entrySet()) weights.add(Map.of("trial", w.getKey(), "weight", w.getValue()));
            measured.put("ensemble", Map.of("members", weights, "picks", e.size(), "out_of_fold_loss", selection.outOfFoldLoss(),
                    "selection", Map.of("by", selection.selectedBy(), "loss", e.loss(), "best_alone", selection.bestAloneSelected())));
            String ensembleNotSaved = save(ensemble.vote(), model);
            if (ensembleNotSaved != null) throw new CommandException("cannot write " + model + ": " + ensembleNotSaved);
            Path single = singleModel(model);
            alone.put("weka", est.commandLine());
            String notSaved = save(est.classifier(), single);
            if (notSaved == null) alone.put("model", single.toString());
            measured.put("single", alone);
            out.printf("model:   %s (the ensemble); trial %d alone: %s%n", model, best.number(), notSaved == null ? single : "not saved: " + notSaved);
            return measured;
        }

        /** An ensemble selection and the trained Vote that predicts as it does. */
        private record Selected(WekaEnsemble.Selection selection, Vote vote) {}

        /**
         * The ensemble, or null when the single best pipeline is the model: with {@code --ensemble 0},
         * a numeric class, the best trial not scored in this run, or a selection of the best
         * alone (the last two say so). Members whose models cannot be saved are left out.
         */
        private Selected ensemble(Trial best, PrintWriter log) throws Exception {
            if (ensembleSize == 0) return null;
            List<Scored> scored = new ArrayList<>(objective.scored());
            Scored bestScored = scored.stream().filter(s -> s.trial() == best.number()).findFirst().orElse(null);
            if (bestScored == null) {
                log.printf("ensemble: none: trial %d was not scored in this run (resumed, or on workers), so its out-of-fold "
                        + "predictions are not here%n", best.number());
                return null;
            }
            while (true) {
                WekaEnsemble.Selection s = WekaEnsemble.select(scored, loss, train.classAttribute(), ensembleSize, bestScored);
                if (s == null || s.ensemble().weights().size() < 2) {
                    log.printf("ensemble: none: %s alone did best on the out-of-fold predictions%n", s == null ? "the best pipeline"
                            : "trial " + s.ensemble().weights().keySet().iterator().next() + " (by " + s.selectedBy() + ")");
                    return null;
                }
                try {
                    return new Selected(s, WekaEnsemble.vote(s.ensemble(), byNumber(scored), train));
                } catch (WekaEnsemble.NotSaveable x) {
                    log.printf("ensemble: %s; selecting again without it%n", x.getMessage());
                    scored.removeIf(t -> t.trial() == x.trial);
                }
            }
        }

        private static Map<Long, Scored> byNumber(List<Scored> scored) {
            Map<Long, Scored> m = new LinkedHashMap<>();
            for (Scored t : scored) m.put(t.trial(), t);
            return m;
        }

        private double testLoss(Classifier c, Instances test) throws Exception {
            Evaluation e = new Evaluation(test);
            e.evaluateModel(c, test);
            return loss.loss(e);
        }

        private static Path singleModel(Path model) {
            String name = model.getFileName().toString();
            String base = name.endsWith(".model") ? name.substring(0, name.length() - ".model".length()) : name;
            return model.resolveSibling(base + ".single.model");
        }

        /**
         * Saves a model.
         *
         * @return null, or why Java cannot serialize it (a component of a space of one's own whose
         *         model holds objects that are not serializable): then nothing is written
         */
        private static String save(Classifier c, Path file) {
            try {
                ModelFiles.save(file, path -> WekaModels.write(c, path));
                return null;
            } catch (java.io.NotSerializableException e) {
                return "Java cannot serialize this pipeline's model (" + e.getMessage() + " is not serializable); "
                        + "its command line rebuilds it";
            } catch (Exception e) {
                throw new CommandException("cannot write " + file + ": " + e.getMessage());
            }
        }
        @Override
        public void close() {
            objective.close();
        }
    }

    private static String format(double d) {
        return String.format(Locale.ROOT, "%.4f", d);
    }

    private interface Step<T> {
        T run();
    }

    /** Runs a step whose {@link IllegalArgumentException} is the user's to fix. */
    private static <T> T user(Step<T> step) {
        try {
            return step.run();
        } catch (IllegalArgumentException e) {
            throw new CommandException(e.getMessage(), e);
        }
    }
}
