package dev.hyperopt.engine.sample.tpe;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * The joint Parzen estimator of {@link TpeSampler}: a weighted mixture of product kernels
 * over the hyperparameters of one group, one kernel per observation and one for the
 * prior (the last). Over a numeric hyperparameter a kernel is a normal truncated to the
 * range and normalised on its own, in working space ({@link Dimension}); a quantized
 * value scores the kernel's mass over its rounding bin. Over a categorical one, an
 * observation's kernel puts 1 on the observed option and {@code c * K * prior} on every
 * option, with c = priorWeight / (n + 1), normalised (Optuna's rule); the prior's kernel
 * is the prior. With adaptiveWidths an observation's kernel takes, per dimension, the
 * larger distance to its neighbours among the observations and the prior's centre (the
 * univariate rule, {@link UnivariateParzen}); otherwise every kernel has the width
 * {@code 0.2 * n^(-1 / (d + 4)) * width} (Optuna's multivariate choice, a Scott-like rule
 * in d dimensions). Widths are clipped to [width / min(100, count + 2), width] with
 * magicClip, where width is the prior's sigma (the range of a bounded hyperparameter)
 * and count the observations or, with clipByHistory, the group's trials.
 *
 * <p>A log density visits every kernel, but takes an exponential (and, for quantized
 * values, a normal mass) only for kernels within {@code 40 + ln n} nats of the best one,
 * which leaves the value unchanged at double precision: a quantized dimension first adds
 * an upper bound (the normal's peak over the bin times its width), and only kernels that
 * can still matter get the exact mass. Kernels with the same centre and width share that
 * mass. Not thread-safe: it lives inside one suggestion.
 */
final class ProductKernels {
    private static final double SIGMA0 = 0.2;

    private final Dimension[] dims;
    private final int d;
    private final int m; // observations
    private final int n; // kernels, prior last
    private final double[] logWeight;
    private final double[] cumulative;
    private final double[][] mu;
    private final double[][] sigma;
    private final double[][] invSigma;
    private final double[][] logInvSigma;
    /** -log Z (truncation), plus -log sigma - log sqrt(2 pi) for continuous dims. */
    private final double[][] logNorm;
    private final int[][] category;
    private final double[][] logSame;
    private final double[][] logOther;
    private final double[][] logPrior;
    private final double[] catSameProb;
    /**
     * Quantized dims: kernel to its (centre, width) class; the class masses of the current
     * value's bin, taken from a few slots that remember recent values (candidates repeat).
     */
    private final int[][] massClass;
    private final double[][] massCache;
    private final double[][][] massSlots;
    private final double[][] slotValue;
    private final int[] nextSlot;
    private static final int SLOTS = 8;
    private final boolean anyQuantized;
    private final double[] terms;
    private final double[] bounds;
    private final double[] binLo;
    private final double[] binHi;
    private final double cut;

    /**
     * @param obs per dimension, the observed values in working space, in trial order (first {@code m} used)
     */
    ProductKernels(Dimension[] dims, double[][] obs, int m, TpeOptions options) {
        this(dims, obs, m, null, m, options);
    }

    /**
     * @param weights the observations' weights (null: linear forgetting)
     * @param clipCount the count the magic clip divides the width by (plus 2, at most 100)
     */
    ProductKernels(Dimension[] dims, double[][] obs, int m, double[] weights, int clipCount, TpeOptions options) {
        this.dims = dims;
        this.d = dims.length;
        this.m = m;
        this.n = m + 1;
        double[] w = weights != null ? weights : LinearForgetting.weights(m, options.linearForgetting());
        this.logWeight = new double[n];
        this.cumulative = new double[n];
        double sum = options.priorWeight();
        for (int k = 0; k < m; k++) sum += w[k];
        double acc = 0;
        for (int k = 0; k < n; k++) {
            double wk = (k < m ? w[k] : options.priorWeight()) / sum;
            logWeight[k] = Math.log(wk);
            acc += wk;
            cumulative[k] = acc;
        }
        mu = new double[d][];
        sigma = new double[d][];
        invSigma = new double[d][];
        logInvSigma = new double[d][];
        logNorm = new double[d][];
        category = new int[d][];
        logSame = new double[d][];
        logOther = new double[d][];
        logPrior = new double[d][];
        catSameProb = new double[d];
        massClass = new int[d][];
        massCache = new double[d][];
        massSlots = new double[d][][];
        slotValue = new double[d][];
        nextSlot = new int[d];
        boolean quantized = false;
        for (int j = 0; j < d; j++) {
            Dimension dim = dims[j];
            if (dim.isCategorical()) {
                categorical(j, dim, obs[j], options.priorWeight());
            } else {
                numeric(j, dim, obs[j], clipCount, options);
                if (dim.isQuantized()) {
                    quantized = true;
                    massClasses(j);
                }
            }
        }
        this.anyQuantized = quantized;
        this.terms = new double[n];
        this.bounds = new double[n];
        this.binLo = new double[d];
        this.binHi = new double[d];
        this.cut = 40.0 + Math.log(n);
    }

    private void categorical(int j, Dimension dim, double[] obs, double priorWeight) {
        int k = dim.categories();
        double[] p = dim.prior();
        double c = priorWeight / (m + 1) * k;
        category[j] = new int[m];
        for (int i = 0; i < m; i++) category[j][i] = (int) obs[i];
        logSame[j] = new double[k];
        logOther[j] = new double[k];
        logPrior[j] = new double[k];
        for (int x = 0; x < k; x++) {
            logSame[j][x] = Math.log((c * p[x] + 1) / (c + 1));
            logOther[j][x] = Math.log(c * p[x] / (c + 1));
            logPrior[j][x] = Math.log(p[x]);
        }
        catSameProb[j] = 1.0 / (c + 1);
    }

    /** The order of the last numeric dimension's centres when it was sorted for its widths, else null. */
    private int[] sortOrder;

    private void numeric(int j, Dimension dim, double[] obs, int clipCount, TpeOptions options) {
        sortOrder = null;
        double width = dim.priorSigma();
        double[] mus = new double[n];
        double[] sig = new double[n];
        System.arraycopy(obs, 0, mus, 0, m);
        mus[m] = dim.priorMu();
        double minSigma = options.magicClip() ? width / Math.min(100.0, clipCount + 2.0) : Dimension.EPS;
        if (options.adaptiveWidths()) {
            int[] order = Sorting.argsort(mus, n);
            sortOrder = order;
            UnivariateParzen.neighbourWidths(mus, sig, order, dim, options.considerEndpoints());
            if (n < 2) sig[0] = width;
            for (int i = 0; i < m; i++) sig[i] = Math.min(width, Math.max(minSigma, sig[i]));
        } else {
            double s = jointWidth(m, d, width);
            Arrays.fill(sig, Math.min(width, Math.max(minSigma, s)));
        }
        sig[m] = width;
        double[] inv = new double[n];
        double[] logInv = new double[n];
        double[] norm = new double[n];
        boolean continuous = !dim.isQuantized();
        for (int i = 0; i < n; i++) {
            inv[i] = 1.0 / sig[i];
            logInv[i] = -Math.log(sig[i]);
            double logZ = dim.isBounded() ? Math.log(Gaussian.mass((dim.lo() - mus[i]) * inv[i], (dim.hi() - mus[i]) * inv[i])) : 0;
            norm[i] = -logZ + (continuous ? -Math.log(sig[i]) - Gaussian.LOG_SQRT_2PI : 0);
        }
        mu[j] = mus;
        sigma[j] = sig;
        invSigma[j] = inv;
        logInvSigma[j] = logInv;
        logNorm[j] = norm;
    }

    /** Optuna's multivariate kernel width for m observations in d dimensions, before clipping. */
    static double jointWidth(int m, int d, double width) {
        return SIGMA0 * Math.pow(Math.max(m, 1), -1.0 / (d + 4)) * width;
    }

    /** Numbers the distinct (centre, width) pairs of dimension j: repeated grid values share one bin mass. */
    private void massClasses(int j) {
        int[] order = sortOrder != null ? sortOrder : Sorting.argsort(mu[j], n);
        int[] cls = new int[n];
        int classes = 0;
        int runStart = 0;
        for (int r = 0; r < n; r++) {
            int k = order[r];
            if (r > 0 && mu[j][k] != mu[j][order[r - 1]]) runStart = r;
            int same = -1;
            for (int q = runStart; q < r; q++) {
                if (sigma[j][order[q]] == sigma[j][k]) {
                    same = cls[order[q]];
                    break;
                }
            }
            cls[k] = same >= 0 ? same : classes++;
        }
        massClass[j] = cls;
        massSlots[j] = new double[SLOTS][classes];
        slotValue[j] = new double[SLOTS];
        Arrays.fill(slotValue[j], Double.NaN);
    }

    /** One joint draw: a kernel by weight, then each dimension from it; values (not working space) into {@code out}. */
    void sample(RandomGenerator rng, double[] out) {
        int k = kernel(rng.nextDouble());
        boolean prior = k == m;
        for (int j = 0; j < d; j++) {
            Dimension dim = dims[j];
            if (dim.isCategorical()) {
                int x;
                if (!prior && rng.nextDouble() < catSameProb[j]) x = category[j][k];
                else x = CategoricalPosterior.draw(dim.prior(), rng.nextDouble());
                out[j] = x;
            } else {
                out[j] = dim.fromWorking(truncatedNormal(rng, mu[j][k], sigma[j][k], dim.lo(), dim.hi()));
            }
        }
    }

    private static double truncatedNormal(RandomGenerator rng, double mu, double sigma, double lo, double hi) {
        for (int attempt = 0; attempt < 100_000; attempt++) {
            double y = mu + sigma * rng.nextGaussian();
            if (lo <= y && y < hi) return y;
        }
        // Unreachable in practice: means lie inside and widths are at most the range.
        return Math.min(Math.max(mu, lo), Math.nextDown(hi));
    }

    private int kernel(double u) {
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

    /** log of the mixture's density (mass, for quantized dimensions) at values {@code x} (categorical: option index, not offset). */
    double logPdf(double[] x) {
        System.arraycopy(logWeight, 0, terms, 0, n);
        if (anyQuantized) Arrays.fill(bounds, 0);
        for (int j = 0; j < d; j++) {
            Dimension dim = dims[j];
            if (dim.isCategorical()) {
                int xv = (int) x[j];
                int[] cat = category[j];
                double same = logSame[j][xv];
                double other = logOther[j][xv];
                for (int k = 0; k < m; k++) terms[k] += cat[k] == xv ? same : other;
                terms[m] += logPrior[j][xv];
            } else if (dim.isQuantized()) {
                binLo[j] = dim.binLow(x[j]);
                binHi[j] = dim.binHigh(x[j]);
                selectMassSlot(j, x[j]);
                addQuantizedBounds(j);
            } else {
                double y = dim.log() ? Math.log(x[j]) : x[j];
                double[] mj = mu[j];
                double[] ij = invSigma[j];
                double[] nj = logNorm[j];
                for (int k = 0; k < n; k++) {
                    double z = (y - mj[k]) * ij[k];
                    terms[k] += nj[k] - 0.5 * z * z;
                }
            }
        }
        double max = Double.NEGATIVE_INFINITY;
        int argmax = 0;
        for (int k = 0; k < n; k++) {
            if (terms[k] > max) {
                max = terms[k];
                argmax = k;
            }
        }
        if (anyQuantized) {
            double exact = terms[argmax] - bounds[argmax] + quantizedExact(argmax);
            terms[argmax] = exact;
            max = exact;
            for (int k = 0; k < n; k++) {
                if (k == argmax) continue;
                if (terms[k] < exact - cut) {
                    terms[k] = Double.NEGATIVE_INFINITY;
                    continue;
                }
                terms[k] = terms[k] - bounds[k] + quantizedExact(k);
                if (terms[k] > max) max = terms[k];
            }
        }
        if (max == Double.NEGATIVE_INFINITY) return max;
        double s = 0;
        double floor = max - cut;
        for (int k = 0; k < n; k++) {
            if (terms[k] >= floor) s += Math.exp(terms[k] - max);
        }
        return max + Math.log(s);
    }

    /** Points massCache[j] at the slot remembering value v, or clears the oldest slot for it. */
    private void selectMassSlot(int j, double v) {
        double[] keys = slotValue[j];
        for (int slot = 0; slot < SLOTS; slot++) {
            if (keys[slot] == v) {
                massCache[j] = massSlots[j][slot];
                return;
            }
        }
        int slot = nextSlot[j];
        nextSlot[j] = (slot + 1) % SLOTS;
        keys[slot] = v;
        Arrays.fill(massSlots[j][slot], Double.NaN);
        massCache[j] = massSlots[j][slot];
    }

    /** Adds to every kernel an upper bound of log(its mass over the bin of dimension j): the normal's peak over the bin times the bin's width. */
    private void addQuantizedBounds(int j) {
        double lo = binLo[j];
        double hi = binHi[j];
        double[] mj = mu[j];
        double[] ij = invSigma[j];
        double[] nj = logNorm[j];
        double[] lj = logInvSigma[j];
        double logBin = Math.log((hi - lo) * INV_SQRT_2PI);
        for (int k = 0; k < n; k++) {
            double mk = mj[k];
            double dist = mk < lo ? lo - mk : (mk > hi ? mk - hi : 0);
            double z = dist * ij[k];
            double b = nj[k] - 0.5 * z * z + Math.min(0, logBin + lj[k]);
            terms[k] += b;
            bounds[k] += b;
        }
    }

    private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2 * Math.PI);

    private double quantizedExact(int k) {
        double s = 0;
        for (int j = 0; j < d; j++) {
            if (!dims[j].isQuantized()) continue;
            int c = massClass[j][k];
            double mass = massCache[j][c];
            if (Double.isNaN(mass)) {
                double mk = mu[j][k];
                double inv = invSigma[j][k];
                mass = Math.log(Gaussian.mass((binLo[j] - mk) * inv, (binHi[j] - mk) * inv));
                massCache[j][c] = mass;
            }
            s += logNorm[j][k] + mass;
        }
        return s;
    }
}
