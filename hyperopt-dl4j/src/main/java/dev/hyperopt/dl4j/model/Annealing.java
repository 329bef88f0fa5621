package dev.hyperopt.dl4j.model;

/**
 * hyperopt-dbn's learning-rate schedule: constant for the first {@code start} updates, then
 * proportional to 1/t: {@code lr * min(1, start / (t + 1))} at update t (from 0).
 */
public record Annealing(double lr, double start) {

    public Annealing {
        if (!(lr > 0) || !Double.isFinite(lr)) throw new IllegalArgumentException("learning rate must be positive, got " + lr);
        if (!(start > 0)) throw new IllegalArgumentException("annealing start must be positive, got " + start);
    }

    public double at(long update) {
        return lr * Math.min(1.0, start / (update + 1.0));
    }
}
