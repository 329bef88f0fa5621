package dev.hyperopt.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Hyperparameter importance as random-forest permutation importance (Breiman, "Random
 * Forests", Machine Learning 45, 2001, section 10): a forest of regression trees is grown on
 * bootstrap samples of the trials, each predicting the loss from the hyperparameter values;
 * a feature's importance is how much the trees' error on their out-of-bag trials grows when
 * that feature's values are shuffled among those trials. Importances are clamped at zero and
 * scaled to sum to one, so they read as shares of the explained variation.
 *
 * <p>Inputs are a matrix of feature values (NaN for a hyperparameter that was inactive in a
 * trial) and the losses. Trees split numeric and categorical features alike on thresholds of
 * the value (a category's index), which is invariant to monotone transforms, so log-scaled
 * hyperparameters need no transform. An inactive value is put below every active one, so a
 * split can separate "inactive" from "active". The loss is replaced by its rank (scaled to
 * [0, 1]) so that a few huge losses do not decide everything.
 */
public final class ForestImportance {
    /** Below this many trials the importances are too noisy to show. */
    public static final int MIN_TRIALS = 8;

    private final int trees;
    private final int maxDepth;
    private final int minLeaf;
    private final int maxSample;
    private final long seed;

    /** The forest used by reports: 64 trees, depth at most 12, leaves of at least 3 trials, bootstrap samples of at most 1000. */
    public ForestImportance() {
        this(64, 12, 3, 1000, 0x5eedL);
    }

    public ForestImportance(int trees, int maxDepth, int minLeaf, int maxSample, long seed) {
        if (trees < 1 || maxDepth < 1 || minLeaf < 1 || maxSample < 2) throw new IllegalArgumentException("invalid forest settings");
        this.trees = trees;
        this.maxDepth = maxDepth;
        this.minLeaf = minLeaf;
        this.maxSample = maxSample;
        this.seed = seed;
    }

    /** A one-line description of the method, for the report. */
    public String method() {
        return "random-forest permutation importance (" + trees + " regression trees on loss ranks; "
                + "shuffled out-of-bag error increase, scaled to sum to 1)";
    }

    /**
     * @param x one row per trial, one column per hyperparameter; NaN where inactive
     * @param y the trials' losses, finite
     * @return one importance per column, each in [0, 1], summing to 1; all zero when nothing
     * explains the loss; null when there are fewer than {@link #MIN_TRIALS} rows or no columns
     */
    public double[] importances(double[][] x, double[] y) {
        int p = x.length == 0 ? 0 : x[0].length;
        int[][] singletons = new int[p][];
        for (int j = 0; j < p; j++) singletons[j] = new int[]{j};
        return importances(x, y, singletons);
    }

    /**
     * Importances of groups of columns: a group's columns are shuffled together, with one
     * permutation of the out-of-bag rows, so a group reads as what its columns explain
     * jointly (grouped permutation importance, Gregorutti, Michel and Saint-Pierre,
     * "Grouped variable importance with random forests", Statistics and Computing 27, 2017).
     * A choice grouped with the hyperparameters of its branches takes the credit of both.
     *
     * @param groups column indices of each group; a column in no group is still split on
     * @return one importance per group, each in [0, 1], summing to 1 (all zero when nothing
     * explains the loss); null with fewer than {@link #MIN_TRIALS} rows, no columns or no groups
     */
    public double[] importances(double[][] x, double[] y, int[][] groups) {
        int n = y.length;
        if (x.length != n) throw new IllegalArgumentException("x has " + x.length + " rows, y has " + n);
        if (n < MIN_TRIALS || n == 0 || x[0].length == 0 || groups.length == 0) return null;
        int p = x[0].length;
        boolean[][] inGroup = new boolean[groups.length][p];
        for (int g = 0; g < groups.length; g++) for (int j : groups[g]) inGroup[g][j] = true;
        double[][] cols = new double[p][n];
        for (int j = 0; j < p; j++) {
            double min = Double.POSITIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                if (x[i].length != p) throw new IllegalArgumentException("row " + i + " has " + x[i].length + " values, not " + p);
                if (!Double.isNaN(x[i][j])) min = Math.min(min, x[i][j]);
            }
            double inactive = Double.isInfinite(min) ? 0 : min - 1;
            for (int i = 0; i < n; i++) cols[j][i] = Double.isNaN(x[i][j]) ? inactive : x[i][j];
        }
        double[] r = ranks(y);
        int[][] order = new int[p][];
        for (int j = 0; j < p; j++) order[j] = valueRanks(cols[j]);
        SplittableRandom rng = new SplittableRandom(seed);
        double[] increase = new double[groups.length];
        int mtry = Math.max(1, (int) Math.ceil(p / 3.0));
        int m = Math.min(n, maxSample);
        for (int t = 0; t < trees; t++) {
            SplittableRandom tr = rng.split();
            int[] sample = new int[m];
            boolean[] inBag = new boolean[n];
            for (int i = 0; i < m; i++) {
                sample[i] = tr.nextInt(n);
                inBag[sample[i]] = true;
            }
            Node root = grow(cols, order, r, sample, 0, tr, mtry);
            int[] oob = outOfBag(inBag);
            if (oob.length < 2) continue;
            if (oob.length > maxSample) {
                // Enough out-of-bag rows to measure the error; more only cost time.
                shuffle(oob, tr);
                oob = Arrays.copyOf(oob, maxSample);
            }
            double base = error(root, cols, r, oob, null, null);
            for (int g = 0; g < groups.length; g++) {
                int[] perm = oob.clone();
                shuffle(perm, tr);
                increase[g] += error(root, cols, r, oob, inGroup[g], perm) - base;
            }
        }
        double sum = 0;
        for (int g = 0; g < groups.length; g++) {
            increase[g] = Math.max(0, increase[g]);
            sum += increase[g];
        }
        if (sum > 0) for (int g = 0; g < groups.length; g++) increase[g] /= sum;
        return increase;
    }

    /** Ranks scaled to [0, 1]; ties share their mean rank. */
    static double[] ranks(double[] y) {
        int n = y.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Double.compare(y[a], y[b]));
        double[] r = new double[n];
        int i = 0;
        while (i < n) {
            int k = i;
            while (k + 1 < n && y[order[k + 1]] == y[order[i]]) k++;
            double mean = (i + k) / 2.0;
            for (int s = i; s <= k; s++) r[order[s]] = n == 1 ? 0 : mean / (n - 1);
            i = k + 1;
        }
        return r;
    }

    /** Each row's position among the column's distinct values, in increasing order. */
    static int[] valueRanks(double[] col) {
        int n = col.length;
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        Arrays.sort(idx, (a, b) -> Double.compare(col[a], col[b]));
        int[] rank = new int[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (i > 0 && col[idx[i]] != col[idx[i - 1]]) k++;
            rank[idx[i]] = k;
        }
        return rank;
    }

    private static int[] outOfBag(boolean[] inBag) {
        int c = 0;
        for (boolean b : inBag) if (!b) c++;
        int[] out = new int[c];
        int k = 0;
        for (int i = 0; i < inBag.length; i++) if (!inBag[i]) out[k++] = i;
        return out;
    }

    private static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** Mean squared error on rows {@code rows}; the {@code permuted} features read from row {@code perm[k]} instead. */
    private static double error(Node root, double[][] cols, double[] r, int[] rows, boolean[] permuted, int[] perm) {
        double se = 0;
        for (int k = 0; k < rows.length; k++) {
            int i = rows[k];
            Node nd = root;
            while (nd.feature >= 0) {
                double v = permuted != null && permuted[nd.feature] ? cols[nd.feature][perm[k]] : cols[nd.feature][i];
                nd = v <= nd.threshold ? nd.left : nd.right;
            }
            double d = nd.value - r[i];
            se += d * d;
        }
        return se / rows.length;
    }

    /** A tree node: a split on {@code feature <= threshold}, or a leaf ({@code feature == -1}) predicting {@code value}. */
    private static final class Node {
        int feature = -1;
        double threshold;
        double value;
        Node left;
        Node right;
    }

    private Node grow(double[][] cols, int[][] order, double[] r, int[] rows, int depth, SplittableRandom rng, int mtry) {
        Node node = new Node();
        double sum = 0;
        for (int i : rows) sum += r[i];
        node.value = sum / rows.length;
        if (depth >= maxDepth || rows.length < 2 * minLeaf) return node;
        int p = cols.length;
        List<Integer> features = new ArrayList<>(p);
        for (int j = 0; j < p; j++) features.add(j);
        double bestGain = 1e-12;
        int bestFeature = -1;
        double bestThreshold = 0;
        long[] keys = new long[rows.length];
        int[] sorted = new int[rows.length];
        // Try mtry random features; if none of them splits, keep drawing from the rest.
        for (int tried = 0; tried < p && (tried < mtry || bestFeature < 0); tried++) {
            int pick = tried + rng.nextInt(p - tried);
            int j = features.get(pick);
            features.set(pick, features.get(tried));
            features.set(tried, j);
            double[] col = cols[j];
            // Sort the rows by value: each key packs the value's rank over all rows above the row number.
            int[] rank = order[j];
            for (int k = 0; k < rows.length; k++) keys[k] = (long) rank[rows[k]] << 32 | rows[k];
            Arrays.sort(keys);
            for (int k = 0; k < rows.length; k++) sorted[k] = (int) keys[k];
            double leftSum = 0;
            int n = rows.length;
            for (int k = 0; k < n - 1; k++) {
                leftSum += r[sorted[k]];
                int nl = k + 1;
                if (nl < minLeaf || n - nl < minLeaf) continue;
                double a = col[sorted[k]];
                double b = col[sorted[k + 1]];
                if (a == b) continue;
                double rightSum = sum - leftSum;
                // Variance reduction up to a constant: sum^2/n of each side minus the parent's.
                double gain = leftSum * leftSum / nl + rightSum * rightSum / (n - nl) - sum * sum / n;
                if (gain > bestGain) {
                    bestGain = gain;
                    bestFeature = j;
                    double mid = a + (b - a) / 2;
                    bestThreshold = mid < b ? mid : a;
                }
            }
        }
        if (bestFeature < 0) return node;
        int nl = 0;
        for (int i : rows) if (cols[bestFeature][i] <= bestThreshold) nl++;
        int[] left = new int[nl];
        int[] right = new int[rows.length - nl];
        int a = 0;
        int b = 0;
        for (int i : rows) {
            if (cols[bestFeature][i] <= bestThreshold) left[a++] = i;
            else right[b++] = i;
        }
        node.feature = bestFeature;
        node.threshold = bestThreshold;
        node.left = grow(cols, order, r, left, depth + 1, rng, mtry);
        node.right = grow(cols, order, r, right, depth + 1, rng, mtry);
        return node;
    }
}
