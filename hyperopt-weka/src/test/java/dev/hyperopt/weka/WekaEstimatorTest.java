package dev.hyperopt.weka;

import dev.hyperopt.engine.api.TrialState;
import dev.hyperopt.weka.data.DataSets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weka.classifiers.AbstractClassifier;
import weka.classifiers.Classifier;
import weka.classifiers.Evaluation;
import weka.core.Instances;
import weka.core.SerializationHelper;
import weka.core.Utils;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** One 20-trial tune on iris, and what a user does with its result. */
class WekaEstimatorTest {
    static Instances iris;
    static WekaEstimator est;

    @BeforeAll
    static void tune() throws Exception {
        iris = DataSets.withClass(DataSets.load("iris"), "last", "iris");
        est = new WekaEstimator().maxEvals(20).seed(1).trialTimeout(Duration.ofSeconds(60)).fit(iris);
    }

    @Test
    void twentyTrialsOnIrisReachNinetyFourPercentCvAccuracy() {
        assertThat(est.result().trials()).hasSize(20);
        assertThat(est.result().counts().get(TrialState.OK)).isGreaterThanOrEqualTo(15);
        assertThat(1 - est.bestLoss()).isGreaterThanOrEqualTo(0.94);
        assertThat(est.result().best().orElseThrow().attachments()).containsKeys("command", "accuracy", "seconds");
    }

    @Test
    void thePrintedCommandLineParsedByWekaGivesTheSameCvResult() throws Exception {
        String cmd = est.commandLine();
        assertThat(cmd).startsWith("weka.classifiers.");
        assertThat(est.result().best().orElseThrow().attachments().get("command")).isEqualTo(cmd);
        String[] parts = Utils.splitOptions(cmd);
        String name = parts[0];
        parts[0] = "";
        Classifier c = AbstractClassifier.forName(name, parts);
        Evaluation e = new Evaluation(iris);
        e.crossValidateModel(c, iris, 5, new Random(1));
        assertThat(1 - e.pctCorrect() / 100).isCloseTo(est.bestLoss(), within(1e-12));
    }

    @Test
    void theSavedModelLoadsAndPredictsTheSame(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sub/best.model");
        est.saveModel(file);
        Classifier loaded = (Classifier) SerializationHelper.read(file.toString());
        for (int i = 0; i < iris.numInstances(); i++) {
            assertThat(loaded.classifyInstance(iris.instance(i))).isEqualTo(est.classifyInstance(iris.instance(i)));
            assertThat(Arrays.equals(loaded.distributionForInstance(iris.instance(i)), est.distributionForInstance(iris.instance(i)))).isTrue();
        }
        Evaluation e = est.evaluate(iris);
        assertThat(e.numInstances()).isEqualTo(150);
        assertThat(est.testLoss(iris)).isCloseTo(1 - e.pctCorrect() / 100, within(1e-12));
    }
}
