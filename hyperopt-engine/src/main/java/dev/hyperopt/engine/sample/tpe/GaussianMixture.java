package dev.hyperopt.engine.sample.tpe;

import java.util.random.RandomGenerator;

/**
 * A one-dimensional mixture of normals with components sorted by mean, as Hyperopt's
 * GMM1 and LGMM1 use it: draws truncated to [lo, hi) by rejection, log densities and
 * interval masses.
 *
 * <p>With a thousand components a density costs a thousand exponentials; most of them
 * are negligible. Components are grouped in blocks of consecutive means, each with the
 * largest sigma, weight and log-coefficient inside it, and a block is skipped when even
 * its bound lies {@code 40 + ln n} nats below the largest term found so far (for a
 * density), or below 1e-17 of the mass found so far divided by the number of blocks
 * (for a mass). All that is skipped then weighs under 1e-17 of the result, below double
 * precision, so the values are those of the full sum.
 *
 * <p>Not thread-safe: a mixture lives inside one suggestion.
 */
public final class GaussianMixture {
    private static final int BLOCK = 16;

    private final int n;
    private final double[] mu;
    private final double[] sigma;
    private final double[] weight;
    /** log(w / (sigma sqrt(2 pi))), filled one block at a time when a density first needs it. */
    private final double[] logCoef;
    private final boolean[] coefReady;
    private final double[] cumulative;
    private final int blocks;
    private final double[] blockLo;
    private final double[] blockHi;
    private final double[] blockMaxSigma;
    private final double[] blockMaxLogCoef;
    private final double[] blockMaxWeight;
    private final double cut;
    /** Running log-sum-exp of {@link #logDensity}: kept in fields so that scoring allocates nothing. */
    private double accMax;
    private double accSum;

    public GaussianMixture(AdaptiveParzen.Components c) {
        this(c.weights(), c.mus(), c.sigmas());
    }

    /**
     * Components must be sorted by mean. Neighbours with the same mean and sigma (repeated
     * values of a quantized hyperparameter) are merged into one with their summed weight,
     * which changes no density and makes each evaluation cheaper.
     */
    public GaussianMixture(double[] weights, double[] mus, double[] sigmas) {
        int m = 0;
        double[] wm = new double[mus.length];
        double[] mm = new double[mus.length];
        double[] sm = new double[mus.length];
        for (int i = 0; i < mus.length; i++) {
            if (m > 0 && mm[m - 1] == mus[i] && sm[m - 1] == sigmas[i]) {
                wm[m - 1] += weights[i];
                continue;
            }
            wm[m] = weights[i];
            mm[m] = mus[i];
            sm[m] = sigmas[i];
            m++;
        }
        this.n = m;
        this.mu = mm;
        this.sigma = sm;
        this.weight = wm;
        this.logCoef = new double[n];
        this.cumulative = new double[n];
        double acc = 0;
        for (int i = 0; i < n; i++) {
            acc += weight[i];
            cumulative[i] = acc;
        }
        this.blocks = (n + BLOCK - 1) / BLOCK;
        this.coefReady = new boolean[blocks];
        this.blockLo = new double[blocks];
        this.blockHi = new double[blocks];
        this.blockMaxSigma = new double[blocks];
        this.blockMaxLogCoef = new double[blocks];
        this.blockMaxWeight = new double[blocks];
        for (int b = 0; b < blocks; b++) {
            int from = b * BLOCK;
            int to = Math.min(n, from + BLOCK);
            blockLo[b] = mu[from];
            blockHi[b] = mu[to - 1];
            double ms = 0;
            double mc = 0;
            double mw = 0;
            for (int i = from; i < to; i++) {
                ms = Math.max(ms, sigma[i]);
                mc = Math.max(mc, weight[i] / sigma[i]);
                mw = Math.max(mw, weight[i]);
            }
            blockMaxSigma[b] = ms;
            blockMaxLogCoef[b] = Math.log(mc) - Gaussian.LOG_SQRT_2PI;
            blockMaxWeight[b] = mw;
        }
        this.cut = 40.0 + Math.log(n);
    }

    public int size() {
        return n;
    }

    /**
     * One draw from the mixture restricted to [lo, hi): a component by weight, then its
     * normal, again until the draw falls inside (Hyperopt's GMM1). Infinite bounds mean
     * no truncation.
     */
    public double sample(RandomGenerator rng, double lo, double hi) {
        for (int attempt = 0; attempt < 100_000; attempt++) {
            int i = component(rng.nextDouble());
            double y = mu[i] + sigma[i] * rng.nextGaussian();
            if (lo <= y && y < hi) return y;
        }
        // Unreachable in practice: every component has its mean inside and a sigma no
        // wider than the range, so each draw lands inside with probability above 1/4.
        return Math.min(Math.max(mu[component(rng.nextDouble())], lo), Math.nextDown(hi));
    }

    /** A component index with probability equal to its weight. */
    int component(double u) {
        double target = u * cumulative[n - 1];
        int lo = 0;
        int hi = n - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > target) hi = mid;
            else lo = mid + 1;
        }
        return lo;
    }

    /** log of sum_i w_i N(y; mu_i, sigma_i), untruncated. */
    public double logDensity(double y) {
        int p = lowerBound(y);
        int b0 = Math.min(p, n - 1) / BLOCK;
        int b1 = Math.max(p - 1, 0) / BLOCK;
        accMax = Double.NEGATIVE_INFINITY;
        accSum = 0;
        densityBlock(b0, y);
        if (b1 != b0) densityBlock(b1, y);
        for (int b = 0; b < blocks; b++) {
            if (b == b0 || b == b1) continue;
            double d = y < blockLo[b] ? blockLo[b] - y : (y > blockHi[b] ? y - blockHi[b] : 0);
            double z = d / blockMaxSigma[b];
            if (blockMaxLogCoef[b] - 0.5 * z * z < accMax - cut) continue;
            densityBlock(b, y);
        }
        return accMax + Math.log(accSum);
    }

    private void densityBlock(int b, double y) {
        double max = accMax;
        double sum = accSum;
        int to = Math.min(n, (b + 1) * BLOCK);
        if (!coefReady[b]) {
            for (int i = b * BLOCK; i < to; i++) logCoef[i] = Math.log(weight[i] / sigma[i]) - Gaussian.LOG_SQRT_2PI;
            coefReady[b] = true;
        }
        for (int i = b * BLOCK; i < to; i++) {
            double z = (y - mu[i]) / sigma[i];
            double t = logCoef[i] - 0.5 * z * z;
            if (t > max) {
                sum = sum * Math.exp(max - t) + 1.0;
                max = t;
            } else {
                sum += Math.exp(t - max);
            }
        }
        accMax = max;
        accSum = sum;
    }

    /** sum_i w_i P(lo < N(mu_i, sigma_i) <= hi), for lo <= hi (either may be infinite). */
    public double mass(double lo, double hi) {
        if (!(lo < hi)) return 0;
        double centre = Double.isInfinite(lo) ? (Double.isInfinite(hi) ? 0 : hi) : (Double.isInfinite(hi) ? lo : 0.5 * (lo + hi));
        int p = lowerBound(centre);
        int b0 = Math.min(p, n - 1) / BLOCK;
        int b1 = Math.max(p - 1, 0) / BLOCK;
        double total = massBlock(b0, lo, hi);
        if (b1 != b0) total += massBlock(b1, lo, hi);
        for (int b = 0; b < blocks; b++) {
            if (b == b0 || b == b1) continue;
            double d = blockHi[b] < lo ? lo - blockHi[b] : (blockLo[b] > hi ? blockLo[b] - hi : 0);
            double z = d / blockMaxSigma[b];
            double bound = BLOCK * blockMaxWeight[b] * Math.exp(-0.5 * z * z);
            if (bound * blocks < total * 1e-17) continue;
            total += massBlock(b, lo, hi);
        }
        return total;
    }

    private double massBlock(int b, double lo, double hi) {
        double s = 0;
        int to = Math.min(n, (b + 1) * BLOCK);
        for (int i = b * BLOCK; i < to; i++) {
            s += weight[i] * Gaussian.mass((lo - mu[i]) / sigma[i], (hi - mu[i]) / sigma[i]);
        }
        return s;
    }

    /** The first component whose mean is >= y. */
    private int lowerBound(double y) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (mu[mid] < y) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
