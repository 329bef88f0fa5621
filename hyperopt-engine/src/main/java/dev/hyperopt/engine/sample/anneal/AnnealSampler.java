package dev.hyperopt.engine.sample.anneal;

import dev.hyperopt.dsl.ir.Choice;
import dev.hyperopt.dsl.ir.Dist;
import dev.hyperopt.dsl.ir.Distribution;
import dev.hyperopt.dsl.ir.Hyperparameter;
import dev.hyperopt.dsl.ir.Param;
import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.engine.sample.Observation;
import dev.hyperopt.engine.sample.Sampler;
import dev.hyperopt.engine.sample.SamplingContext;
import dev.hyperopt.engine.sample.random.PriorSampler;
import dev.hyperopt.engine.space.Assignment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Annealing as Hyperopt's {@code anneal.py} does it ({@value #NAME}): random search that
 * concentrates around good trials as the history grows. Not simulated annealing in the
 * Metropolis sense: it has no acceptance step, only a shrinking neighbourhood.
 *
 * <p>Hyperparameters are drawn in space order, skipping inactive ones. For each, a
 * "best" trial is picked among the trials where it was active: if one of the trials
 * already picked for an earlier hyperparameter has it, that one (so values that go
 * together stay together); otherwise the trial at a geometrically distributed rank
 * (mean rank {@code avgBestIdx - 1}, 0 = lowest loss) in the order of losses, failed and
 * running trials counting as infinitely bad. The new value is drawn near that trial's:
 * with T observations of the hyperparameter the neighbourhood is a fraction
 * {@code 1 / (1 + T * shrinkCoef)} of the prior's width (uniform: a window of that
 * width shifted to fit inside the range; normal: that fraction of sigma, in log space for
 * the log kinds). A choice or randint keeps the trial's value with probability
 * {@code 1 - shrink} and otherwise falls back to its prior. A hyperparameter never
 * observed is drawn from its prior.
 */
public final class AnnealSampler implements Sampler {

    public static final String NAME = "anneal";

    /**
     * @param avgBestIdx mean of the geometric distribution over ranks (Hyperopt counts from 1)
     * @param shrinkCoef how fast the neighbourhood shrinks with the number of observations
     */
    public record Options(double avgBestIdx, double shrinkCoef) {
        public static final Options DEFAULTS = new Options(2.0, 0.1);

        public Options {
            if (!(avgBestIdx >= 1)) throw new IllegalArgumentException("avgBestIdx must be >= 1, got " + avgBestIdx);
            if (!(shrinkCoef >= 0)) throw new IllegalArgumentException("shrinkCoef must be >= 0, got " + shrinkCoef);
        }
    }

    private final Options options;

    public AnnealSampler() {
        this(Options.DEFAULTS);
    }

    public AnnealSampler(Options options) {
        this.options = options;
    }

    @Override
    public Assignment suggest(SamplingContext context) {
        SearchSpace space = context.space();
        List<Observation> history = context.history();
        RandomGenerator rng = context.random();
        int n = history.size();
        double[] losses = new double[n];
        for (int t = 0; t < n; t++) {
            Observation o = history.get(t);
            losses[t] = o.isOk() && !Double.isNaN(o.loss()) ? o.loss() : Double.POSITIVE_INFINITY;
        }
        List<Integer> picked = new ArrayList<>();
        double[] values = new double[space.size()];
        Arrays.fill(values, Double.NaN);
        int[] having = new int[n];
        for (int i = 0; i < values.length; i++) {
            if (!space.isActive(i, values)) continue;
            Hyperparameter h = space.hyperparameter(i);
            int count = 0;
            for (int t = 0; t < n; t++) if (!Double.isNaN(history.get(t).values()[i])) having[count++] = t;
            if (count == 0) {
                values[i] = h instanceof Param p ? p.distribution().sample(rng) : PriorSampler.drawOption((Choice) h, rng);
                continue;
            }
            int trial = pick(having, count, losses, picked, i, history, rng);
            double val = history.get(trial).values()[i];
            double shrink = 1.0 / (1.0 + count * options.shrinkCoef());
            values[i] = h instanceof Param p ? near(p.distribution(), val, shrink, rng) : nearOption((Choice) h, (int) val, shrink, rng);
        }
        return new Assignment(space, values);
    }

    /** anneal.py's choose_ltv: an earlier pick that has this hyperparameter, else a new one by geometric rank. */
    private int pick(int[] having, int count, double[] losses, List<Integer> picked, int index,
                     List<Observation> history, RandomGenerator rng) {
        for (int t : picked) {
            if (!Double.isNaN(history.get(t).values()[index])) return t;
        }
        int rank = (int) Math.min(count - 1L, geometric(rng, 1.0 / options.avgBestIdx()) - 1);
        Integer[] order = new Integer[count];
        for (int k = 0; k < count; k++) order[k] = having[k];
        Arrays.sort(order, (a, b) -> Double.compare(losses[a], losses[b]));
        int trial = order[rank];
        picked.add(trial);
        return trial;
    }

    /** numpy's geometric: the number of Bernoulli(p) trials up to the first success, >= 1. */
    static long geometric(RandomGenerator rng, double p) {
        if (p >= 1) return 1;
        double u = 1.0 - rng.nextDouble(); // in (0, 1]
        return 1 + (long) Math.floor(Math.log(u) / Math.log1p(-p));
    }

    static double near(Distribution d, double val, double shrink, RandomGenerator rng) {
        Dist k = d.kind();
        switch (k) {
            case RANDINT: {
                int upper = (int) (d.b() - d.a());
                int keep = (int) (val - d.a());
                double u = rng.nextDouble();
                double acc = 0;
                for (int j = 0; j < upper; j++) {
                    acc += (1 - shrink) * (j == keep ? 1 : 0) + shrink / upper;
                    if (u < acc) return d.a() + j;
                }
                return d.a() + upper - 1;
            }
            case UNIFORMINT: {
                double x = window(val, d.a() - 0.5, d.b() + 0.5, shrink, rng);
                return Math.min(d.b(), Math.max(d.a(), Math.rint(x)));
            }
            case UNIFORM:
                return window(val, d.a(), d.b(), shrink, rng);
            case QUNIFORM:
                return d.quantize(window(val, d.a(), d.b(), shrink, rng));
            case LOGUNIFORM:
                return Math.exp(window(Math.log(val), Math.log(d.a()), Math.log(d.b()), shrink, rng));
            case QLOGUNIFORM:
                return d.quantize(Math.exp(window(Math.log(Math.max(val, 1e-16)), Math.log(d.a()), Math.log(d.b()), shrink, rng)));
            case NORMAL:
                return val + d.sigma() * shrink * rng.nextGaussian();
            case QNORMAL:
                return d.quantize(val + d.sigma() * shrink * rng.nextGaussian());
            case LOGNORMAL:
                return Math.exp(Math.log(val) + d.sigma() * shrink * rng.nextGaussian());
            case QLOGNORMAL:
                return d.quantize(Math.exp(Math.log(1e-16 + val) + d.sigma() * shrink * rng.nextGaussian()));
            default:
                throw new IllegalStateException("unknown distribution " + k);
        }
    }

    /** anneal.py's hp_uniform: a window of the shrunk width around {@code mid}, shifted to fit in [low, high]. */
    private static double window(double mid, double low, double high, double shrink, RandomGenerator rng) {
        double half = 0.5 * (high - low) * shrink;
        double centre = Math.min(high - half, Math.max(low + half, mid));
        return centre - half + 2 * half * rng.nextDouble();
    }

    /** anneal.py's hp_categorical: keep the option with probability 1 - shrink, else the prior. */
    static int nearOption(Choice c, int keep, double shrink, RandomGenerator rng) {
        double u = rng.nextDouble();
        double acc = 0;
        List<Double> w = c.weights();
        for (int j = 0; j < w.size() - 1; j++) {
            acc += (1 - shrink) * (j == keep ? 1 : 0) + shrink * w.get(j);
            if (u < acc) return j;
        }
        return w.size() - 1;
    }
}
