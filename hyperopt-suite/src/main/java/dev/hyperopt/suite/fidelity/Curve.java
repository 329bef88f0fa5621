package dev.hyperopt.suite.fidelity;

import java.util.Arrays;

/**
 * What one configuration of a multi-fidelity problem reports: its value after each step
 * ({@code values[t - 1]} at step t) and the loss it ends with when it runs every step.
 */
public record Curve(double[] values, double finalLoss) {

    public Curve {
        values = values.clone();
        if (values.length == 0) throw new IllegalArgumentException("a curve needs at least one step");
    }

    /** The value reported at step {@code t}, 1-based. */
    public double at(int t) {
        return values[t - 1];
    }

    public int steps() {
        return values.length;
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    @Override
    public String toString() {
        return "Curve" + Arrays.toString(values) + " -> " + finalLoss;
    }
}
