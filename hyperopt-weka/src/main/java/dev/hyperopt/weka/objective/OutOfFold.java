package dev.hyperopt.weka.objective;

import weka.classifiers.evaluation.NominalPrediction;
import weka.classifiers.evaluation.Prediction;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A trial's out-of-fold predictions: the class distribution it gave each training row while
 * that row was held out, with the row's true class. Every trial of a search is scored on the
 * same folds, so row i is the same row in every trial's predictions; that is what ensemble
 * selection combines.
 *
 * @param distributions one class distribution per row, in the evaluation's order
 * @param actual        each row's true class index
 */
public record OutOfFold(double[][] distributions, int[] actual) {
    /** The attachment key under which the trial's process sends them; the objective takes it off. */
    static final String KEY = "out_of_fold";

    public OutOfFold {
        if (distributions.length != actual.length) {
            throw new IllegalArgumentException(distributions.length + " distributions for " + actual.length + " rows");
        }
    }

    public int rows() {
        return actual.length;
    }

    public int classes() {
        return distributions.length == 0 ? 0 : distributions[0].length;
    }

    /** The predictions a nominal-class evaluation kept, or null when it kept none. */
    static OutOfFold of(List<Prediction> predictions) {
        if (predictions == null || predictions.isEmpty()) return null;
        double[][] d = new double[predictions.size()][];
        int[] y = new int[predictions.size()];
        for (int i = 0; i < d.length; i++) {
            if (!(predictions.get(i) instanceof NominalPrediction p)) return null;
            d[i] = p.distribution().clone();
            y[i] = (int) p.actual();
        }
        return new OutOfFold(d, y);
    }

    /** As a JSON-ready attachment, probabilities rounded to 5 decimals to keep the line short. */
    Map<String, Object> toAttachment() {
        List<List<Double>> d = new ArrayList<>(distributions.length);
        for (double[] row : distributions) {
            List<Double> r = new ArrayList<>(row.length);
            for (double p : row) r.add(Math.round(p * 1e5) / 1e5);
            d.add(r);
        }
        List<Integer> y = new ArrayList<>(actual.length);
        for (int a : actual) y.add(a);
        return Map.of("distributions", d, "actual", y);
    }

    /** Reads {@link #toAttachment}'s form back, as the protocol's JSON gives it. */
    static OutOfFold fromAttachment(Object value) {
        if (!(value instanceof Map<?, ?> m) || !(m.get("distributions") instanceof List<?> d) || !(m.get("actual") instanceof List<?> y)) {
            throw new IllegalArgumentException("out-of-fold predictions need 'distributions' and 'actual' lists");
        }
        double[][] dist = new double[d.size()][];
        for (int i = 0; i < dist.length; i++) {
            List<?> row = (List<?>) d.get(i);
            dist[i] = new double[row.size()];
            for (int j = 0; j < row.size(); j++) dist[i][j] = ((Number) row.get(j)).doubleValue();
        }
        int[] actual = new int[y.size()];
        for (int i = 0; i < actual.length; i++) actual[i] = ((Number) y.get(i)).intValue();
        return new OutOfFold(dist, actual);
    }
}
