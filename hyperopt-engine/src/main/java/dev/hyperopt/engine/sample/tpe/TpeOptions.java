package dev.hyperopt.engine.sample.tpe;

/**
 * The knobs of {@link TpeSampler}.
 *
 * @param gamma the good set holds min(ceil(gamma * n), 25) of the n finished trials
 * @param startup finished trials sampled from the prior before TPE starts
 * @param candidates draws from l(x) per group
 * @param priorWeight weight of the prior kernel against each observation's 1
 * @param multivariate joint kernels over each group of hyperparameters that share a
 *        condition (false: every hyperparameter on its own, as Hyperopt does)
 * @param constantLiar count running trials as the worst finished ones, so that parallel
 *        workers do not all suggest the same point
 * @param considerEndpoints let the bounds of a range count as neighbours when a kernel's
 *        width comes from the distance to its neighbours (univariate only)
 * @param magicClip keep kernel widths at least width / min(100, n + 2)
 * @param linearForgetting observations beyond the most recent this many are
 *        down-weighted; 0 = off
 */
public record TpeOptions(double gamma, int startup, int candidates, double priorWeight, boolean multivariate,
                         boolean constantLiar, boolean considerEndpoints, boolean magicClip, int linearForgetting) {

    /**
     * gamma 0.1, startup 10, 24 candidates, prior weight 1, joint kernels, constant liar,
     * no endpoints, magic clip, forgetting after 25 (Optuna's defaults, plus multivariate
     * and the liar). Chosen on mean best loss over 20 seeds ({@code SamplerComparison} in
     * the tests); at 200 trials, branin / hartmann6 / cash_synth:
     * joint 0.462 / -3.135 / 0.0841, one at a time 0.407 / -3.195 / 0.0931,
     * tpe-hyperopt 0.571 / -2.830 / 0.0848, random 0.665 / -2.393 / 0.0971.
     * Joint kernels are the default because conditional spaces are what this engine is
     * for and there they win clearly; they give up a little on small smooth problems.
     * At 100 trials gamma 0.15 was better on branin and hartmann6 (0.450, -3.072 against
     * 0.478, -2.953) but worse on cash_synth (0.0976 against 0.0934), as were gamma 0.25
     * (0.1029) and startup 20 (0.0946). The liar changes nothing in a serial run and
     * spreads parallel workers.
     */
    public static final TpeOptions DEFAULTS = new TpeOptions(0.1, 10, 24, 1.0, true, true, false, true, 25);

    /** The good set never holds more trials than this. */
    public static final int GAMMA_CAP = 25;

    public TpeOptions {
        if (!(gamma > 0 && gamma <= 1)) throw new IllegalArgumentException("gamma must be in (0, 1], got " + gamma);
        if (startup < 0) throw new IllegalArgumentException("startup must be >= 0, got " + startup);
        if (candidates < 1) throw new IllegalArgumentException("candidates must be >= 1, got " + candidates);
        if (!(priorWeight > 0)) throw new IllegalArgumentException("priorWeight must be > 0, got " + priorWeight);
        if (linearForgetting < 0) throw new IllegalArgumentException("linearForgetting must be >= 0, got " + linearForgetting);
    }

    /** How many of {@code n} finished trials make the good set. */
    public int goodCount(int n) {
        return Math.min((int) Math.ceil(gamma * n), GAMMA_CAP);
    }

    public TpeOptions withGamma(double g) {
        return new TpeOptions(g, startup, candidates, priorWeight, multivariate, constantLiar, considerEndpoints, magicClip, linearForgetting);
    }

    public TpeOptions withStartup(int s) {
        return new TpeOptions(gamma, s, candidates, priorWeight, multivariate, constantLiar, considerEndpoints, magicClip, linearForgetting);
    }

    public TpeOptions withMultivariate(boolean m) {
        return new TpeOptions(gamma, startup, candidates, priorWeight, m, constantLiar, considerEndpoints, magicClip, linearForgetting);
    }

    public TpeOptions withConstantLiar(boolean c) {
        return new TpeOptions(gamma, startup, candidates, priorWeight, multivariate, c, considerEndpoints, magicClip, linearForgetting);
    }

    public TpeOptions withConsiderEndpoints(boolean e) {
        return new TpeOptions(gamma, startup, candidates, priorWeight, multivariate, constantLiar, e, magicClip, linearForgetting);
    }
}
