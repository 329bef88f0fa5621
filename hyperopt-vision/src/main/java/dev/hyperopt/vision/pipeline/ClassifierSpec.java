package dev.hyperopt.vision.pipeline;

/**
 * The linear readout's hyperparameters: its loss, L2 strength, full-batch Adam iterations and
 * step size; whether features are standardized; and the variance threshold below which a
 * feature is dropped, relative to the mean variance of all features (0 keeps every feature).
 */
public record ClassifierSpec(Loss loss, double l2, int iterations, double learningRate, boolean standardize, double varianceThreshold) {
    /** Multinomial logistic regression, or a one-vs-rest linear SVM with squared hinge loss. */
    public enum Loss { SOFTMAX, SVM }

    public ClassifierSpec {
        if (loss == null) throw new IllegalArgumentException("the classifier needs a loss");
        if (!(l2 >= 0)) throw new IllegalArgumentException("L2 strength must be >= 0, got " + l2);
        if (iterations < 1) throw new IllegalArgumentException("iterations must be >= 1, got " + iterations);
        if (!(learningRate > 0)) throw new IllegalArgumentException("learning rate must be positive, got " + learningRate);
        if (!(varianceThreshold >= 0 && varianceThreshold < 1)) {
            throw new IllegalArgumentException("the variance threshold must be in [0, 1), got " + varianceThreshold);
        }
    }

    /** Standardized features, none dropped. */
    public ClassifierSpec(Loss loss, double l2, int iterations, double learningRate) {
        this(loss, l2, iterations, learningRate, true, 0);
    }
}
