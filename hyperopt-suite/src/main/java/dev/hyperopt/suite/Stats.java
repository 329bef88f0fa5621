package dev.hyperopt.suite;

import java.util.Arrays;

/**
 * Summary of one number over seeds, as the reference results give it: the standard error
 * is the sample standard deviation (n - 1) over sqrt(n); the median of an even count is the
 * mean of the middle two.
 */
public record Stats(int n, double mean, double median, double se, double min, double max) {

    public static Stats of(double[] xs) {
        int n = xs.length;
        if (n == 0) return new Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        double[] s = xs.clone();
        Arrays.sort(s);
        double sum = 0;
        for (double x : s) sum += x;
        double mean = sum / n;
        double ss = 0;
        for (double x : s) ss += (x - mean) * (x - mean);
        double se = n > 1 ? Math.sqrt(ss / (n - 1)) / Math.sqrt(n) : 0.0;
        double median = n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
        return new Stats(n, mean, median, se, s[0], s[n - 1]);
    }
}
