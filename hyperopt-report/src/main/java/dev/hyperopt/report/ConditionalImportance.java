package dev.hyperopt.report;

import dev.hyperopt.dsl.ir.Choice;
import dev.hyperopt.dsl.ir.Condition;
import dev.hyperopt.dsl.ir.SearchSpace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Hyperparameter importance that respects the space's conditions. Counting an inactive
 * hyperparameter as a value of its own lets a branch's hyperparameters take the credit of
 * the choice that activates them (a learner's option, active in three trials, outranks the
 * choice of learner). So importance is computed level by level:
 * <ol>
 *   <li>the hyperparameters that are always active are ranked over every trial, each choice
 *   grouped with all the hyperparameters of its branches, shuffled together
 *   ({@link ForestImportance#importances(double[][], double[], int[][])}), so a choice's
 *   share includes what its branches bring;</li>
 *   <li>for each branch of a choice, the hyperparameters it activates are ranked the same way
 *   again, among the trials that took that branch only, where every one of them is active.</li>
 * </ol>
 * This is the restriction to active subspaces that fANOVA makes for conditional spaces
 * (Hutter, Hoos and Leyton-Brown, "An Efficient Approach for Assessing Hyperparameter
 * Importance", ICML 2014), with the forest's permutation importance in place of the
 * functional ANOVA.
 */
final class ConditionalImportance {
    /** A hyperparameter's share among its siblings, and for a choice the rankings within its branches. */
    record Entry(int column, double importance, List<Branch> branches) {}

    /** The hyperparameters a choice's option activates, ranked among the trials that took it (empty entries: too few trials). */
    record Branch(int option, String name, int trials, List<Entry> entries) {}

    private final ForestImportance forest;
    private final SearchSpace space;
    private final double[][] x;
    private final double[] y;
    private final Map<Condition.Atom, List<Integer>> children = new LinkedHashMap<>();
    private final List<Integer> top = new ArrayList<>();

    /**
     * @param space the study's space, or null: then every column is ranked over every trial
     * @param x     one row per ok trial, one column per hyperparameter (the space's order); NaN where inactive
     * @param y     the trials' losses
     */
    ConditionalImportance(ForestImportance forest, SearchSpace space, double[][] x, double[] y) {
        this.forest = forest;
        this.space = space;
        this.x = x;
        this.y = y;
        int p = x.length == 0 ? (space == null ? 0 : space.size()) : x[0].length;
        for (int j = 0; j < p; j++) {
            Condition c = space == null ? Condition.ALWAYS : space.condition(j);
            if (c.isAlways()) top.add(j);
            for (Condition.Atom a : c.anyOf()) children.computeIfAbsent(a, k -> new ArrayList<>()).add(j);
        }
    }

    /** The ranking of the always-active hyperparameters, each with its branches' rankings; null with too few trials. */
    List<Entry> rank() {
        int[] all = new int[y.length];
        for (int i = 0; i < all.length; i++) all[i] = i;
        return rank(all, top);
    }

    private List<Entry> rank(int[] rows, List<Integer> items) {
        if (rows.length < ForestImportance.MIN_TRIALS || items.isEmpty()) return null;
        double[][] sx = new double[rows.length][];
        double[] sy = new double[rows.length];
        for (int k = 0; k < rows.length; k++) {
            sx[k] = x[rows[k]];
            sy[k] = y[rows[k]];
        }
        int[][] groups = new int[items.size()][];
        for (int g = 0; g < items.size(); g++) {
            groups[g] = descendants(items.get(g)).stream().mapToInt(Integer::intValue).toArray();
        }
        double[] imp = forest.importances(sx, sy, groups);
        if (imp == null) return null;
        List<Entry> out = new ArrayList<>();
        for (int g = 0; g < items.size(); g++) out.add(new Entry(items.get(g), imp[g], branches(items.get(g), rows)));
        return out;
    }

    private List<Branch> branches(int column, int[] rows) {
        if (space == null || !(space.hyperparameter(column) instanceof Choice choice)) return List.of();
        List<Branch> out = new ArrayList<>();
        for (int o = 0; o < choice.size(); o++) {
            List<Integer> activated = children.get(new Condition.Atom(column, o));
            if (activated == null) continue;
            int option = o;
            int[] taken = java.util.Arrays.stream(rows).filter(r -> x[r][column] == option).toArray();
            List<Entry> ranked = rank(taken, activated);
            out.add(new Branch(o, choice.labelValue(o).toString(), taken.length, ranked == null ? List.of() : ranked));
        }
        return out;
    }

    /** A hyperparameter and everything its branches activate, however deep. */
    private Set<Integer> descendants(int column) {
        Set<Integer> out = new LinkedHashSet<>();
        List<Integer> todo = new ArrayList<>(List.of(column));
        while (!todo.isEmpty()) {
            int j = todo.remove(todo.size() - 1);
            if (!out.add(j) || space == null || !(space.hyperparameter(j) instanceof Choice c)) continue;
            for (int o = 0; o < c.size(); o++) {
                List<Integer> below = children.get(new Condition.Atom(j, o));
                if (below != null) todo.addAll(below);
            }
        }
        return out;
    }

    /**
     * One score per column for ordering the report's panels and axes: an always-active
     * hyperparameter's share, and a branch's hyperparameter its share within the branch
     * times its choice's score, weighted by the fraction of the choice's trials that took
     * the branch. Columns that were never ranked score 0.
     */
    static double[] flatten(List<Entry> ranking, int columns, int trials) {
        double[] out = new double[columns];
        if (ranking != null) flatten(ranking, 1.0, trials, out);
        return out;
    }

    private static void flatten(List<Entry> entries, double weight, int trials, double[] out) {
        for (Entry e : entries) {
            double score = weight * e.importance();
            out[e.column()] = Math.max(out[e.column()], score);
            for (Branch b : e.branches()) {
                if (trials > 0) flatten(b.entries(), score * b.trials() / trials, b.trials(), out);
            }
        }
    }
}
