package dev.hyperopt.weka;

import dev.hyperopt.weka.data.DataSets;
import dev.hyperopt.weka.objective.CrossValidation;
import dev.hyperopt.weka.objective.EvaluationSettings;
import dev.hyperopt.weka.objective.Metric;
import org.junit.jupiter.api.Test;
import weka.classifiers.Classifier;
import weka.classifiers.Evaluation;
import weka.classifiers.bayes.NaiveBayes;
import weka.classifiers.evaluation.NominalPrediction;
import weka.classifiers.rules.ZeroR;
import weka.classifiers.trees.J48;
import weka.classifiers.trees.REPTree;
import weka.core.Instances;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class CrossValidationTest {
    static final Instances IRIS = DataSets.withClass(DataSets.load("iris"), "last", "iris");

    @Test
    void everyMetricIsWekasEvaluationOfTheSameFolds() throws Exception {
        Evaluation e = new Evaluation(IRIS);
        e.crossValidateModel(new NaiveBayes(), IRIS, 5, new Random(3));
        assertThat(loss(new NaiveBayes(), Metric.ERROR_RATE)).isCloseTo(1 - e.pctCorrect() / 100, within(1e-12));
        assertThat(loss(new NaiveBayes(), Metric.AUC)).isCloseTo(1 - e.weightedAreaUnderROC(), within(1e-12));
        assertThat(loss(new NaiveBayes(), Metric.F1)).isCloseTo(1 - e.weightedFMeasure(), within(1e-12));
        assertThat(loss(new NaiveBayes(), Metric.RMSE)).isCloseTo(e.rootMeanSquaredError(), within(1e-12));
        assertThat(loss(new NaiveBayes(), Metric.MAE)).isCloseTo(e.meanAbsoluteError(), within(1e-12));
        // ZeroR gives every class 1/3 on balanced folds: the log loss is ln 3.
        assertThat(loss(new ZeroR(), Metric.LOG_LOSS)).isCloseTo(Math.log(3), within(1e-9));
        assertThat(loss(new NaiveBayes(), Metric.LOG_LOSS)).isBetween(0.0, 0.5);
    }

    @Test
    void foldByFoldItIsWekasCrossValidationAndEachFoldIsHeard() throws Exception {
        Evaluation e = new Evaluation(IRIS);
        e.crossValidateModel(new J48(), IRIS, 5, new Random(3));
        List<Integer> heard = new ArrayList<>();
        List<Double> losses = new ArrayList<>();
        CrossValidation.Score s = CrossValidation.evaluate(new J48(), IRIS, new EvaluationSettings(Metric.ERROR_RATE, 5, Double.NaN, 3),
                (fold, loss) -> {
                    heard.add(fold);
                    losses.add(loss);
                    return false;
                });
        assertThat(heard).containsExactly(1, 2, 3, 4, 5);
        // 30 rows per fold: the overall error is the mean of the folds'
        assertThat(losses.stream().mapToDouble(Double::doubleValue).average().orElseThrow()).isCloseTo(s.loss(), within(1e-12));
        assertThat(s.loss()).isCloseTo(1 - e.pctCorrect() / 100, within(1e-12));
        assertThat(s.stopped()).isFalse();
        // the out-of-fold predictions are Weka's, row for row
        assertThat(s.outOfFold().rows()).isEqualTo(150);
        for (int i = 0; i < 150; i++) {
            NominalPrediction p = (NominalPrediction) e.predictions().get(i);
            assertThat(s.outOfFold().distributions()[i]).containsExactly(p.distribution());
            assertThat(s.outOfFold().actual()[i]).isEqualTo((int) p.actual());
        }

        CrossValidation.Score stopped = CrossValidation.evaluate(new J48(), IRIS, new EvaluationSettings(Metric.ERROR_RATE, 5, Double.NaN, 3),
                (fold, loss) -> fold == 2);
        assertThat(stopped.stopped()).isTrue();
        assertThat(stopped.loss()).isNaN();
        assertThat(stopped.outOfFold()).isNull();
        assertThat(stopped.measures()).containsEntry("folds", 2);
    }

    @Test
    void aHoldoutScoresOneStratifiedSplit() throws Exception {
        CrossValidation.Score s = CrossValidation.evaluate(new J48(), IRIS, new EvaluationSettings(Metric.ERROR_RATE, 5, 0.2, 1));
        Instances[] parts = DataSets.split(IRIS, 0.2, 1);
        assertThat(parts[1].numInstances()).isEqualTo(30);
        for (int k = 0; k < 3; k++) {
            int inTest = 0;
            for (int i = 0; i < parts[1].numInstances(); i++) if (parts[1].instance(i).classValue() == k) inTest++;
            assertThat(inTest).isEqualTo(10);
        }
        J48 j = new J48();
        j.buildClassifier(parts[0]);
        Evaluation e = new Evaluation(parts[0]);
        e.evaluateModel(j, parts[1]);
        assertThat(s.loss()).isCloseTo(1 - e.pctCorrect() / 100, within(1e-12));
    }

    @Test
    void classificationMetricsNeedANominalClassAndLearnersTheirCapabilities() throws Exception {
        Instances cpu = DataSets.withClass(DataSets.read(TestData.path("cpu.arff")), "last", "cpu");
        assertThatThrownBy(() -> CrossValidation.evaluate(new REPTree(), cpu, EvaluationSettings.defaults(Metric.AUC)))
                .hasMessage("metric auc needs a nominal class");
        assertThatThrownBy(() -> CrossValidation.evaluate(new J48(), cpu, EvaluationSettings.defaults(Metric.RMSE)))
                .hasMessage("J48 cannot handle this data: Cannot handle numeric class!");
        assertThat(CrossValidation.evaluate(new REPTree(), cpu, EvaluationSettings.defaults(Metric.RMSE)).measures())
                .containsKeys("rmse", "mae", "seconds");
        assertThat(Metric.byId("1-AUC")).isEqualTo(Metric.AUC);
        assertThat(Metric.byId("log-loss")).isEqualTo(Metric.LOG_LOSS);
        assertThatThrownBy(() -> Metric.byId("speed")).hasMessageContaining("unknown metric 'speed'; choose one of error, auc");
    }

    private static double loss(Classifier c, Metric m) throws Exception {
        return CrossValidation.evaluate(c, IRIS, new EvaluationSettings(m, 5, Double.NaN, 3)).loss();
    }
}
