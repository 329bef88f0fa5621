package dev.hyperopt.engine.testing;

import org.apache.commons.math3.distribution.ChiSquaredDistribution;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.DoubleUnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Goodness-of-fit checks for seeded samples. Samples are seeded, so a check either always
 * passes or always fails; the thresholds (p above 1e-4, five standard errors) leave room
 * for an honest sampler while a wrong formula misses by orders of magnitude.
 */
public final class Stats {
    private Stats() {}

    public static double mean(double[] xs) {
        double s = 0;
        for (double x : xs) s += x;
        return s / xs.length;
    }

    /** The sample standard deviation. */
    public static double sd(double[] xs) {
        double m = mean(xs);
        double s = 0;
        for (double x : xs) s += (x - m) * (x - m);
        return Math.sqrt(s / (xs.length - 1));
    }

    public static double[] log(double[] xs) {
        double[] out = new double[xs.length];
        for (int i = 0; i < xs.length; i++) out[i] = Math.log(xs[i]);
        return out;
    }

    /** Mean within five standard errors of {@code expected}, for a population of sd {@code sigma}. */
    public static void assertMean(double[] xs, double expected, double sigma) {
        double tol = 5 * sigma / Math.sqrt(xs.length);
        assertThat(mean(xs)).as("sample mean").isCloseTo(expected, org.assertj.core.data.Offset.offset(tol));
    }

    /** Standard deviation within five standard errors (normal approximation: sigma / sqrt(2n)). */
    public static void assertSd(double[] xs, double expected) {
        double tol = 5 * expected / Math.sqrt(2.0 * xs.length);
        assertThat(sd(xs)).as("sample sd").isCloseTo(expected, org.assertj.core.data.Offset.offset(tol));
    }

    /** Every sample in [lo, hi]. */
    public static void assertWithin(double[] xs, double lo, double hi) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double x : xs) {
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        assertThat(min).as("smallest sample").isGreaterThanOrEqualTo(lo);
        assertThat(max).as("largest sample").isLessThanOrEqualTo(hi);
    }

    /** How often each distinct value occurs (-0.0, which rounding gives as numpy does, counts as 0.0). */
    public static Map<Double, Integer> counts(double[] xs) {
        Map<Double, Integer> m = new TreeMap<>();
        for (double x : xs) m.merge(x + 0.0, 1, Integer::sum);
        return m;
    }

    /**
     * Chi-square test of counts against expected probabilities: every observed value must be
     * expected, and the p-value must exceed 1e-4. Expected cells below 5 are pooled.
     */
    public static void assertFrequencies(double[] xs, Map<Double, Double> probabilities) {
        Map<Double, Integer> counts = counts(xs);
        assertThat(probabilities.keySet()).as("values seen").containsAll(counts.keySet());
        double total = 0;
        for (double p : probabilities.values()) total += p;
        assertThat(total).as("probabilities sum to 1").isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        double n = xs.length;
        double chi = 0;
        int cells = 0;
        double pooledObs = 0;
        double pooledExp = 0;
        for (Map.Entry<Double, Double> e : probabilities.entrySet()) {
            double exp = e.getValue() * n;
            double obs = counts.getOrDefault(e.getKey(), 0);
            if (exp < 5) {
                pooledObs += obs;
                pooledExp += exp;
                continue;
            }
            chi += (obs - exp) * (obs - exp) / exp;
            cells++;
        }
        if (pooledExp >= 5) {
            chi += (pooledObs - pooledExp) * (pooledObs - pooledExp) / pooledExp;
            cells++;
        } else {
            assertThat(pooledObs).as("values in rare cells").isLessThanOrEqualTo(Math.max(10, 10 * pooledExp));
        }
        assertPValue(chi, cells - 1);
    }

    /** Chi-square test of continuous samples against a CDF over {@code bins} equal-probability bins. */
    public static void assertCdf(double[] xs, DoubleUnaryOperator cdf, int bins) {
        long[] counts = new long[bins];
        for (double x : xs) {
            int b = (int) Math.floor(cdf.applyAsDouble(x) * bins);
            counts[Math.min(Math.max(b, 0), bins - 1)]++;
        }
        double exp = (double) xs.length / bins;
        double chi = 0;
        for (long c : counts) chi += (c - exp) * (c - exp) / exp;
        assertPValue(chi, bins - 1);
    }

    private static void assertPValue(double chi, int df) {
        double p = 1 - new ChiSquaredDistribution(df).cumulativeProbability(chi);
        assertThat(p).as("chi-square p-value (chi2 = %.1f, df = %d)", chi, df).isGreaterThan(1e-4);
    }
}
