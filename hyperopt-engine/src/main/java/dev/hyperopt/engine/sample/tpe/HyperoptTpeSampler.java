package dev.hyperopt.engine.sample.tpe;

import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.engine.sample.Observation;
import dev.hyperopt.engine.sample.Sampler;
import dev.hyperopt.engine.sample.SamplingContext;
import dev.hyperopt.engine.sample.random.PriorSampler;
import dev.hyperopt.engine.space.Assignment;

import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The Tree-structured Parzen Estimator exactly as Hyperopt's {@code tpe.suggest} runs it
 * (Bergstra, Bardenet, Bengio, Kégl: "Algorithms for Hyper-Parameter Optimization",
 * NIPS 2011); selected as {@value #NAME}.
 *
 * <p>Every earlier trial counts, a failed or still-running one with an infinite loss.
 * Below {@code startup} trials it samples the prior. Then the trials are split by loss:
 * the best {@code min(ceil(gamma * sqrt(n)), 25)} make the "good" set, the rest the
 * "bad" set. Walking the hyperparameters in space order and skipping inactive ones, each
 * gets two estimators fitted to its values in the trials where it was active: l(x) on
 * the good ones, g(x) on the bad ones ({@link AdaptiveParzen} for numbers,
 * {@link CategoricalPosterior} for choices and randint). {@code candidates} values are
 * drawn from l and the one with the largest log l(x) - log g(x) is kept; the choices made
 * so far decide which hyperparameters come next. Each hyperparameter is thus chosen on
 * its own, given the choices above it.
 *
 * <p>Densities follow tpe.py: bounded mixtures are truncated as a whole (GMM1_lpdf divides
 * by the mixture's mass inside the bounds), quantized values score the mass of their
 * rounding bin, log-scaled ones use the log-normal mixture LGMM1, whose unquantized
 * density, as in Hyperopt, leaves out the truncation mass.
 */
public final class HyperoptTpeSampler implements Sampler {

    public static final String NAME = "tpe-hyperopt";

    /** Hyperopt caps the good set at this many trials (gamma_cap = DEFAULT_LF). */
    public static final int GAMMA_CAP = 25;

    /**
     * Hyperopt's knobs.
     *
     * @param gamma the good set holds ceil(gamma * sqrt(n)) trials (capped at 25)
     * @param startup trials sampled from the prior before TPE starts
     * @param candidates draws from l(x) per hyperparameter
     * @param priorWeight weight of the prior component against each observation's 1
     * @param linearForgetting observations beyond the most recent this many are down-weighted; 0 = off
     */
    public record Options(double gamma, int startup, int candidates, double priorWeight, int linearForgetting) {
        public static final Options DEFAULTS = new Options(0.25, 20, 24, 1.0, 25);

        public Options {
            if (!(gamma > 0)) throw new IllegalArgumentException("gamma must be > 0, got " + gamma);
            if (startup < 0) throw new IllegalArgumentException("startup must be >= 0, got " + startup);
            if (candidates < 1) throw new IllegalArgumentException("candidates must be >= 1, got " + candidates);
            if (!(priorWeight > 0)) throw new IllegalArgumentException("priorWeight must be > 0, got " + priorWeight);
            if (linearForgetting < 0) throw new IllegalArgumentException("linearForgetting must be >= 0, got " + linearForgetting);
        }
    }

    private final Options options;

    public HyperoptTpeSampler() {
        this(Options.DEFAULTS);
    }

    public HyperoptTpeSampler(Options options) {
        this.options = options;
    }

    public Options options() {
        return options;
    }

    @Override
    public Assignment suggest(SamplingContext context) {
        SearchSpace space = context.space();
        List<Observation> history = context.history();
        RandomGenerator rng = context.random();
        int n = history.size();
        if (n < options.startup() || n == 0) return PriorSampler.sample(space, rng);

        double[] losses = new double[n];
        for (int t = 0; t < n; t++) {
            Observation o = history.get(t);
            losses[t] = o.isOk() && !Double.isNaN(o.loss()) ? o.loss() : Double.POSITIVE_INFINITY;
        }
        boolean[] good = goodSet(losses, n, options.gamma());

        double[] values = new double[space.size()];
        Arrays.fill(values, Double.NaN);
        double[] goodObs = new double[n];
        double[] badObs = new double[n];
        for (int i = 0; i < values.length; i++) {
            if (!space.isActive(i, values)) continue;
            Dimension dim = Dimension.of(space.hyperparameter(i));
            int ng = 0;
            int nb = 0;
            for (int t = 0; t < n; t++) {
                double v = history.get(t).values()[i];
                if (Double.isNaN(v)) continue;
                if (good[t]) goodObs[ng++] = dim.toWorking(v);
                else badObs[nb++] = dim.toWorking(v);
            }
            values[i] = dim.isCategorical()
                    ? bestCategorical(dim, goodObs, ng, badObs, nb, rng)
                    : bestNumeric(dim, goodObs, ng, badObs, nb, rng);
        }
        return new Assignment(space, values);
    }

    /** Hyperopt's ap_split_trials: the best min(ceil(gamma sqrt(n)), 25) trials by loss, ties in trial order. */
    static boolean[] goodSet(double[] losses, int n, double gamma) {
        return Sorting.smallest(losses, n, Math.min((int) Math.ceil(gamma * Math.sqrt(n)), GAMMA_CAP));
    }

    private double bestNumeric(Dimension dim, double[] goodObs, int ng, double[] badObs, int nb, RandomGenerator rng) {
        double pw = options.priorWeight();
        int lf = options.linearForgetting();
        GaussianMixture l = new GaussianMixture(AdaptiveParzen.fit(goodObs, ng, pw, dim.priorMu(), dim.priorSigma(), lf));
        GaussianMixture g = new GaussianMixture(AdaptiveParzen.fit(badObs, nb, pw, dim.priorMu(), dim.priorSigma(), lf));
        double logAcceptL = dim.isBounded() ? Math.log(l.mass(dim.lo(), dim.hi())) : 0;
        double logAcceptG = dim.isBounded() ? Math.log(g.mass(dim.lo(), dim.hi())) : 0;
        double best = Double.NaN;
        double bestScore = Double.NEGATIVE_INFINITY;
        // Quantized draws repeat; a repeated value has the score already computed for it.
        double[] seen = dim.isQuantized() ? new double[options.candidates()] : null;
        double[] seenScore = dim.isQuantized() ? new double[options.candidates()] : null;
        for (int c = 0; c < options.candidates(); c++) {
            double y = l.sample(rng, dim.lo(), dim.hi());
            double x = dim.fromWorking(y);
            double score = seen == null ? Double.NaN : recall(seen, seenScore, c, x);
            if (Double.isNaN(score)) score = logPdf(dim, l, logAcceptL, x, y) - logPdf(dim, g, logAcceptG, x, y);
            if (seen != null) {
                seen[c] = x;
                seenScore[c] = score;
            }
            if (c == 0 || score > bestScore) {
                best = x;
                bestScore = score;
            }
        }
        return best;
    }

    /** The score of value {@code x} if one of the first {@code count} candidates had it, else NaN. */
    static double recall(double[] seen, double[] seenScore, int count, double x) {
        for (int i = 0; i < count; i++) if (seen[i] == x) return seenScore[i];
        return Double.NaN;
    }

    /**
     * The log density tpe.py gives value {@code x} (drawn as {@code y} in working space):
     * GMM1_lpdf or LGMM1_lpdf, with or without q.
     */
    static double logPdf(Dimension dim, GaussianMixture m, double logAccept, double x, double y) {
        if (dim.isQuantized()) return Math.log(m.mass(dim.binLow(x), dim.binHigh(x))) - logAccept;
        if (dim.log()) return m.logDensity(y) - y;
        return m.logDensity(y) - logAccept;
    }

    private double bestCategorical(Dimension dim, double[] goodObs, int ng, double[] badObs, int nb, RandomGenerator rng) {
        double pw = options.priorWeight();
        int lf = options.linearForgetting();
        double[] l = CategoricalPosterior.probabilities(goodObs, ng, dim.prior(), pw, lf);
        double[] g = CategoricalPosterior.probabilities(badObs, nb, dim.prior(), pw, lf);
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < options.candidates(); c++) {
            int k = CategoricalPosterior.draw(l, rng.nextDouble());
            double score = Math.log(l[k]) - Math.log(g[k]);
            if (c == 0 || score > bestScore) {
                best = k;
                bestScore = score;
            }
        }
        return best + dim.offset();
    }
}
