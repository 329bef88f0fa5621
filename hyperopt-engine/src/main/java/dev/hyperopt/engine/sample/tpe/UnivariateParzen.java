package dev.hyperopt.engine.sample.tpe;

import java.util.random.RandomGenerator;

/**
 * Optuna's univariate Parzen estimator for one numeric hyperparameter (and the joint one
 * for a group of one): one normal per
 * observation and one for the prior, each truncated to the range and normalised on its
 * own (Hyperopt instead normalises the mixture as a whole). A kernel's width is the
 * larger distance to its neighbours among the observations, the prior mean and, with
 * considerEndpoints, the ends of the range; otherwise the outermost kernels take their
 * single neighbour's distance. Widths are clipped to [width / min(100, n + 2), width]
 * with magicClip; the prior kernel has the prior's width.
 *
 * <p>Truncating each kernel on its own is the mixture with weights w_k / Z_k truncated as
 * a whole (Z_k: kernel k's mass inside the range), so it is evaluated and sampled as a
 * {@link GaussianMixture} with those weights, normalised, and the log of the
 * normaliser added back.
 */
final class UnivariateParzen {
    private final Dimension dim;
    private final GaussianMixture mixture;
    private final double logScale;

    /**
     * Fits the first {@code m} values of {@code obs} (working space, trial order). With
     * {@code options.multivariate()} and without adaptive widths the kernels get the
     * joint rule's common width for a group of one ({@link ProductKernels}), so that a
     * one-member group costs what a univariate estimator costs and gives the same
     * densities as the joint one.
     */
    UnivariateParzen(Dimension dim, double[] obs, int m, TpeOptions options) {
        this(dim, obs, m, null, m, options);
    }

    /**
     * @param weights the observations' weights (null: linear forgetting)
     * @param clipCount the count the magic clip divides the width by (plus 2, at most 100)
     */
    UnivariateParzen(Dimension dim, double[] obs, int m, double[] weights, int clipCount, TpeOptions options) {
        this.dim = dim;
        int n = m + 1;
        double width = dim.priorSigma();
        double[] mus = new double[n];
        double[] sig = new double[n];
        System.arraycopy(obs, 0, mus, 0, m);
        mus[m] = dim.priorMu();
        int[] order = Sorting.argsort(mus, n);
        if (options.multivariate() && !options.adaptiveWidths()) {
            java.util.Arrays.fill(sig, ProductKernels.jointWidth(m, 1, width));
        } else {
            neighbourWidths(mus, sig, order, dim, options.considerEndpoints());
        }
        double minSigma = options.magicClip() ? width / Math.min(100.0, clipCount + 2.0) : Dimension.EPS;
        for (int i = 0; i < m; i++) sig[i] = Math.min(width, Math.max(minSigma, sig[i]));
        sig[m] = width;
        double[] w = weights != null ? weights : LinearForgetting.weights(m, options.linearForgetting());
        double[] v = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            double z = dim.isBounded() ? Gaussian.mass((dim.lo() - mus[i]) / sig[i], (dim.hi() - mus[i]) / sig[i]) : 1;
            v[i] = (i < m ? w[i] : options.priorWeight()) / z;
            total += v[i];
        }
        double wsum = options.priorWeight();
        for (int i = 0; i < m; i++) wsum += w[i];
        double[] sw = new double[n];
        double[] sm = new double[n];
        double[] ss = new double[n];
        for (int r = 0; r < n; r++) {
            int i = order[r];
            sw[r] = v[i] / total;
            sm[r] = mus[i];
            ss[r] = sig[i];
        }
        this.mixture = new GaussianMixture(sw, sm, ss);
        this.logScale = Math.log(total / wsum);
    }

    /** Optuna's rule; {@code order} sorts {@code mus}. */
    static void neighbourWidths(double[] mus, double[] sig, int[] order, Dimension dim, boolean considerEndpoints) {
        int len = mus.length;
        if (len < 2) return;
        boolean ends = dim.isBounded();
        for (int r = 0; r < len; r++) {
            double here = mus[order[r]];
            double left = r > 0 ? here - mus[order[r - 1]] : (ends ? here - dim.lo() : Double.NEGATIVE_INFINITY);
            double right = r < len - 1 ? mus[order[r + 1]] - here : (ends ? dim.hi() - here : Double.NEGATIVE_INFINITY);
            sig[order[r]] = Math.max(left, right);
        }
        if (!considerEndpoints || !ends) {
            sig[order[0]] = mus[order[1]] - mus[order[0]];
            sig[order[len - 1]] = mus[order[len - 1]] - mus[order[len - 2]];
        }
    }

    /** A draw in working space. */
    double sample(RandomGenerator rng) {
        return mixture.sample(rng, dim.lo(), dim.hi());
    }

    /** log density (working space) or, quantized, log mass of the rounding bin of value {@code x} drawn as {@code y}. */
    double logPdf(double x, double y) {
        if (dim.isQuantized()) return Math.log(mixture.mass(dim.binLow(x), dim.binHigh(x))) + logScale;
        return mixture.logDensity(y) + logScale;
    }

    /**
     * Optuna's categorical estimator: observation k's kernel puts 1 on its option and
     * c * K * prior on every option (c = priorWeight / (m + 1)), normalised; the prior's
     * kernel is the prior; kernels weighted by linear forgetting and priorWeight.
     */
    static double[] categorical(Dimension dim, double[] obs, int m, TpeOptions options) {
        return categorical(dim, obs, m, null, options);
    }

    /** As above, with the observations' weights (null: linear forgetting). */
    static double[] categorical(Dimension dim, double[] obs, int m, double[] weights, TpeOptions options) {
        int k = dim.categories();
        double[] prior = dim.prior();
        double[] w = weights != null ? weights : LinearForgetting.weights(m, options.linearForgetting());
        double wsum = options.priorWeight();
        for (int i = 0; i < m; i++) wsum += w[i];
        double c = options.priorWeight() / (m + 1) * k;
        double[] p = new double[k];
        double obsTotal = 0;
        for (int i = 0; i < m; i++) {
            p[(int) obs[i]] += w[i] / (c + 1);
            obsTotal += w[i];
        }
        for (int x = 0; x < k; x++) {
            p[x] += obsTotal * c * prior[x] / (c + 1) + options.priorWeight() * prior[x];
            p[x] /= wsum;
        }
        return p;
    }
}
