package dev.hyperopt.weka.objective;

import dev.hyperopt.weka.Pipeline;
import dev.hyperopt.weka.data.DataSets;
import weka.classifiers.AbstractClassifier;
import weka.classifiers.Classifier;
import weka.classifiers.Evaluation;
import weka.classifiers.evaluation.NominalPrediction;
import weka.classifiers.evaluation.Prediction;
import weka.core.Instances;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Scores a classifier on training data as {@link EvaluationSettings} say. */
public final class CrossValidation {
    private CrossValidation() {}

    /**
     * A loss and the other measures worth keeping next to it.
     *
     * @param loss      NaN when the evaluation was stopped after a fold
     * @param outOfFold the held-out predictions, for a nominal class (null otherwise, or when stopped)
     * @param stopped   whether the listener stopped it before the last fold
     */
    public record Score(double loss, Map<String, Object> measures, OutOfFold outOfFold, boolean stopped) {}

    /** Hears the loss of each fold on its own, and may stop the evaluation there (a pruned trial). */
    @FunctionalInterface
    public interface FoldListener {
        FoldListener NONE = (fold, loss) -> false;

        /** @return true to stop after this fold */
        boolean afterFold(int fold, double foldLoss) throws Exception;
    }

    public static Score evaluate(Classifier template, Instances data, EvaluationSettings s) throws Exception {
        return evaluate(template, data, s, FoldListener.NONE);
    }

    /**
     * Cross-validates (or holds out) a copy of {@code template}; the template itself is not trained.
     *
     * @throws IllegalArgumentException when the classifier cannot handle the data or the metric the class
     * @throws Exception                what Weka throws while training
     */
    /**
     * As {@link #evaluate(Classifier, Instances, EvaluationSettings)}, telling {@code folds} the
     * loss of each fold (1, 2, ...) as it is done. Cross-validation runs fold by fold exactly as
     * Weka's {@code Evaluation.crossValidateModel} does (same order, folds and predictions).
     */
    public static Score evaluate(Classifier template, Instances data, EvaluationSettings s, FoldListener folds) throws Exception {
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
            int k = Math.min(s.folds(), data.numInstances());
            if (k < 2) throw new IllegalArgumentException("too few rows (" + data.numInstances() + ") for cross-validation");
            Random random = new Random(s.seed());
            Instances shuffled = new Instances(data);
            shuffled.randomize(random);
            if (shuffled.classAttribute().isNominal()) shuffled.stratify(k);
            for (int i = 0; i < k; i++) {
                Instances train = shuffled.trainCV(k, i, random);
                eval.setPriors(train);
                Classifier c = AbstractClassifier.makeCopy(template);
                c.buildClassifier(train);
                Instances test = shuffled.testCV(k, i);
                int before = eval.predictions() == null ? 0 : eval.predictions().size();
                eval.evaluateModel(c, test);
                if (folds != FoldListener.NONE && folds.afterFold(i + 1, foldLoss(s.metric(), train, test, eval, before)) && i + 1 < k) {
                    return new Score(Double.NaN, Map.of("seconds", round((System.nanoTime() - start) / 1e9), "folds", i + 1), null, true);
                }
            }
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
        return new Score(loss, m, data.classAttribute().isNominal() ? OutOfFold.of(eval.predictions()) : null, false);
    }

    /** The metric on one fold alone, from the predictions the whole evaluation recorded for it (no second prediction). */
    private static double foldLoss(Metric metric, Instances train, Instances test, Evaluation all, int from) throws Exception {
        Evaluation fold = new Evaluation(train);
        List<Prediction> p = all.predictions();
        for (int j = 0; j < test.numInstances(); j++) {
            Prediction q = p.get(from + j);
            double[] dist = q instanceof NominalPrediction n ? n.distribution() : new double[]{q.predicted()};
            fold.evaluationForSingleInstance(dist, test.instance(j), true);
        }
        return metric.loss(fold);
    }

    private static double round(double d) {
        return Double.isFinite(d) ? Math.round(d * 1e6) / 1e6 : d;
    }
}
