package dev.hyperopt.cli;

import dev.hyperopt.dsl.ir.Num;
import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.engine.inject.Engine;
import dev.hyperopt.engine.run.Result;
import dev.hyperopt.engine.run.StopSignal;
import dev.hyperopt.engine.store.StoreException;
import dev.hyperopt.engine.store.TrialStore;
import dev.hyperopt.weka.WekaEstimator;
import dev.hyperopt.weka.WekaSpaces;
import dev.hyperopt.weka.data.DataSets;
import dev.hyperopt.weka.objective.Metric;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import weka.core.Instances;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code hyperopt weka tune --data FILE|NAME}: searches Weka pipelines (a filter and a
 * classifier) by cross-validation on the training data, refits the best one on all of it,
 * scores it on a test set when there is one, and saves it as a Weka {@code .model} file.
 * The run options are those of {@code hyperopt tune}.
 */
@Command(name = "tune", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Auto-tune a Weka classifier pipeline on a data set.",
                "Each trial is scored by stratified cross-validation on the training data in its own JVM; "
                        + "the best pipeline is refitted on all the training data and saved as a Weka .model file."})
final class WekaTuneCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "FILE|NAME",
            description = "training data: an .arff or .csv file, or a data set inside Weka: credit-g, iris")
    String data;

    @Option(names = "--class", paramLabel = "NAME", description = "the class attribute: a name, first or last (default: last)")
    String classAttribute;

    @ArgGroup(exclusive = true)
    TestData test;

    static final class TestData {
        @Option(names = "--test", paramLabel = "FILE", description = "a test set with the same attributes, scored once at the end")
        String file;

        @Option(names = "--holdout", paramLabel = "FRACTION", description = "hold out this fraction of the data (stratified, by --seed) as the test set")
        String fraction;
    }

    @Option(names = "--space", paramLabel = "NAME|FILE.hspace",
            description = "a shipped space (classification, regression, any_classifier, j48, smo, ...) or an .hspace file "
                    + "(default: classification for a nominal class, regression for a numeric one)")
    String space;

    @Option(names = "--metric", paramLabel = "METRIC",
            description = "the loss: error, auc (1-AUC), logloss, f1 (1-F1), rmse or mae (default: error, or rmse for a numeric class)")
    String metric;

    @Option(names = "--folds", paramLabel = "K", defaultValue = "5", description = "cross-validation folds per trial (default: ${DEFAULT-VALUE})")
    String folds;

    @Option(names = "--validation", paramLabel = "FRACTION",
            description = "score each trial on one stratified holdout of this fraction of the training data instead of by cross-validation")
    String validation;

    @Option(names = "--memory", paramLabel = "SIZE", defaultValue = "1g", description = "heap of each trial's JVM, e.g. 512m, 2g (default: ${DEFAULT-VALUE})")
    String memory;

    @Option(names = "--model", paramLabel = "FILE", description = "where to save the refitted pipeline (default: DATA-NAME.model)")
    Path model;

    @Option(names = "--algo", paramLabel = "ALGO", defaultValue = "tpe", description = "tpe, rand or anneal (default: ${DEFAULT-VALUE})")
    String algo;

    @Option(names = "--max-evals", paramLabel = "N", defaultValue = "100", description = "trials in the study at most (default: ${DEFAULT-VALUE})")
    String maxEvals;

    @Option(names = "--seed", paramLabel = "S", description = "random seed of the search and the holdout split (default: random, printed)")
    String seed;

    @Option(names = "--parallel", paramLabel = "K", defaultValue = "1", description = "trials evaluated side by side (default: ${DEFAULT-VALUE})")
    String parallel;

    @Mixin
    StopRules stopRules;

    @Option(names = "--trial-timeout", paramLabel = "DURATION", defaultValue = "5m",
            description = "limit for each trial; a trial past it is killed (default: ${DEFAULT-VALUE})")
    String trialTimeout;

    @Option(names = "--store", paramLabel = "URL", defaultValue = "sqlite:hyperopt.db",
            description = "where trials are kept: sqlite:PATH, memory: or postgresql://[user@]host[:port]/db "
                    + "(default: ${DEFAULT-VALUE})")
    String store;

    @Option(names = "--study", paramLabel = "NAME", description = "study name in the store (default: weka-DATA-NAME-METRIC)")
    String study;

    @Option(names = "--json", paramLabel = "FILE", description = "write the result document to FILE")
    Path json;

    @Option(names = "--quiet", description = "no progress bar")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Engine engine = Engine.standard();

        int evals = OptionValues.integer("--max-evals", maxEvals, 1);
        int k = OptionValues.integer("--parallel", parallel, 1);
        int nFolds = OptionValues.integer("--folds", folds, 2);
        Duration runLimit = stopRules.runLimit();
        Duration trialLimit = OptionValues.duration("--trial-timeout", trialTimeout);
        Integer patience = stopRules.patience();
        Double threshold = stopRules.threshold();
        Double cvHoldout = validation == null ? null : OptionValues.fraction("--validation", validation);
        Double testFraction = test == null || test.fraction == null ? null : OptionValues.fraction("--holdout", test.fraction);
        OptionValues.algorithm(engine, algo);
        Metric m = null;
        if (metric != null) {
            try {
                m = Metric.byId(metric);
            } catch (IllegalArgumentException e) {
                throw new UserError("invalid value for --metric: " + e.getMessage());
            }
        }
        boolean randomSeed = seed == null;
        long s = randomSeed ? Math.floorMod(new SecureRandom().nextLong(), 1_000_000_000L) : OptionValues.longValue("--seed", seed);

        // The data, the test set and the space, each refused with one line when unusable.
        Instances all = user(() -> DataSets.withClass(DataSets.load(data), classAttribute, data));
        Instances train = all;
        Instances testSet = null;
        String testWhat = null;
        if (testFraction != null) {
            Instances[] parts = user(() -> DataSets.split(all, testFraction, s));
            train = parts[0];
            testSet = parts[1];
            testWhat = "holdout " + Num.format(testFraction) + " (" + testSet.numInstances() + " rows)";
        } else if (test != null && test.file != null) {
            Instances t = user(() -> DataSets.withClass(DataSets.load(test.file), classAttribute, test.file));
            String mismatch = all.equalHeadersMsg(t);
            if (mismatch != null) throw new UserError("test set " + test.file + " does not match " + data + ": " + mismatch);
            testSet = t;
            testWhat = test.file + " (" + t.numInstances() + " rows)";
        }
        boolean nominal = train.classAttribute().isNominal();
        Metric loss = m != null ? m : Metric.defaultFor(nominal);
        if (loss.nominalOnly() && !nominal) {
            throw new UserError("metric " + loss.id() + " needs a nominal class, but '" + train.classAttribute().name()
                    + "' in " + data + " is numeric (use rmse or mae)");
        }
        String spaceName = space != null ? space : WekaSpaces.defaultFor(train);
        Instances forSpace = train;
        user(() -> {
            WekaSpaces.checkClassType(spaceName, forSpace);
            return null;
        });
        SearchSpace searchSpace = spaceName.endsWith(".hspace")
                ? SpaceFiles.load(Path.of(spaceName), err)
                : user(() -> WekaSpaces.load(spaceName));
        Instances trainData = train;
        user(() -> {
            WekaEstimator.checkSpaceFits(searchSpace, trainData, s);
            return null;
        });

        String dataName = dataName(data);
        String studyName = study != null ? study : "weka-" + dataName + "-" + loss.id();
        if (studyName.isBlank()) throw new UserError("invalid value for --study: the name is empty");
        Path modelFile = model != null ? model : Path.of(dataName + ".model");
        TrialStore trialStore = TuneCommand.openStore(engine, store);
        if (randomSeed) {
            err.println("hyperopt: seed " + s);
            err.flush();
        }

        WekaEstimator est = new WekaEstimator().space(searchSpace).metric(loss).algorithm(algo).maxEvals(evals).seed(s)
                .parallelism(k).trialTimeout(trialLimit).memoryLimit(memory).store(trialStore, studyName);
        if (cvHoldout != null) est.holdout(cvHoldout);
        else est.folds(nFolds);
        if (runLimit != null) est.timeout(runLimit);
        if (patience != null) est.earlyStop(patience);
        if (threshold != null) est.lossThreshold(threshold);
        if (!quiet && TuneProgress.onTerminal()) est.listener(new TuneProgress(System.err));
        Interruption interruption = new Interruption();
        StopSignal stop = interruption.signal();
        est.stopSignal(stop);
        try (trialStore) {
            try {
                est.fit(train);
            } catch (IllegalStateException e) {
                throw new UserError(e.getMessage());
            } catch (StoreException | IllegalArgumentException e) {
                throw new UserError(UserError.describe(e));
            }
            try {
                est.saveModel(modelFile);
            } catch (Exception e) {
                throw new UserError("cannot write " + modelFile + ": " + UserError.describe(e));
            }
            Result r = est.result();
            ResultDocument.writeIfAsked(r, json);
            out.printf("data:    %s: %d rows, %d attributes, class '%s' (%s)%n", data, all.numInstances(), all.numAttributes(),
                    all.classAttribute().name(), nominal ? all.numClasses() + " values" : "numeric");
            out.printf("scoring: %s by %s on %d training rows%n", loss.id(),
                    cvHoldout != null ? "holdout " + Num.format(cvHoldout) : nFolds + "-fold CV", train.numInstances());
            out.printf("best CV loss (%s): %s%n", loss.id(), format(est.bestLoss()));
            if (testSet != null) {
                out.printf("test loss (%s):    %s on %s%n", loss.id(), format(est.testLoss(testSet)), testWhat);
            } else {
                out.println("test loss:         none (give --test FILE or --holdout FRACTION)");
            }
            out.printf("weka:    %s%n", est.commandLine());
            out.printf("model:   %s%n", modelFile);
            TuneCommand summary = new TuneCommand();
            summary.json = json;
            summary.summary(out, r);
        } finally {
            interruption.close();
        }
        return 0;
    }

    private static String format(double d) {
        return String.format(Locale.ROOT, "%.4f", d);
    }

    /** The name of a data set for file and study names: the file name without its extension. */
    static String dataName(String data) {
        Path p = Path.of(data).getFileName();
        String n = p == null ? "data" : p.toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    private interface Step<T> {
        T run();
    }

    /** Runs a step whose {@link IllegalArgumentException} is the user's to fix. */
    private static <T> T user(Step<T> step) {
        try {
            return step.run();
        } catch (IllegalArgumentException e) {
            throw new UserError(UserError.describe(e));
        }
    }
}
