package dev.hyperopt.weka.objective;

import dev.hyperopt.weka.Pipeline;
import dev.hyperopt.weka.data.DataSets;
import weka.classifiers.AbstractClassifier;
import weka.classifiers.Classifier;
import weka.classifiers.Evaluation;
import weka.core.Instances;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/** Scores a classifier on training data as {@link EvaluationSettings} say. */
public final class CrossValidation {
    private CrossValidation() {}

    /**
     * A loss and the other measures worth keeping next to it.
     *
     * @param outOfFold the held-out predictions, for a nominal class (null otherwise)
     */
    public record Score(double loss, Map<String, Object> measures, OutOfFold outOfFold) {}

    /**
     * Cross-validates (or holds out) a copy of {@code template}; the template itself is not trained.
     *
     * @throws IllegalArgumentException when the classifier cannot handle the data or the metric the class
     * @throws Exception                what Weka throws while training
     */
    public static Score evaluate(Classifier template, Instances data, EvaluationSettings s) throws Exception {
        if (s.metric().nominalOnly() && !data.classAttribute().isNominal()) {
            throw new IllegalArgumentException("metric " + s.metric().id() + " needs a nominal class");
        }
        Pipeline.checkCapabilities(template, data);
        Evaluation eval = new Evaluation(data);
        long start = System.nanoTime();
        if (s.isHoldout()) {
            Instances[] parts = DataSets.split(data, s.holdout(), s.seed());
            Classifier c = AbstractClassifier.makeCopy(template);
            c.buildClassifier(parts[0]);
            eval = new Evaluation(parts[0]);
            eval.evaluateModel(c, parts[1]);
        } else {
            int folds = Math.min(s.folds(), data.numInstances());
            if (folds < 2) throw new IllegalArgumentException("too few rows (" + data.numInstances() + ") for cross-validation");
            eval.crossValidateModel(AbstractClassifier.makeCopy(template), data, folds, new Random(s.seed()));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double loss = s.metric().loss(eval);
        Map<String, Object> m = new LinkedHashMap<>();
        if (data.classAttribute().isNominal()) {
            m.put("accuracy", round(eval.pctCorrect() / 100));
        } else {
            m.put("rmse", round(eval.rootMeanSquaredError()));
            m.put("mae", round(eval.meanAbsoluteError()));
        }
        m.put("seconds", round(seconds));
        return new Score(loss, m, data.classAttribute().isNominal() ? OutOfFold.of(eval.predictions()) : null);
    }

    private static double round(double d) {
        return Double.isFinite(d) ? Math.round(d * 1e6) / 1e6 : d;
    }
}
