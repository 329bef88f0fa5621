package dev.hyperopt.engine.prune;

import org.apache.commons.math3.special.Erf;
import org.apache.commons.math3.stat.ranking.NaNStrategy;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;

import java.util.Arrays;

/**
 * The one-sided Wilcoxon signed-rank test that Optuna's WilcoxonPruner runs, as SciPy's
 * {@code wilcoxon(d, alternative="greater", zero_method="zsplit")} computes it: the statistic
 * is the rank sum of the positive differences plus half that of the zero ones; the p-value
 * is exact for up to 50 differences without ties or zeros, exact over the 2^n sign flips for up
 * to 13 differences with them, and from the normal approximation with the tie correction
 * otherwise. Commons Math's {@code WilcoxonSignedRank} is two-sided, counts zero
 * differences as negative, and gets its exact p-value by enumerating 2^n sign patterns; this
 * counts the same distribution, on its shorter side, in at most O(n^3) steps instead.
 */
final class SignedRank {
    private static final NaturalRanking RANKING = new NaturalRanking(NaNStrategy.FAILED, TiesStrategy.AVERAGE);

    private SignedRank() {}

    /** The p-value of "the differences tend to be positive" against "they are symmetric about 0". */
    static double greaterPValue(double[] differences) {
        int n = differences.length;
        if (n == 0) return Double.NaN;
        double[] magnitudes = new double[n];
        for (int i = 0; i < n; i++) magnitudes[i] = Math.abs(differences[i]);
        double[] ranks = RANKING.rank(magnitudes);

        // Ranks are whole or halves, so doubled they are exact integers.
        int positive2 = 0;
        int zero2 = 0;
        int nonZero = 0;
        for (int i = 0; i < n; i++) {
            if (differences[i] > 0) positive2 += (int) (2 * ranks[i]);
            else if (differences[i] == 0) zero2 += (int) (2 * ranks[i]);
            if (differences[i] != 0) nonZero++;
        }
        double tieTerm = tieTerm(magnitudes);
        boolean tiesOrZeros = tieTerm > 0 || nonZero < n;
        if ((n <= 50 && !tiesOrZeros) || n <= 13) return exactUpperTail(differences, ranks, positive2, nonZero);

        double rPlus = (positive2 + zero2 / 2.0) / 2;
        double mean = n * (n + 1) / 4.0;
        double variance = (n * (n + 1.0) * (2 * n + 1) - tieTerm / 2) / 24;
        if (variance <= 0) return Double.NaN;
        double z = (rPlus - mean) / Math.sqrt(variance);
        return 0.5 * Erf.erfc(z / Math.sqrt(2));
    }

    /**
     * P(rank sum of the positive differences >= observed) when each non-zero difference is
     * positive or negative with probability 1/2: zero differences contribute the same half of
     * their ranks to every sign pattern, so they drop out of the comparison.
     */
    private static double exactUpperTail(double[] differences, double[] ranks, int observedPositive2, int nonZero) {
        int[] weights = new int[nonZero];
        int total = 0;
        for (int i = 0, k = 0; i < differences.length; i++) {
            if (differences[i] == 0) continue;
            weights[k++] = (int) (2 * ranks[i]);
            total += weights[k - 1];
        }
        // The null distribution is symmetric: P(S >= x) = P(S <= total - x). Count the shorter
        // side, so a clearly worse trial (x near total) costs next to nothing.
        int below = total - observedPositive2;
        if (below <= observedPositive2 - 1) return Math.scalb(patternsAtMost(weights, below), -nonZero);
        return 1 - Math.scalb(patternsAtMost(weights, observedPositive2 - 1), -nonZero);
    }

    /** How many subsets of {@code weights} sum to at most {@code limit} (at most 2^50: exact in a double). */
    private static double patternsAtMost(int[] weights, int limit) {
        if (limit < 0) return 0;
        double[] ways = new double[limit + 1];
        ways[0] = 1;
        int reach = 0;
        for (int w : weights) {
            for (int s = Math.min(reach, limit - w); s >= 0; s--) ways[s + w] += ways[s];
            reach += w;
        }
        double count = 0;
        for (double c : ways) count += c;
        return count;
    }

    /** The sum of {@code t^3 - t} over groups of {@code t} equal magnitudes (0 when all differ). */
    private static double tieTerm(double[] magnitudes) {
        double[] sorted = magnitudes.clone();
        Arrays.sort(sorted);
        double term = 0;
        int i = 0;
        while (i < sorted.length) {
            int j = i + 1;
            while (j < sorted.length && sorted[j] == sorted[i]) j++;
            double t = j - i;
            term += t * t * t - t;
            i = j;
        }
        return term;
    }
}
