package dev.hyperopt.engine.sample.tpe;

import dev.hyperopt.dsl.ir.Choice;
import dev.hyperopt.dsl.ir.Dist;
import dev.hyperopt.dsl.ir.Distribution;
import dev.hyperopt.dsl.ir.Hyperparameter;
import dev.hyperopt.dsl.ir.Param;

import java.util.Arrays;
import java.util.List;

/**
 * How the Parzen estimators see one hyperparameter. Numeric ones are modelled by normal
 * kernels in a working space ({@code y = log x} for the log distributions, {@code y = x}
 * otherwise) between {@code lo} and {@code hi} (infinite for the normal family), with
 * the prior as one kernel at {@code priorMu} of width {@code priorSigma}, as Hyperopt's
 * adaptive Parzen samplers put it (uniform: centre and full width; normal: its own mu
 * and sigma). Quantized ones score a value by the mass of its rounding bin. Choices and
 * randint are categoricals with prior probabilities {@code prior}.
 *
 * <p>uniformint(a, b) is modelled as a quantized uniform on [a - 1/2, b + 1/2] with
 * q = 1, so every integer owns a whole bin, as its prior in this engine gives every
 * integer the same mass (Hyperopt's uniformint is quniform(a, b, 1), whose end values
 * get half bins).
 */
public record Dimension(Kind kind, Distribution distribution, boolean log, double lo, double hi,
                        double priorMu, double priorSigma, double q, int categories, double[] prior,
                        long offset) {

    /** Hyperopt's EPS, the floor of values taken to the log. */
    public static final double EPS = 1e-12;

    public enum Kind {
        /** A density over a continuous range. */
        CONTINUOUS,
        /** Rounded to a multiple of q; scored by the mass of the rounding bin. */
        QUANTIZED,
        /** An option index (choices) or an integer offset by {@code offset} (randint). */
        CATEGORICAL
    }

    public static Dimension of(Hyperparameter h) {
        if (h instanceof Choice c) {
            List<Double> w = c.weights();
            double[] p = new double[w.size()];
            double sum = 0;
            for (int i = 0; i < p.length; i++) sum += w.get(i);
            for (int i = 0; i < p.length; i++) p[i] = w.get(i) / sum;
            return categorical(null, p, 0);
        }
        Distribution d = ((Param) h).distribution();
        Dist k = d.kind();
        double a = d.a();
        double b = d.b();
        switch (k) {
            case RANDINT: {
                int n = (int) (d.b() - d.a());
                double[] p = new double[n];
                Arrays.fill(p, 1.0 / n);
                return categorical(d, p, (long) a);
            }
            case UNIFORMINT:
                return new Dimension(Kind.QUANTIZED, d, false, a - 0.5, b + 0.5, 0.5 * (a + b), b - a + 1, 1.0, 0, null, 0);
            default:
                break;
        }
        Kind kind = k.isQuantized() ? Kind.QUANTIZED : Kind.CONTINUOUS;
        if (k.isBounded()) {
            double lo = k.isLog() ? Math.log(a) : a;
            double hi = k.isLog() ? Math.log(b) : b;
            return new Dimension(kind, d, k.isLog(), lo, hi, 0.5 * (lo + hi), hi - lo, d.q(), 0, null, 0);
        }
        return new Dimension(kind, d, k.isLog(), Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, a, b, d.q(), 0, null, 0);
    }

    private static Dimension categorical(Distribution d, double[] p, long offset) {
        return new Dimension(Kind.CATEGORICAL, d, false, 0, p.length, 0, 0, Double.NaN, p.length, p, offset);
    }

    public boolean isCategorical() {
        return kind == Kind.CATEGORICAL;
    }

    public boolean isQuantized() {
        return kind == Kind.QUANTIZED;
    }

    public boolean isBounded() {
        return Double.isFinite(lo);
    }

    /**
     * An observed value in working space. Log observations are floored as Hyperopt does:
     * qloguniform at its real-space low (a rounded 0 would otherwise be log 0), the others at EPS.
     */
    public double toWorking(double x) {
        if (kind == Kind.CATEGORICAL) return x - offset;
        if (!log) return x;
        double floor = distribution.kind() == Dist.QLOGUNIFORM ? Math.max(EPS, distribution.a()) : EPS;
        return Math.log(Math.max(x, floor));
    }

    /** A value drawn in working space, mapped back to a value of the hyperparameter. */
    public double fromWorking(double y) {
        double x = log ? Math.exp(y) : y;
        if (kind != Kind.QUANTIZED) return x;
        if (distribution.kind() == Dist.UNIFORMINT) {
            return Math.min(distribution.b(), Math.max(distribution.a(), Math.rint(x)));
        }
        return distribution.quantize(x);
    }

    /**
     * The lower end, in working space, of the rounding bin of value {@code x}, within the
     * support. In log space an end at or below 0 becomes log EPS, as in Hyperopt's
     * lognormal_cdf, which is also where observations of 0 are put.
     */
    public double binLow(double x) {
        double v = x - 0.5 * q;
        if (log) {
            if (isBounded()) v = Math.max(v, Math.exp(lo));
            return Math.log(Math.max(v, EPS));
        }
        return Math.max(v, lo);
    }

    /** The upper end, in working space, of the rounding bin of value {@code x}, within the support. */
    public double binHigh(double x) {
        double v = x + 0.5 * q;
        if (log) {
            if (isBounded()) v = Math.min(v, Math.exp(hi));
            return Math.log(Math.max(v, EPS));
        }
        return Math.min(v, hi);
    }
}
