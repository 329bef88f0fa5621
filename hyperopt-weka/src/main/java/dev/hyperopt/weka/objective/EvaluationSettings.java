package dev.hyperopt.weka.objective;

import java.util.Objects;

/**
 * How a trial scores a pipeline on the training data: stratified k-fold cross-validation
 * ({@code holdout} NaN) or one stratified holdout split, with a fixed seed so that every
 * trial is scored on the same folds, and the loss to report.
 */
public record EvaluationSettings(Metric metric, int folds, double holdout, long seed) {

    public EvaluationSettings {
        Objects.requireNonNull(metric, "metric");
        if (Double.isNaN(holdout)) {
            if (folds < 2) throw new IllegalArgumentException("cross-validation needs at least 2 folds, got " + folds);
        } else if (!(holdout > 0 && holdout < 1)) {
            throw new IllegalArgumentException("holdout fraction must be in (0, 1), got " + holdout);
        }
    }

    /** 5-fold cross-validation with seed 1. */
    public static EvaluationSettings defaults(Metric metric) {
        return new EvaluationSettings(metric, 5, Double.NaN, 1);
    }

    public boolean isHoldout() {
        return !Double.isNaN(holdout);
    }

    public String describe() {
        return isHoldout() ? "holdout " + holdout : folds + "-fold CV";
    }
}
