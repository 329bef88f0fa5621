package dev.hyperopt.engine.ensemble;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * Ensemble selection from a library of models (Caruana, Niculescu-Mizil, Crew and Ksikes,
 * "Ensemble selection from libraries of models", ICML 2004), as auto-sklearn builds its
 * ensembles: the library is the {@code library} candidates of lowest loss; starting from an
 * empty ensemble, each of {@code size} rounds adds (with replacement) the candidate whose
 * predictions, averaged with the ensemble's, give the lowest loss. The ensemble kept is the
 * round with the lowest loss (the first such round), so it is never worse, on the
 * predictions it was selected on, than the best candidate alone. Ties go to the candidate of
 * lower own loss, then to the lower id, so a selection is reproducible.
 */
public final class EnsembleSelection {
    private EnsembleSelection() {}

    /**
     * A model of the library.
     *
     * @param id            what names it (a trial number)
     * @param loss          its own loss
     * @param distributions its predicted class distribution for each row, all candidates on the same rows
     */
    public record Candidate(long id, double loss, double[][] distributions) {
        public Candidate {
            Objects.requireNonNull(distributions, "distributions");
        }
    }

    /**
     * The selection.
     *
     * @param weights how many times each member was picked, in the order of its first pick
     * @param loss    the loss of the members' weighted mean prediction
     */
    public record Ensemble(Map<Long, Integer> weights, double loss) {
        public Ensemble {
            weights = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(weights));
        }

        /** The number of picks: the denominator of the weights. */
        public int size() {
            return weights.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /**
     * The Brier score of class distributions (rows x classes): the mean over rows of the squared
     * distance between a row's distribution and its true class. A proper scoring rule that moves
     * with every probability, where an error rate moves only when a row's vote flips: on a few
     * hundred rows most candidates of a round tie by the error rate, and the climb follows noise.
     *
     * @param y each row's true class index
     */
    public static ToDoubleFunction<double[][]> brierScore(int[] y) {
        return d -> {
            double sum = 0;
            for (int i = 0; i < y.length; i++) {
                for (int j = 0; j < d[i].length; j++) {
                    double diff = d[i][j] - (j == y[i] ? 1 : 0);
                    sum += diff * diff;
                }
            }
            return sum / y.length;
        };
    }

    /** The fraction of rows whose most probable class (the first of equals) is not their true class {@code y}. */
    public static ToDoubleFunction<double[][]> errorRate(int[] y) {
        return d -> {
            int wrong = 0;
            for (int i = 0; i < y.length; i++) {
                int best = 0;
                for (int j = 1; j < d[i].length; j++) if (d[i][j] > d[i][best]) best = j;
                if (best != y[i]) wrong++;
            }
            return (double) wrong / y.length;
        };
    }

    /** The ensemble's prediction: the members' distributions averaged, a member picked k times counting k times. */
    public static double[][] average(Ensemble ensemble, Map<Long, double[][]> distributions) {
        double[][] mean = null;
        for (Map.Entry<Long, Integer> w : ensemble.weights().entrySet()) {
            double[][] d = Objects.requireNonNull(distributions.get(w.getKey()), () -> "no distributions of member " + w.getKey());
            if (mean == null) mean = new double[d.length][d.length == 0 ? 0 : d[0].length];
            for (int i = 0; i < d.length; i++) {
                for (int j = 0; j < d[i].length; j++) mean[i][j] += w.getValue() * d[i][j] / ensemble.size();
            }
        }
        return mean;
    }

    /**
     * @param loss the loss of averaged predictions (rows x classes), lower is better
     * @throws IllegalArgumentException when there is no candidate or their predictions differ in shape
     */
    public static Ensemble select(List<Candidate> candidates, int library, int size, ToDoubleFunction<double[][]> loss) {
        if (candidates.isEmpty()) throw new IllegalArgumentException("no candidates to select an ensemble from");
        if (library < 1 || size < 1) throw new IllegalArgumentException("library and size must be >= 1, got " + library + " and " + size);
        List<Candidate> lib = new ArrayList<>(candidates);
        lib.sort(Comparator.comparingDouble(Candidate::loss).thenComparingLong(Candidate::id));
        lib = lib.subList(0, Math.min(library, lib.size()));
        int rows = lib.get(0).distributions().length;
        int classes = rows == 0 ? 0 : lib.get(0).distributions()[0].length;
        for (Candidate c : lib) {
            if (c.distributions().length != rows || (rows > 0 && c.distributions()[0].length != classes)) {
                throw new IllegalArgumentException("candidate " + c.id() + " predicts another number of rows or classes");
            }
        }
        double[][] sum = new double[rows][classes];
        double[][] mean = new double[rows][classes];
        Map<Long, Integer> picks = new LinkedHashMap<>();
        Map<Long, Integer> best = null;
        double bestLoss = Double.POSITIVE_INFINITY;
        for (int round = 1; round <= size; round++) {
            Candidate chosen = null;
            double chosenLoss = Double.POSITIVE_INFINITY;
            for (Candidate c : lib) {
                double[][] d = c.distributions();
                for (int i = 0; i < rows; i++) {
                    for (int j = 0; j < classes; j++) mean[i][j] = (sum[i][j] + d[i][j]) / round;
                }
                double l = loss.applyAsDouble(mean);
                if (l < chosenLoss) {
                    chosenLoss = l;
                    chosen = c;
                }
            }
            if (chosen == null) break; // every candidate's loss is undefined
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < classes; j++) sum[i][j] += chosen.distributions()[i][j];
            }
            picks.merge(chosen.id(), 1, Integer::sum);
            if (chosenLoss < bestLoss) {
                bestLoss = chosenLoss;
                best = new LinkedHashMap<>(picks);
            }
        }
        if (best == null) throw new IllegalArgumentException("the loss is undefined for every candidate");
        return new Ensemble(best, bestLoss);
    }
}
