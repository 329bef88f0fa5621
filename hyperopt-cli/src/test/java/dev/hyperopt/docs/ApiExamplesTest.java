package dev.hyperopt.docs;

import dev.hyperopt.dsl.HSpaceCompiler;
import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.dsl.ir.Spaces;
import dev.hyperopt.engine.api.Config;
import dev.hyperopt.engine.api.Objective;
import dev.hyperopt.engine.api.Outcome;
import dev.hyperopt.engine.api.Trial;
import dev.hyperopt.engine.api.TrialContext;
import dev.hyperopt.engine.api.TrialState;
import dev.hyperopt.engine.run.Hyperopt;
import dev.hyperopt.engine.run.Result;
import dev.hyperopt.engine.run.StopReason;
import dev.hyperopt.engine.run.Study;
import dev.hyperopt.engine.store.MemoryTrialStore;
import dev.hyperopt.engine.store.TrialStore;
import dev.hyperopt.report.HtmlReport;
import dev.hyperopt.nd4j.data.DataSplits;
import dev.hyperopt.vision.VisionFamily;
import dev.hyperopt.vision.convnet.ConvnetModel;
import dev.hyperopt.vision.data.ImageSources;
import dev.hyperopt.vision.data.ImageSplits;
import dev.hyperopt.vision.data.Images;
import dev.hyperopt.vision.objective.VisionObjective;
import dev.hyperopt.weka.WekaEstimator;
import dev.hyperopt.weka.data.DataSets;
import dev.hyperopt.weka.objective.Metric;
import weka.classifiers.Evaluation;
import weka.core.Instances;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Java examples of docs/api.md, compiled and run. {@code DocJavaSnippetsTest} checks that
 * every {@code java} block of the documentation is a run of lines of this file (or of the
 * example family's sources), so the page shows code that compiles and works.
 */
class ApiExamplesTest {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void minimizeAFunction() {
        // tag::minimize[]
        SearchSpace space = Spaces.space(Spaces.dict()
                .put("x", Spaces.uniform(-5, 10))
                .put("y", Spaces.uniform(0, 15))
                .build());

        Result result = Hyperopt.minimize(space, ctx -> {
            double x = ctx.config().getDouble("x");
            double y = ctx.config().getDouble("y");
            return Outcome.ok((x - 2) * (x - 2) + (y - 3) * (y - 3));
        }).algorithm("tpe").maxEvals(100).seed(1).run();

        Trial best = result.best().orElseThrow();
        System.err.println("best loss " + best.loss() + " at " + best.config());
        // end::minimize[]
        assertThat(result.trials()).hasSize(100);
        assertThat(best.loss()).isLessThan(1.0);
        assertThat(best.config().getDouble("x")).isBetween(1.0, 3.0);
    }

    @Test
    void compileASpaceFile() {
        // tag::compile[]
        SearchSpace space = new HSpaceCompiler().compile("mlp.hspace", """
                space = {
                  lr: loguniform(1e-5, 1e-1),
                  layers: uniformint(1, 4),
                  optimizer: choice {
                    sgd:  { momentum: uniform(0.0, 0.99) },
                    adam: { beta1: uniform(0.8, 0.999) },
                  },
                }
                """).orThrow();
        // end::compile[]
        assertThat(space.labels()).containsExactly("lr", "layers", "optimizer", "optimizer.sgd.momentum", "optimizer.adam.beta1");
    }

    // tag::objective[]
    /** Reads the configuration by path; fails the trial instead of returning a meaningless loss. */
    static final class TrainingObjective implements Objective {
        @Override
        public Outcome evaluate(TrialContext ctx) {
            Config c = ctx.config();
            double lr = c.getDouble("lr");
            int layers = c.getInt("layers");
            String optimizer = c.branch("optimizer");              // "sgd" or "adam"
            double extra = optimizer.equals("sgd")
                    ? c.getDouble("optimizer.sgd.momentum")
                    : c.getDouble("optimizer.adam.beta1");
            if (lr > 0.05 && optimizer.equals("sgd")) {
                return Outcome.fail("diverged");                   // recorded with its reason
            }
            ctx.checkCancelled();                                  // stop early when the trial is past its time
            double loss = Math.abs(Math.log10(lr) + 3) + 0.1 * layers + 0.01 * extra;
            return Outcome.ok(loss, Map.of("accuracy", 1 - loss / 10));
        }
    }
    // end::objective[]

    @Test
    void runWithEveryOption() throws Exception {
        SearchSpace space = new HSpaceCompiler().compile("mlp.hspace", """
                space = {
                  lr: loguniform(1e-5, 1e-1),
                  layers: uniformint(1, 4),
                  optimizer: choice {
                    sgd:  { momentum: uniform(0.0, 0.99) },
                    adam: { beta1: uniform(0.8, 0.999) },
                  },
                }
                """).orThrow();
        // tag::options[]
        Result result = Hyperopt.minimize(space, new TrainingObjective())
                .algorithm("tpe")                   // or "rand", "anneal"
                .maxEvals(60)                       // trials in the study, failed ones included
                .seed(42)                           // same seed, same trials
                .parallelism(2)                     // trials evaluated side by side
                .timeout(Duration.ofMinutes(10))    // for the whole run
                .trialTimeout(Duration.ofSeconds(30))
                .earlyStop(40)                      // stop after 40 trials without improvement
                .lossThreshold(0.0)                 // stop once a loss is this good
                .pointsToEvaluate(List.of(Map.of("lr", 1e-3, "layers", 2L, "optimizer", "adam", "optimizer.adam.beta1", 0.9)))
                .run();

        System.err.printf("%d trials, %d failed, stopped: %s%n", result.trials().size(),
                result.counts().get(TrialState.FAIL), result.stopReason().description());
        // end::options[]
        assertThat(result.trials().get(0).labels()).containsEntry("optimizer", "adam");
        assertThat(result.stopReason()).isIn(StopReason.MAX_EVALS, StopReason.EARLY_STOP);
        assertThat(result.best().orElseThrow().attachments()).containsKey("accuracy");

        // tag::report[]
        HtmlReport.of(result, space).write(dir.resolve("report.html"));
        // end::report[]
        assertThat(Files.readString(dir.resolve("report.html"))).contains("id=\"report-data\"");
    }

    /** A learning curve that levels off at the trial's final loss: what a training loop would see per epoch. */
    static double validationError(Config config, int epoch) {
        double x = config.getDouble("x");
        return x * x + 1.0 / epoch;
    }

    @Test
    void stopPoorTrialsEarly() {
        SearchSpace space = Spaces.space(Spaces.dict().put("x", Spaces.uniform(-3, 3)).build());
        // tag::prune[]
        Result result = Hyperopt.minimize(space, ctx -> {
            double error = Double.NaN;
            for (int epoch = 1; epoch <= 20; epoch++) {
                error = validationError(ctx.config(), epoch);
                ctx.report(epoch, error);                  // recorded with the trial
                if (ctx.shouldPrune()) return Outcome.pruned();
            }
            return Outcome.ok(error);
        }).pruner("asha:min_resource=1,reduction_factor=3").maxEvals(60).seed(1).run();

        System.err.printf("%d pruned of %d%n", result.counts().get(TrialState.PRUNED), result.trials().size());
        // end::prune[]
        assertThat(result.counts().get(TrialState.PRUNED)).isPositive();
        assertThat(result.best().orElseThrow().intermediate()).hasSize(20);
        assertThat(result.best().orElseThrow().loss()).isLessThan(0.2);
    }

    @Test
    void askAndTell() {
        SearchSpace space = Spaces.space(Spaces.dict().put("x", Spaces.uniform(-3, 3)).build());
        // tag::ask[]
        Study study = Hyperopt.study(space).name("by-hand").pruner("median").seed(5).open();
        study.enqueue(Map.of("x", 0.5));                  // a configuration known to be good: tried first
        for (int i = 0; i < 30; i++) {
            TrialContext trial = study.ask();
            Outcome outcome = null;
            for (int epoch = 1; epoch <= 10 && outcome == null; epoch++) {
                trial.report(epoch, validationError(trial.config(), epoch));
                if (trial.shouldPrune()) outcome = Outcome.pruned();
            }
            study.tell(trial.trial(), outcome != null ? outcome : Outcome.ok(validationError(trial.config(), 10)));
        }
        System.err.println("best: " + study.best().orElseThrow().labels());
        // end::ask[]
        assertThat(study.trials()).hasSize(30).allMatch(Trial::isFinished);
        assertThat(study.trials().get(0).labels()).isEqualTo(Map.of("x", 0.5));
        assertThat(study.best().orElseThrow().loss()).isLessThan(0.5);
    }

    @Test
    void resumeAStudyFromAStore() {
        SearchSpace space = Spaces.space(Spaces.dict().put("x", Spaces.uniform(-1, 1)).build());
        Objective objective = ctx -> Outcome.ok(ctx.config().getDouble("x") * ctx.config().getDouble("x"));
        // tag::store[]
        try (TrialStore store = new MemoryTrialStore()) {
            Hyperopt.minimize(space, objective).store(store).study("demo").maxEvals(20).seed(3).run();
            // Later, or after a crash: the same store and study go on from trial 20.
            Result more = Hyperopt.minimize(space, objective).store(store).study("demo").maxEvals(50).seed(3).run();
            System.err.println(more.trials().size() + " trials in study demo");
        }
        // end::store[]
        try (TrialStore store = new MemoryTrialStore()) {
            Hyperopt.minimize(space, objective).store(store).study("demo").maxEvals(20).seed(3).run();
            Result more = Hyperopt.minimize(space, objective).store(store).study("demo").maxEvals(50).seed(3).run();
            assertThat(more.trials()).hasSize(50);
            assertThat(store.trials("demo")).hasSize(50);
        }
    }

    @Test
    void buildTheQuickstartSpaceInJava() {
        // tag::spaces[]
        var lr = Spaces.let("lr", Spaces.loguniform(1e-5, 1e-1));
        SearchSpace space = Spaces.space(Spaces.dict()
                .put("learning_rate", lr)
                .put("batch_size", Spaces.pow(2, Spaces.randint(4, 9)))
                .put("units", Spaces.asInt(Spaces.quniform(16, 512, 16)))
                .put("layers", Spaces.choice(1, 2, 3))
                .put("optimizer", Spaces.namedChoice()
                        .branch("sgd", Spaces.dict().put("nesterov", Spaces.choice(true, false)))
                        .branch("adam", Spaces.dict().put("beta1", Spaces.uniform(0.8, 0.999))))
                .put("dropout", Spaces.pchoice(Spaces.p(0.3, 0.0), Spaces.p(0.7, Spaces.uniform(0.1, 0.5))))
                .build());
        // end::spaces[]
        SearchSpace same = new HSpaceCompiler().compile("q.hspace", """
                let lr = loguniform(1e-5, 1e-1)
                space = {
                  learning_rate: lr,
                  batch_size: 2 ** randint(4, 9),
                  units: quniform(16, 512, 16) as int,
                  layers: choice(1, 2, 3),
                  optimizer: choice {
                    sgd: { nesterov: choice(true, false) },
                    adam: { beta1: uniform(0.8, 0.999) },
                  },
                  dropout: pchoice(0.3: 0.0, 0.7: uniform(0.1, 0.5)),
                }
                """).orThrow();
        assertThat(dev.hyperopt.engine.store.SpaceFingerprint.of(space)).isEqualTo(dev.hyperopt.engine.store.SpaceFingerprint.of(same));
    }

    @Test
    void tuneAWekaPipeline() throws Exception {
        // tag::weka[]
        Instances data = DataSets.withClass(DataSets.load("iris"), "last", "iris");
        Instances[] parts = DataSets.split(data, 0.3, 1);          // stratified 70/30

        WekaEstimator est = new WekaEstimator()
                .maxEvals(10).seed(1)                               // TPE by default
                .metric(Metric.ERROR_RATE).folds(5)                 // or .holdout(0.2)
                .trialTimeout(Duration.ofMinutes(2)).memoryLimit("1g");
        est.fit(parts[0]);                                          // tune, then refit on all of parts[0]

        double cv = est.bestLoss();                                 // the best trial's CV loss
        double test = est.testLoss(parts[1]);                       // the same metric on the test set
        Evaluation e = est.evaluate(parts[1]);                      // Weka's full evaluation
        double label = est.classifyInstance(parts[1].instance(0));
        double[] p = est.distributionForInstance(parts[1].instance(0));
        String cmd = est.commandLine();                             // the best pipeline for Weka
        est.saveModel(dir.resolve("iris.model"));                   // SerializationHelper format
        Result run = est.result();                                  // every trial, as hyperopt tune reports them
        // end::weka[]
        assertThat(run.trials()).hasSize(10);
        assertThat(cv).isLessThan(0.1);
        assertThat(test).isEqualTo(1 - e.pctCorrect() / 100);
        assertThat(label).isIn(0.0, 1.0, 2.0);
        assertThat(p).hasSize(3);
        assertThat(cmd).startsWith("weka.classifiers.");
        assertThat(weka.core.SerializationHelper.read(dir.resolve("iris.model").toString())).isInstanceOf(weka.classifiers.Classifier.class);
    }

    @Test
    void fitSaveAndLoadAConvnetPipeline() throws Exception {
        SearchSpace space = new HSpaceCompiler().compile("convnet", new VisionFamily().spaceText("convnet")).orThrow();
        ImageSplits data = ImageSources.open("rectangles", new DataSplits.Sizes(200, 100, 100), 0);
        Result search = Hyperopt.minimize(space, new VisionObjective(data)).algorithm("rand").maxEvals(8).seed(1).run();
        Config config = search.best().orElseThrow().config();
        Images train = data.train();
        INDArray pixels = data.test().pixels();
        Path dir = this.dir.resolve("convnet-model");
        // tag::convnet[]
        ConvnetModel m = ConvnetModel.fit(config, train);   // config: a configuration of the convnet space; train: Images
        int[] classes = m.predict(pixels);                  // pixels: [n, channels, height, width] in [0, 1]
        m.save(dir);
        ConvnetModel same = ConvnetModel.load(dir);         // predicts exactly as m
        // end::convnet[]
        assertThat(classes).hasSize(100);
        assertThat(same.predict(pixels)).containsExactly(classes);
        assertThat(dir.resolve("model.json")).exists();
    }
}
