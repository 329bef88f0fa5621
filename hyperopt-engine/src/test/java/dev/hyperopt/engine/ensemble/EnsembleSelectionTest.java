package dev.hyperopt.engine.ensemble;

import dev.hyperopt.engine.ensemble.EnsembleSelection.Candidate;
import dev.hyperopt.engine.ensemble.EnsembleSelection.Ensemble;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class EnsembleSelectionTest {

    private static ToDoubleFunction<double[][]> error(int[] y) {
        return EnsembleSelection.errorRate(y);
    }

    @Test
    void theBrierScoreAndTheErrorRateOfDistributions() {
        int[] y = {0, 1, 2};
        double[][] d = {{0.8, 0.2, 0.0}, {0.5, 0.5, 0.0}, {0.0, 0.0, 1.0}};
        // (0.04 + 0.04) + (0.25 + 0.25) + 0, over 3 rows; row 1's tie goes to the first class, which is wrong.
        assertThat(EnsembleSelection.brierScore(y).applyAsDouble(d)).isCloseTo(0.58 / 3, within(1e-12));
        assertThat(EnsembleSelection.errorRate(y).applyAsDouble(d)).isCloseTo(1.0 / 3, within(1e-12));
    }

    @Test
    void anEnsemblePredictsTheWeightedMeanOfItsMembers() {
        Ensemble e = new Ensemble(Map.of(1L, 3, 2L, 1), 0);
        double[][] mean = EnsembleSelection.average(e, Map.of(1L, new double[][]{{1, 0}}, 2L, new double[][]{{0, 1}}, 3L,
                new double[][]{{0.5, 0.5}}));
        assertThat(mean[0]).containsExactly(0.75, 0.25);
    }

    /** A model right on the rows of {@code right}, and there confident (0.9); wrong elsewhere, and there unsure (0.6). */
    private static Candidate model(long id, int[] y, boolean[] right) {
        double[][] d = new double[y.length][2];
        int wrong = 0;
        for (int i = 0; i < y.length; i++) {
            int said = right[i] ? y[i] : 1 - y[i];
            if (!right[i]) wrong++;
            d[i][said] = right[i] ? 0.9 : 0.6;
            d[i][1 - said] = 1 - d[i][said];
        }
        return new Candidate(id, (double) wrong / y.length, d);
    }

    @Test
    void modelsWithDifferentMistakesVoteTheirErrorsAway() {
        // Each model is wrong, and unsure, on its own third of the rows: alone 1/3 error, any two together none.
        int n = 30;
        int[] y = new int[n];
        for (int i = 0; i < n; i++) y[i] = i % 2;
        List<Candidate> library = new ArrayList<>();
        for (int m = 0; m < 3; m++) {
            boolean[] right = new boolean[n];
            for (int i = 0; i < n; i++) right[i] = i % 3 != m;
            library.add(model(10 + m, y, right));
        }
        Ensemble e = EnsembleSelection.select(library, 50, 10, error(y));
        assertThat(e.loss()).isZero();
        assertThat(e.weights()).containsOnlyKeys(10L, 11L);
        assertThat(e.size()).isEqualTo(2);
    }

    @Test
    void neverWorseThanTheBestModelAloneAndReproducible() {
        SplittableRandom rng = new SplittableRandom(5);
        int n = 200;
        int[] y = new int[n];
        for (int i = 0; i < n; i++) y[i] = rng.nextInt(2);
        List<Candidate> library = new ArrayList<>();
        for (int m = 0; m < 20; m++) {
            boolean[] right = new boolean[n];
            double skill = 0.55 + 0.02 * m;
            for (int i = 0; i < n; i++) right[i] = rng.nextDouble() < skill;
            library.add(model(m, y, right));
        }
        double bestAlone = library.stream().mapToDouble(Candidate::loss).min().orElseThrow();
        Ensemble e = EnsembleSelection.select(library, 10, 30, error(y));
        assertThat(e.loss()).isLessThanOrEqualTo(bestAlone);
        assertThat(e.size()).isBetween(1, 30);
        // only the 10 best models are in the library
        assertThat(e.weights().keySet()).allMatch(id -> library.get((int) (long) id).loss() <= sortedLoss(library, 9));
        assertThat(EnsembleSelection.select(library, 10, 30, error(y))).isEqualTo(e);
    }

    @Test
    void theFirstPickIsTheBestModelAlone() {
        int[] y = {0, 1, 0, 1};
        Candidate good = model(7, y, new boolean[]{true, true, true, false});
        Candidate bad = model(3, y, new boolean[]{true, false, false, false});
        Ensemble e = EnsembleSelection.select(List.of(bad, good), 2, 1, error(y));
        assertThat(e.weights()).containsOnlyKeys(7L);
        assertThat(e.loss()).isEqualTo(0.25);
    }

    @Test
    void badInputIsRefused() {
        int[] y = {0, 1};
        assertThatThrownBy(() -> EnsembleSelection.select(List.of(), 5, 5, error(y))).hasMessageContaining("no candidates");
        Candidate a = new Candidate(1, 0.1, new double[2][2]);
        Candidate b = new Candidate(2, 0.2, new double[3][2]);
        assertThatThrownBy(() -> EnsembleSelection.select(List.of(a, b), 5, 5, error(y))).hasMessageContaining("candidate 2");
    }

    private static double sortedLoss(List<Candidate> library, int k) {
        return library.stream().mapToDouble(Candidate::loss).sorted().skip(k).findFirst().orElseThrow();
    }
}
