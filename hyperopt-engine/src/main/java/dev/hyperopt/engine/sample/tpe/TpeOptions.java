package dev.hyperopt.engine.sample.tpe;

/**
 * The knobs of {@link TpeSampler}.
 *
 * @param gamma the good set holds min(ceil(gamma * n), 25) of the n finished trials
 * @param startup finished trials sampled from the prior before TPE starts
 * @param candidates draws from l(x) per group
 * @param priorWeight weight of the prior kernel against each observation's (about 1)
 * @param multivariate joint kernels over each group of hyperparameters that share a
 *        condition (false: every hyperparameter on its own, as Hyperopt does)
 * @param constantLiar count running trials as the worst finished ones, so that parallel
 *        workers do not all suggest the same point
 * @param considerEndpoints let the bounds of a range count as neighbours when a kernel's
 *        width comes from the distance to its neighbours
 * @param magicClip keep kernel widths at least width / min(100, count + 2), count being
 *        the observations of the estimator or, with {@code clipByHistory}, of the group
 * @param linearForgetting observations beyond the most recent this many are
 *        down-weighted; 0 = off
 * @param adaptiveWidths give each joint kernel, per dimension, the width of the
 *        univariate rule (the larger distance to its neighbours) instead of one common
 *        Scott-like width for the whole group
 * @param rankWeights how much the good observations' weights fall with their rank of
 *        loss: weight 1 - r + r * 2 (g - rank) / (g + 1) for g good ones (0 = equal)
 * @param clipByHistory let the magic clip's lower bound shrink with the number of trials
 *        of the group rather than with the size of the good set, so that kernels can
 *        narrow as the search goes on
 * @param failedAsWorst count failed trials as worse than every finished one (SMAC gives a
 *        crashed or timed-out run the worst cost), so that the search moves away from what
 *        fails; Hyperopt and Optuna leave them out, and a choice whose every trial failed
 *        then looks unexplored, which TPE favours: a learner that always times out is
 *        proposed again and again
 */
public record TpeOptions(double gamma, int startup, int candidates, double priorWeight, boolean multivariate,
                         boolean constantLiar, boolean considerEndpoints, boolean magicClip, int linearForgetting,
                         boolean adaptiveWidths, double rankWeights, boolean clipByHistory, boolean failedAsWorst) {

    /**
     * gamma 0.1, startup 10, 24 candidates, prior weight 3, joint kernels with adaptive
     * widths, rank weights 1, magic clip by history, constant liar, no endpoints,
     * forgetting after 25, failed trials counted as the worst. Why each, measured with
     * {@code hyperopt bench} over the benchmark suite (docs/benchmarks.md, "Optimizer quality"): joint kernels keep the
     * interactions inside a group (they win on the conditional problems), but their common
     * Scott-like width stays near 0.15 of the range in six dimensions, so they cannot
     * refine; per-dimension neighbour widths and a clip that shrinks with the history let
     * them refine as annealing does, and rank weights lean l towards the incumbent. What
     * that takes away in exploration the heavier prior gives back: with weight 1 the prior
     * is 4% of l once the good set is full, against Hyperopt's 20% (its good set is
     * ceil(0.25 sqrt n)), and a narrow basin away from the first good points is then
     * never visited.
     */
    public static final TpeOptions DEFAULTS = new TpeOptions(0.1, 10, 24, 3.0, true, true, false, true, 25, true, 1.0, true, true);

    /**
     * Optuna's TPESampler defaults (independent, gamma 0.1, startup 10, prior weight 1,
     * magic clip over the good set, no endpoints, failed trials left out), for comparison.
     */
    public static final TpeOptions OPTUNA = new TpeOptions(0.1, 10, 24, 1.0, false, true, false, true, 25, false, 0.0, false, false);

    /** The good set never holds more trials than this. */
    public static final int GAMMA_CAP = 25;

    public TpeOptions {
        if (!(gamma > 0 && gamma <= 1)) throw new IllegalArgumentException("gamma must be in (0, 1], got " + gamma);
        if (startup < 0) throw new IllegalArgumentException("startup must be >= 0, got " + startup);
        if (candidates < 1) throw new IllegalArgumentException("candidates must be >= 1, got " + candidates);
        if (!(priorWeight > 0)) throw new IllegalArgumentException("priorWeight must be > 0, got " + priorWeight);
        if (linearForgetting < 0) throw new IllegalArgumentException("linearForgetting must be >= 0, got " + linearForgetting);
        if (!(rankWeights >= 0 && rankWeights <= 1)) throw new IllegalArgumentException("rankWeights must be in [0, 1], got " + rankWeights);
    }

    /** How many of {@code n} finished trials make the good set. */
    public int goodCount(int n) {
        return Math.min((int) Math.ceil(gamma * n), GAMMA_CAP);
    }

    public TpeOptions withGamma(double g) {
        return new TpeOptions(g, startup, candidates, priorWeight, multivariate, constantLiar, considerEndpoints, magicClip,
                linearForgetting, adaptiveWidths, rankWeights, clipByHistory, failedAsWorst);
    }

    public TpeOptions withStartup(int s) {
        return new TpeOptions(gamma, s, candidates, priorWeight, multivariate, constantLiar, considerEndpoints, magicClip,
                linearForgetting, adaptiveWidths, rankWeights, clipByHistory, failedAsWorst);
    }

    public TpeOptions withCandidates(int c) {
        return new TpeOptions(gamma, startup, c, priorWeight, multivariate, constantLiar, considerEndpoints, magicClip,
                linearForgetting, adaptiveWidths, rankWeights, clipByHistory, failedAsWorst);
    }

    public TpeOptions withPriorWeight(double p) {
        return new TpeOptions(gamma, startup, candidates, p, multivariate, constantLiar, considerEndpoints, magicClip,
                linearForgetting, adaptiveWidths, rankWeights, clipByHistory, failedAsWorst);
    }

    public TpeOptions withMultivariate(boolean m) {
        return new TpeOptions(gamma, startup, candidates, priorWeight, m, constantLiar, considerEndpoints, magicClip,
                linearForgetting, adaptiveWidths, rankWeights, clipByHistory, failedAsWorst);
    }

    public TpeOptions withConstantLiar(boolean c) {
        return new TpeOptions(gamma, startup, candidates, priorWeight, multivariate, c, considerEndpoints, magicClip,
                linearForgetting, adaptiveWidths, rankWeights, clipByHistory, failedAsWorst);
    }

    public TpeOptions withConsiderEndpoints(boolean e) {
        return new TpeOptions(gamma, startup, candidates, priorWeight, multivariate, constantLiar, e, magicClip,
                linearForgetting, adaptiveWidths, rankWeights, clipByHistory, failedAsWorst);
    }

    public TpeOptions withAdaptiveWidths(boolean a) {
        return new TpeOptions(gamma, startup, candidates, priorWeight, multivariate, constantLiar, considerEndpoints, magicClip,
                linearForgetting, a, rankWeights, clipByHistory, failedAsWorst);
    }

    public TpeOptions withRankWeights(double r) {
        return new TpeOptions(gamma, startup, candidates, priorWeight, multivariate, constantLiar, considerEndpoints, magicClip,
                linearForgetting, adaptiveWidths, r, clipByHistory, failedAsWorst);
    }

    public TpeOptions withClipByHistory(boolean c) {
        return new TpeOptions(gamma, startup, candidates, priorWeight, multivariate, constantLiar, considerEndpoints, magicClip,
                linearForgetting, adaptiveWidths, rankWeights, c, failedAsWorst);
    }

    public TpeOptions withFailedAsWorst(boolean f) {
        return new TpeOptions(gamma, startup, candidates, priorWeight, multivariate, constantLiar, considerEndpoints, magicClip,
                linearForgetting, adaptiveWidths, rankWeights, clipByHistory, f);
    }
}
