package dev.hyperopt.suite.fidelity;

import dev.hyperopt.suite.Formulas;
import dev.hyperopt.suite.KeyedNoise;

import java.util.Map;

/**
 * The synthetic learning curves of {@code synthetic_hartmann}, with a known final loss: for
 * a point x of [0, 1]^6 and steps t = 1..T,
 *
 * <pre>
 * value(x, t) = f(x) + a(x) * t^-b(x) + noise * (T - t) / (T - 1) * eps(key(x), t)
 * f = the 6-D Hartmann function, a(x) = 0.5 + 2 * x0, b(x) = 0.3 + 1.2 * x1
 * key(x): h = 0; for i = 0..5: h = mix64(h ^ bits(x_i)); key = h >>> 32
 * eps = the suite's keyed standard normal ({@link KeyedNoise#stdNormal})
 * </pre>
 *
 * The final loss is the value at step T, where the noise is zero: {@code f(x) + a(x) * T^-b(x)}.
 * Curves cross: a point that starts low because it learns fast (large x1, small x0) can end
 * above one that starts high and learns slowly, and the noise early on misleads a little
 * more. {@code bits} is the IEEE-754 bit pattern of the double; the operation order is the
 * one written here, so that the Python twin ({@code optuna_anchor.py}) gives the same values.
 */
public final class SyntheticCurves implements CurveSource {
    private final int steps;
    private final double noise;

    /**
     * @param steps T, at least 2
     * @param noise the noise's standard deviation at step 1
     */
    public SyntheticCurves(int steps, double noise) {
        if (steps < 2) throw new IllegalArgumentException("synthetic curves need at least 2 steps, got " + steps);
        if (!(noise >= 0)) throw new IllegalArgumentException("noise must be >= 0, got " + noise);
        this.steps = steps;
        this.noise = noise;
    }

    @Override
    public Curve curve(Map<String, Object> params) {
        double[] x = new double[6];
        for (int i = 0; i < 6; i++) {
            Object v = params.get("x" + i);
            if (!(v instanceof Number n)) throw new IllegalArgumentException("synthetic curves need x0..x5, got " + params);
            x[i] = n.doubleValue();
        }
        return curve(x);
    }

    /** The curve at a point of [0, 1]^6. */
    public Curve curve(double[] x) {
        double f = Formulas.hartmann6(x);
        double a = 0.5 + 2.0 * x[0];
        double b = 0.3 + 1.2 * x[1];
        long key = key(x);
        double[] values = new double[steps];
        for (int t = 1; t <= steps; t++) {
            double scale = noise * (steps - t) / (steps - 1);
            values[t - 1] = f + a * Math.pow(t, -b) + scale * KeyedNoise.stdNormal(key, t);
        }
        return new Curve(values, f + a * Math.pow(steps, -b));
    }

    /** The noise key of a point: SplitMix64's mixer over the bits of its coordinates, top 32 bits. */
    static long key(double[] x) {
        long h = 0;
        for (double xi : x) h = KeyedNoise.mix64(h ^ Double.doubleToRawLongBits(xi));
        return h >>> 32;
    }
}
