package dev.hyperopt.vision.pipeline;

/** The softmax readout's hyperparameters: L2 strength, full-batch Adam iterations and step size. */
public record ClassifierSpec(double l2, int iterations, double learningRate) {
    public ClassifierSpec {
        if (!(l2 >= 0)) throw new IllegalArgumentException("L2 strength must be >= 0, got " + l2);
        if (iterations < 1) throw new IllegalArgumentException("iterations must be >= 1, got " + iterations);
        if (!(learningRate > 0)) throw new IllegalArgumentException("learning rate must be positive, got " + learningRate);
    }
}
