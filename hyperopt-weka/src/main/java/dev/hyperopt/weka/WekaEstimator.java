package dev.hyperopt.weka;

import dev.hyperopt.dsl.HSpaceCompiler;
import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.engine.api.Trial;
import dev.hyperopt.engine.run.Hyperopt;
import dev.hyperopt.engine.spi.ModelFiles;
import dev.hyperopt.engine.run.Minimize;
import dev.hyperopt.engine.run.Result;
import dev.hyperopt.engine.run.RunListener;
import dev.hyperopt.engine.run.StopSignal;
import dev.hyperopt.engine.inject.Engine;
import dev.hyperopt.engine.sample.Sampler;
import dev.hyperopt.engine.sample.random.PriorSampler;
import dev.hyperopt.engine.space.SpaceEvaluator;
import dev.hyperopt.engine.store.TrialStore;
import dev.hyperopt.weka.objective.EvaluationSettings;
import dev.hyperopt.weka.objective.Metric;
import dev.hyperopt.weka.objective.WekaObjective;
import weka.classifiers.Classifier;
import weka.classifiers.Evaluation;
import weka.core.Instance;
import weka.core.Instances;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A Weka classifier whose pipeline is chosen by hyperparameter search, after
 * hyperopt-sklearn's {@code HyperoptEstimator}:
 * <pre>{@code
 * WekaEstimator est = new WekaEstimator().maxEvals(50).seed(1);
 * est.fit(train);                        // tunes by 5-fold CV, then refits the best pipeline on all of train
 * double error = est.testLoss(test);     // the same metric on held-out data
 * String cmd = est.commandLine();        // e.g. weka.classifiers.trees.J48 -C 0.25 -M 2
 * est.saveModel(Path.of("best.model"));  // readable with weka.core.SerializationHelper.read
 * }</pre>
 * Without a space it searches {@code classification} for a nominal class and
 * {@code regression} for a numeric one; without a metric it minimizes the error rate or the
 * RMSE. Pipelines that cannot handle the data are not tried (see {@link CapableSampler}). Trials run in child JVMs (see {@link WekaObjective}), so a trial time-out really
 * stops a runaway training and a trial's memory is bounded.
 */
public final class WekaEstimator {
    private SearchSpace space;
    private String spaceName;
    private Metric metric;
    private int folds = 5;
    private double holdout = Double.NaN;
    private long cvSeed = 1;
    private String algorithm = "tpe";
    private int maxEvals = 50;
    private long seed;
    private int parallelism = 1;
    private Duration timeout;
    private Duration trialTimeout;
    private int earlyStop;
    private double lossThreshold = Double.NaN;
    private String memoryLimit = "1g";
    private TrialStore store;
    private String study = "weka";
    private StopSignal stop;
    private final List<RunListener> listeners = new ArrayList<>();

    private Result result;
    private Pipeline best;
    private Classifier model;
    private Instances header;

    public WekaEstimator() {
        WekaBootstrap.init();
    }

    /** The space to search; see {@link WekaSpaces#load(String)} for names and files. */
    public WekaEstimator space(SearchSpace space) {
        this.space = Objects.requireNonNull(space, "space");
        this.spaceName = null;
        return this;
    }

    /** A shipped space by name, or an {@code .hspace} file; {@link #fit} checks a shipped one suits the class type. */
    public WekaEstimator space(String nameOrFile) {
        space(WekaSpaces.load(nameOrFile));
        this.spaceName = nameOrFile;
        return this;
    }

    public WekaEstimator metric(Metric metric) {
        this.metric = Objects.requireNonNull(metric, "metric");
        return this;
    }

    /** Folds of the cross-validation that scores each trial (default 5). */
    public WekaEstimator folds(int folds) {
        if (folds < 2) throw new IllegalArgumentException("folds must be >= 2, got " + folds);
        this.folds = folds;
        this.holdout = Double.NaN;
        return this;
    }

    /** Score each trial on one stratified holdout of this fraction of the training data instead of by CV. */
    public WekaEstimator holdout(double fraction) {
        if (!(fraction > 0 && fraction < 1)) throw new IllegalArgumentException("holdout fraction must be in (0, 1), got " + fraction);
        this.holdout = fraction;
        return this;
    }

    /** Seed of the folds (default 1): every trial is scored on the same folds. */
    public WekaEstimator cvSeed(long seed) {
        this.cvSeed = seed;
        return this;
    }

    public WekaEstimator algorithm(String algorithm) {
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
        return this;
    }

    public WekaEstimator maxEvals(int n) {
        if (n < 1) throw new IllegalArgumentException("max evals must be >= 1, got " + n);
        this.maxEvals = n;
        return this;
    }

    public WekaEstimator seed(long seed) {
        this.seed = seed;
        return this;
    }

    public WekaEstimator parallelism(int k) {
        if (k < 1) throw new IllegalArgumentException("parallelism must be >= 1, got " + k);
        this.parallelism = k;
        return this;
    }

    public WekaEstimator timeout(Duration d) {
        this.timeout = d;
        return this;
    }

    /** Each trial's limit; past it the trial's JVM is killed and the trial fails with "timed out". */
    public WekaEstimator trialTimeout(Duration d) {
        this.trialTimeout = d;
        return this;
    }

    /** Stop after {@code n} trials in a row that did not improve the best loss. */
    public WekaEstimator earlyStop(int n) {
        if (n < 1) throw new IllegalArgumentException("early stop needs n >= 1, got " + n);
        this.earlyStop = n;
        return this;
    }

    /** Stop once a trial's loss is at or below {@code x}. */
    public WekaEstimator lossThreshold(double x) {
        this.lossThreshold = x;
        return this;
    }

    /** Each trial JVM's heap, as {@code -Xmx} takes it (default {@code 1g}). */
    public WekaEstimator memoryLimit(String limit) {
        this.memoryLimit = Objects.requireNonNull(limit, "limit");
        return this;
    }

    public WekaEstimator store(TrialStore store, String study) {
        this.store = Objects.requireNonNull(store, "store");
        this.study = Objects.requireNonNull(study, "study");
        return this;
    }

    public WekaEstimator stopSignal(StopSignal stop) {
        this.stop = stop;
        return this;
    }

    public WekaEstimator listener(RunListener l) {
        listeners.add(Objects.requireNonNull(l, "listener"));
        return this;
    }

    /**
     * Tunes on {@code train} (class attribute set), then refits the best pipeline on all of it.
     *
     * @throws IllegalArgumentException for unusable data (no class, no rows, a metric or space that
     *                                  does not fit the class type)
     * @throws IllegalStateException    when no trial finished ok
     */
    public WekaEstimator fit(Instances train) throws Exception {
        if (train.classIndex() < 0) throw new IllegalArgumentException("the training data have no class attribute");
        if (train.numInstances() == 0) throw new IllegalArgumentException("the training data are empty");
        boolean nominal = train.classAttribute().isNominal();
        Metric m = metric != null ? metric : Metric.defaultFor(nominal);
        if (m.nominalOnly() && !nominal) {
            throw new IllegalArgumentException("metric " + m.id() + " needs a nominal class, but '" + train.classAttribute().name() + "' is numeric");
        }
        if (spaceName != null) WekaSpaces.checkClassType(spaceName, train);
        SearchSpace s = space != null ? space : WekaSpaces.load(WekaSpaces.defaultFor(train));
        checkSpaceFits(s, train, seed);
        EvaluationSettings settings = new EvaluationSettings(m, folds, holdout, cvSeed);
        try (WekaObjective objective = new WekaObjective(train, settings, memoryLimit)) {
            Sampler sampler = new CapableSampler(Engine.standard().sampler(algorithm), train);
            Minimize run = Hyperopt.minimize(s, objective).sampler(algorithm, sampler).maxEvals(maxEvals).seed(seed)
                    .parallelism(parallelism).study(study);
            if (store != null) run.store(store);
            if (timeout != null) run.timeout(timeout);
            if (trialTimeout != null) run.trialTimeout(trialTimeout);
            if (stop != null) run.stopSignal(stop);
            if (earlyStop > 0) run.earlyStop(earlyStop);
            if (!Double.isNaN(lossThreshold)) run.lossThreshold(lossThreshold);
            for (RunListener l : listeners) run.listener(l);
            result = run.run();
        }
        Trial b = result.best().orElseThrow(() -> new IllegalStateException("no trial finished ok: " + firstError(result)));
        return refit(b, train);
    }

    /**
     * Builds the pipeline of trial {@code best} (of a search run elsewhere, such as
     * {@code hyperopt weka tune}) on all of {@code train}: the model that {@link #testLoss},
     * {@link #saveModel} and {@link #commandLine} then use.
     */
    public WekaEstimator refit(Trial best, Instances train) throws Exception {
        this.best = Pipeline.of(best.config());
        Classifier c = this.best.newClassifier();
        c.buildClassifier(train);
        model = c;
        header = new Instances(train, 0);
        return this;
    }

    /**
     * Refuses a space none of whose learners can handle the data, before any trial runs: up to
     * 50 prior draws are built (not trained) and tested against the data's capabilities.
     *
     * @throws IllegalArgumentException with the reason the first draw gave
     */
    public static void checkSpaceFits(SearchSpace space, Instances data, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        String firstReason = null;
        for (int i = 0; i < 50; i++) {
            try {
                Pipeline p = Pipeline.of(SpaceEvaluator.evaluate(PriorSampler.sample(space, rng)));
                Pipeline.checkCapabilities(p.newClassifier(), data);
                return;
            } catch (IllegalArgumentException e) {
                if (firstReason == null) firstReason = e.getMessage();
            }
        }
        String kind = data.classAttribute().isNominal() ? "nominal" : "numeric";
        throw new IllegalArgumentException("the space does not fit this data set (" + kind + " class '"
                + data.classAttribute().name() + "'): " + firstReason);
    }

    private static String firstError(Result r) {
        return r.trials().stream().filter(t -> t.error() != null).map(Trial::error).findFirst().orElse("no trials ran");
    }

    private void requireFitted() {
        if (model == null) throw new IllegalStateException("call fit first");
    }

    /** The run: every trial, its loss or failure, the stop reason and time. */
    public Result result() {
        if (result == null) throw new IllegalStateException("call fit first");
        return result;
    }

    /** The best pipeline found. */
    public Pipeline bestPipeline() {
        requireFitted();
        return best;
    }

    /** The best trial's cross-validation loss. */
    public double bestLoss() {
        return result().best().orElseThrow().loss();
    }

    /** The best pipeline as a Weka command line. */
    public String commandLine() {
        return bestPipeline().commandLine();
    }

    /** The refitted classifier. */
    public Classifier classifier() {
        requireFitted();
        return model;
    }

    public double classifyInstance(Instance instance) throws Exception {
        return classifier().classifyInstance(instance);
    }

    public double[] distributionForInstance(Instance instance) throws Exception {
        return classifier().distributionForInstance(instance);
    }

    /** The refitted classifier evaluated on {@code test}, which must have the training data's attributes. */
    public Evaluation evaluate(Instances test) throws Exception {
        requireFitted();
        String mismatch = header.equalHeadersMsg(test);
        if (mismatch != null) throw new IllegalArgumentException("the test data do not match the training data: " + mismatch);
        Evaluation e = new Evaluation(header);
        e.evaluateModel(model, test);
        return e;
    }

    /** The tuned metric on {@code test}. */
    public double testLoss(Instances test) throws Exception {
        Evaluation e = evaluate(test);
        Metric m = metric != null ? metric : Metric.defaultFor(header.classAttribute().isNominal());
        return m.loss(e);
    }

    /** Writes the refitted classifier as a Weka {@code .model} file. */
    public void saveModel(Path file) throws Exception {
        requireFitted();
        try {
            ModelFiles.save(file, path -> WekaModels.write(model, path));
        } catch (IOException e) {
            throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
