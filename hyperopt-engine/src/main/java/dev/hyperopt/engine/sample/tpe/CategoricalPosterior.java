package dev.hyperopt.engine.sample.tpe;

/**
 * Hyperopt's posterior for choices and randint ({@code ap_categorical_sampler},
 * {@code ap_randint_sampler}): the observed options counted with their linear-forgetting
 * weights, plus {@code priorWeight * K * prior[k]} pseudo-counts, normalised. For a
 * uniform prior that is priorWeight per option, as randint has it.
 */
public final class CategoricalPosterior {
    private CategoricalPosterior() {}

    /**
     * @param obs option indices in trial order (the first {@code n} are used)
     * @param prior the prior probability of each option
     */
    public static double[] probabilities(double[] obs, int n, double[] prior, double priorWeight, int lf) {
        int k = prior.length;
        double[] p = new double[k];
        double[] w = LinearForgetting.weights(n, lf);
        for (int i = 0; i < n; i++) p[(int) obs[i]] += w[i];
        double sum = 0;
        for (int j = 0; j < k; j++) {
            p[j] += k * priorWeight * prior[j];
            sum += p[j];
        }
        for (int j = 0; j < k; j++) p[j] /= sum;
        return p;
    }

    /** An index drawn with probabilities {@code p} by inverting the cumulative sum at {@code u}. */
    static int draw(double[] p, double u) {
        double acc = 0;
        for (int j = 0; j < p.length - 1; j++) {
            acc += p[j];
            if (u < acc) return j;
        }
        return p.length - 1;
    }
}
