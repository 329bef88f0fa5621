package dev.hyperopt.vision.pipeline;

/**
 * The linear readout's hyperparameters: its loss, L2 strength, full-batch Adam iterations and
 * step size.
 */
public record ClassifierSpec(Loss loss, double l2, int iterations, double learningRate) {
    /** Multinomial logistic regression, or a one-vs-rest linear SVM with squared hinge loss. */
    public enum Loss { SOFTMAX, SVM }

    public ClassifierSpec {
        if (loss == null) throw new IllegalArgumentException("the classifier needs a loss");
        if (!(l2 >= 0)) throw new IllegalArgumentException("L2 strength must be >= 0, got " + l2);
        if (iterations < 1) throw new IllegalArgumentException("iterations must be >= 1, got " + iterations);
        if (!(learningRate > 0)) throw new IllegalArgumentException("learning rate must be positive, got " + learningRate);
    }
}
