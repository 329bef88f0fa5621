package dev.hyperopt.engine.sample.tpe;

import dev.hyperopt.dsl.ir.Condition;
import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.engine.sample.Observation;
import dev.hyperopt.engine.sample.Sampler;
import dev.hyperopt.engine.sample.SamplingContext;
import dev.hyperopt.engine.sample.random.PriorSampler;
import dev.hyperopt.engine.space.Assignment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The default TPE ({@value #NAME}): Hyperopt's algorithm with what Optuna's TPESampler
 * added to it. Bergstra et al., "Algorithms for Hyper-Parameter Optimization" (NIPS
 * 2011) for the method; the joint kernels follow Falkner, Klein, Hutter, "BOHB" (ICML
 * 2018) and Watanabe, "Tree-structured Parzen Estimator: Understanding Its Algorithm
 * Components and Their Roles for Better Empirical Performance" (2023).
 *
 * <p>Hyperparameters that share a condition form a group (all of them are active in the
 * same trials); groups are visited in space order, skipping inactive ones, so the
 * choices made so far decide which groups come next. With {@code multivariate} each
 * group is modelled jointly by {@link ProductKernels}, so that interactions inside a
 * group (learning rate and regularisation of the same model) are seen; otherwise every
 * hyperparameter is its own group, as in Hyperopt.
 *
 * <p>Finished trials are split by loss: the best {@code min(ceil(gamma * n), 25)} are the
 * good set. Jointly, the split is made among the trials in which the group was active,
 * so a conditional group is judged against its own branch; alone, among all trials (as
 * Optuna does). With {@code failedAsWorst} a failed trial counts with the worst loss, behind
 * every finished one, so its point lands in the bad set (Hyperopt and Optuna leave failed
 * trials out; a choice whose trials all failed then looks unexplored, and TPE proposes it
 * again). Pruned trials count as finished, ranked behind
 * the ok ones by how far they got and their last value (see {@link #rankWithPruned}), so a
 * pruner sharpens the model instead of hiding trials from it. With {@code constantLiar} a running trial
 * counts as a finished one with the worst loss: its point lands in the bad set and the
 * next suggestion moves away from it, which spreads parallel workers. {@code candidates}
 * joint draws from l are scored by log l(x) - log g(x) and the best is kept. Before
 * {@code startup} finished trials, the prior is sampled.
 *
 * <p>With the defaults the joint kernels refine as well as univariate ones: each kernel's
 * width per dimension is its distance to its neighbours, the lower clip on widths falls
 * with the group's history, and good observations weigh more the better their rank, so
 * l concentrates near the incumbent as annealing does while EI (l / g) still decides
 * among the candidates; a heavier prior keeps exploring.
 */
public final class TpeSampler implements Sampler {

    public static final String NAME = "tpe";

    private final TpeOptions options;

    public TpeSampler() {
        this(TpeOptions.DEFAULTS);
    }

    public TpeSampler(TpeOptions options) {
        this.options = options;
    }

    public TpeOptions options() {
        return options;
    }

    @Override
    public Assignment suggest(SamplingContext context) {
        SearchSpace space = context.space();
        RandomGenerator rng = context.random();
        List<Observation> history = context.history();

        // The trials that count, in trial order, with their losses (running: +inf).
        int total = history.size();
        int[] counted = new int[total];
        double[] losses = new double[total];
        int m = 0;
        int finished = 0;
        int pruned = 0;
        for (int t = 0; t < total; t++) {
            Observation o = history.get(t);
            boolean ok = o.isOk() && !Double.isNaN(o.loss());
            boolean cut = o.isPrunedWithValue();
            boolean liar = options.constantLiar() && o.state() == Observation.State.RUNNING;
            boolean failed = options.failedAsWorst() && o.state() == Observation.State.FAILED;
            if (!ok && !cut && !liar && !failed) continue;
            counted[m] = t;
            losses[m] = ok ? o.loss() : Double.POSITIVE_INFINITY;
            m++;
            if (ok || cut) finished++;
            if (cut) pruned++;
        }
        if (pruned > 0) rankWithPruned(history, counted, losses, m);
        if (finished < Math.max(1, options.startup())) return PriorSampler.sample(space, rng);

        boolean[] globalGood = options.multivariate() ? null : good(losses, allOf(m), m, finished);

        double[] values = new double[space.size()];
        Arrays.fill(values, Double.NaN);
        for (int[] group : groups(space, options.multivariate())) {
            if (!space.isActive(group[0], values)) continue;
            Dimension[] dims = new Dimension[group.length];
            for (int j = 0; j < group.length; j++) dims[j] = Dimension.of(space.hyperparameter(group[j]));

            // The counted trials in which this group was active.
            int[] rel = new int[m];
            int r = 0;
            int relFinished = 0;
            for (int c = 0; c < m; c++) {
                Observation o = history.get(counted[c]);
                if (!activeIn(o.values(), group)) continue;
                rel[r++] = c;
                if (o.isOk() || o.isPrunedWithValue()) relFinished++;
            }
            boolean[] isGood;
            if (globalGood != null) {
                isGood = new boolean[r];
                for (int i = 0; i < r; i++) isGood[i] = globalGood[rel[i]];
            } else {
                isGood = good(losses, rel, r, relFinished);
            }
            double[][] goodObs = new double[group.length][r];
            double[][] badObs = new double[group.length][r];
            double[] goodLoss = new double[r];
            int ng = 0;
            int nb = 0;
            for (int i = 0; i < r; i++) {
                double[] v = history.get(counted[rel[i]]).values();
                double[][] into = isGood[i] ? goodObs : badObs;
                int slot = isGood[i] ? ng++ : nb++;
                if (isGood[i]) goodLoss[slot] = losses[rel[i]];
                for (int j = 0; j < group.length; j++) into[j][slot] = dims[j].toWorking(v[group[j]]);
            }
            Fit fit = new Fit(options.rankWeights() > 0 ? rankWeights(goodLoss, ng, options.rankWeights()) : null,
                    options.clipByHistory() ? r : ng, options.clipByHistory() ? r : nb);
            if (group.length > 1) {
                sampleJointly(group, dims, goodObs, ng, badObs, nb, fit, rng, values);
            } else {
                // A group of one: the joint estimator is a one-dimensional mixture, evaluated as such.
                values[group[0]] = sampleAlone(dims[0], goodObs[0], ng, badObs[0], nb, fit, rng);
            }
        }
        return new Assignment(space, values);
    }

    /**
     * Puts pruned trials into the ranking, as Optuna's TPE and BOHB do: behind every trial
     * that finished, those that got further before they were stopped first, and among those
     * stopped at the same step, the lower value there first. Losses become ranks (ties kept),
     * which the split and the rank weights read as they read losses; running trials stay last.
     */
    static void rankWithPruned(List<Observation> history, int[] counted, double[] losses, int m) {
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) order[i] = i;
        java.util.Comparator<Integer> byRank = (a, b) -> {
            Observation x = history.get(counted[a]);
            Observation y = history.get(counted[b]);
            int kx = kind(x);
            int ky = kind(y);
            if (kx != ky) return Integer.compare(kx, ky);
            if (kx == 0) return Double.compare(losses[a], losses[b]);
            if (kx == 1) {
                if (x.step() != y.step()) return Long.compare(y.step(), x.step());
                return Double.compare(x.value(), y.value());
            }
            return 0;
        };
        Arrays.sort(order, byRank.thenComparingInt(i -> i));
        double[] ranks = new double[m];
        for (int k = 0; k < m; k++) {
            int i = order[k];
            boolean tie = k > 0 && byRank.compare(order[k - 1], i) == 0;
            ranks[i] = kind(history.get(counted[i])) == 2 ? Double.POSITIVE_INFINITY : tie ? ranks[order[k - 1]] : k;
        }
        System.arraycopy(ranks, 0, losses, 0, m);
    }

    /** 0: finished ok, 1: pruned with a value, 2: running (the constant liar) or failed. */
    private static int kind(Observation o) {
        if (o.isOk() && !Double.isNaN(o.loss())) return 0;
        return o.isPrunedWithValue() ? 1 : 2;
    }

    /** How the two estimators are fitted: the good observations' weights (null: forgetting) and the magic clip's counts. */
    private record Fit(double[] goodWeights, int goodClip, int badClip) {}

    /**
     * Weights of the good observations by rank of loss, falling linearly from the best to
     * the worst of them and averaging 1: l leans towards the incumbent, the way annealing
     * does, while still spreading over the whole good set.
     */
    static double[] rankWeights(double[] loss, int ng, double slope) {
        double[] w = new double[ng];
        int[] order = Sorting.argsort(loss, ng);
        for (int rank = 0; rank < ng; rank++) w[order[rank]] = 1 - slope + slope * 2.0 * (ng - rank) / (ng + 1.0);
        return w;
    }

    private void sampleJointly(int[] group, Dimension[] dims, double[][] goodObs, int ng, double[][] badObs, int nb,
                               Fit fit, RandomGenerator rng, double[] values) {
        ProductKernels l = new ProductKernels(dims, goodObs, ng, fit.goodWeights(), fit.goodClip(), options);
        ProductKernels g = new ProductKernels(dims, badObs, nb, null, fit.badClip(), options);
        double[] candidate = new double[group.length];
        double[] best = new double[group.length];
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < options.candidates(); c++) {
            l.sample(rng, candidate);
            double score = l.logPdf(candidate) - g.logPdf(candidate);
            if (c == 0 || score > bestScore) {
                bestScore = score;
                System.arraycopy(candidate, 0, best, 0, best.length);
            }
        }
        for (int j = 0; j < group.length; j++) {
            values[group[j]] = dims[j].isCategorical() ? best[j] + dims[j].offset() : best[j];
        }
    }

    private double sampleAlone(Dimension dim, double[] goodObs, int ng, double[] badObs, int nb, Fit fit, RandomGenerator rng) {
        double best = Double.NaN;
        double bestScore = Double.NEGATIVE_INFINITY;
        if (dim.isCategorical()) {
            double[] l = UnivariateParzen.categorical(dim, goodObs, ng, fit.goodWeights(), options);
            double[] g = UnivariateParzen.categorical(dim, badObs, nb, options);
            for (int c = 0; c < options.candidates(); c++) {
                int k = CategoricalPosterior.draw(l, rng.nextDouble());
                double score = Math.log(l[k]) - Math.log(g[k]);
                if (c == 0 || score > bestScore) {
                    bestScore = score;
                    best = k;
                }
            }
            return best + dim.offset();
        }
        UnivariateParzen l = new UnivariateParzen(dim, goodObs, ng, fit.goodWeights(), fit.goodClip(), options);
        UnivariateParzen g = new UnivariateParzen(dim, badObs, nb, null, fit.badClip(), options);
        double[] seen = dim.isQuantized() ? new double[options.candidates()] : null;
        double[] seenScore = dim.isQuantized() ? new double[options.candidates()] : null;
        for (int c = 0; c < options.candidates(); c++) {
            double y = l.sample(rng);
            double x = dim.fromWorking(y);
            double score = seen == null ? Double.NaN : HyperoptTpeSampler.recall(seen, seenScore, c, x);
            if (Double.isNaN(score)) score = l.logPdf(x, y) - g.logPdf(x, y);
            if (seen != null) {
                seen[c] = x;
                seenScore[c] = score;
            }
            if (c == 0 || score > bestScore) {
                bestScore = score;
                best = x;
            }
        }
        return best;
    }

    private static boolean activeIn(double[] values, int[] group) {
        for (int i : group) if (Double.isNaN(values[i])) return false;
        return true;
    }

    private static int[] allOf(int m) {
        int[] all = new int[m];
        for (int i = 0; i < m; i++) all[i] = i;
        return all;
    }

    /** Which of the trials {@code rel[0..r)} are good: the best goodCount(finished) by loss, ties in trial order. */
    private boolean[] good(double[] losses, int[] rel, int r, int finished) {
        double[] keys = new double[r];
        for (int i = 0; i < r; i++) keys[i] = losses[rel[i]];
        return Sorting.smallest(keys, r, Math.min(options.goodCount(finished), finished));
    }

    /**
     * Hyperparameter indices grouped by condition, groups ordered by their first index;
     * a choice always precedes what it conditions, so this order is a valid drawing order.
     * Without {@code joint}, every hyperparameter is its own group.
     */
    static List<int[]> groups(SearchSpace space, boolean joint) {
        List<int[]> out = new ArrayList<>();
        if (!joint) {
            for (int i = 0; i < space.size(); i++) out.add(new int[] {i});
            return out;
        }
        Map<Condition, List<Integer>> byCondition = new LinkedHashMap<>();
        for (int i = 0; i < space.size(); i++) {
            byCondition.computeIfAbsent(space.condition(i), k -> new ArrayList<>()).add(i);
        }
        for (List<Integer> members : byCondition.values()) {
            out.add(members.stream().mapToInt(Integer::intValue).toArray());
        }
        return out;
    }
}
