package dev.hyperopt.engine.sample.tpe;

/**
 * Hyperopt's adaptive Parzen estimator ({@code adaptive_parzen_normal} in tpe.py): one
 * normal component per observation plus the prior as one more component at the prior
 * mean with the prior's width. Components are sorted by mean; each observation's sigma
 * is the larger distance to its two neighbours (the ends take their single neighbour's),
 * clipped to [priorSigma / min(100, 1 + components), priorSigma]; the prior keeps
 * priorSigma. Weights are the linear-forgetting weights of the observations (in trial
 * order) and priorWeight for the prior, normalised to sum 1.
 */
public final class AdaptiveParzen {
    private AdaptiveParzen() {}

    /** A mixture of normals sorted by mean; {@code priorIndex} is the prior's component. */
    public record Components(double[] weights, double[] mus, double[] sigmas, int priorIndex) {
        public int size() {
            return mus.length;
        }
    }

    /**
     * Fits the estimator to the first {@code n} values of {@code obs}, given in trial order.
     *
     * @param lf linear forgetting horizon; 0 turns forgetting off
     */
    public static Components fit(double[] obs, int n, double priorWeight, double priorMu, double priorSigma, int lf) {
        double[] mus = new double[n + 1];
        double[] sigma = new double[n + 1];
        double[] w = new double[n + 1];
        int pos;
        if (n == 0) {
            pos = 0;
            mus[0] = priorMu;
            sigma[0] = priorSigma;
            w[0] = priorWeight;
        } else if (n == 1) {
            if (priorMu < obs[0]) {
                pos = 0;
                mus[0] = priorMu;
                mus[1] = obs[0];
                sigma[0] = priorSigma;
                sigma[1] = priorSigma * 0.5;
            } else {
                pos = 1;
                mus[0] = obs[0];
                mus[1] = priorMu;
                sigma[0] = priorSigma * 0.5;
                sigma[1] = priorSigma;
            }
            w[0] = 1;
            w[1] = 1;
            w[pos] = priorWeight;
        } else {
            int[] order = Sorting.argsort(obs, n);
            pos = 0;
            while (pos < n && obs[order[pos]] < priorMu) pos++;
            double[] lfw = lf > 0 && lf < n ? LinearForgetting.weights(n, lf) : null;
            for (int k = 0, j = 0; k <= n; k++) {
                if (k == pos) {
                    mus[k] = priorMu;
                    w[k] = priorWeight;
                } else {
                    int o = order[j++];
                    mus[k] = obs[o];
                    w[k] = lfw == null ? 1.0 : lfw[o];
                }
            }
            for (int k = 1; k < n; k++) sigma[k] = Math.max(mus[k] - mus[k - 1], mus[k + 1] - mus[k]);
            sigma[0] = mus[1] - mus[0];
            sigma[n] = mus[n] - mus[n - 1];
        }
        double maxSigma = priorSigma;
        double minSigma = priorSigma / Math.min(100.0, 1.0 + mus.length);
        for (int k = 0; k <= n; k++) sigma[k] = Math.min(maxSigma, Math.max(minSigma, sigma[k]));
        sigma[pos] = priorSigma;
        double sum = 0;
        for (double v : w) sum += v;
        for (int k = 0; k <= n; k++) w[k] /= sum;
        return new Components(w, mus, sigma, pos);
    }
}
