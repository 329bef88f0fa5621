package dev.hyperopt.engine.sample.tpe;

import java.util.Arrays;

/**
 * Hyperopt's linear forgetting: with more than {@code lf} observations, the most recent
 * {@code lf} keep weight 1 and the older ones ramp linearly from 1/n (the oldest) up
 * towards 1, so that old, early-exploration trials count less.
 */
public final class LinearForgetting {
    private LinearForgetting() {}

    /** Weights of {@code n} observations in trial order (Hyperopt's linear_forgetting_weights). */
    public static double[] weights(int n, int lf) {
        double[] w = new double[n];
        Arrays.fill(w, 1.0);
        if (lf <= 0 || n <= lf) return w;
        int ramp = n - lf;
        double start = 1.0 / n;
        if (ramp == 1) {
            w[0] = start;
        } else {
            double step = (1.0 - start) / (ramp - 1);
            for (int i = 0; i < ramp; i++) w[i] = start + i * step;
            w[ramp - 1] = 1.0;
        }
        return w;
    }
}
