package dev.hyperopt.report;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ForestImportanceTest {

    /** x0 drives the loss, x1 is noise, x2 a categorical that shifts it a little. */
    private static double[][] inputs(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[n][3];
        for (int i = 0; i < n; i++) {
            x[i][0] = r.nextDouble(-5, 5);
            x[i][1] = r.nextDouble(0, 1);
            x[i][2] = r.nextInt(3);
        }
        return x;
    }

    @Test
    void theFeatureThatDrivesTheLossGetsMostOfTheImportance() {
        double[][] x = inputs(300, 1);
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) y[i] = x[i][0] * x[i][0] + (x[i][2] == 1 ? 3 : 0);
        double[] imp = new ForestImportance().importances(x, y);
        assertThat(imp).hasSize(3);
        assertThat(imp[0] + imp[1] + imp[2]).isCloseTo(1.0, within(1e-9));
        assertThat(imp[0]).isGreaterThan(0.6);
        assertThat(imp[2]).isGreaterThan(imp[1]);
        assertThat(imp[1]).isLessThan(0.05);
    }

    @Test
    void aCategoricalAloneIsFound() {
        double[][] x = inputs(200, 2);
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) y[i] = new double[] {5, 1, 3}[(int) x[i][2]];
        double[] imp = new ForestImportance().importances(x, y);
        assertThat(imp[2]).isGreaterThan(0.9);
    }

    @Test
    void anInactiveValueIsAValueOfItsOwn() {
        // Feature 1 is active only when feature 0 picks option 1, and then it alone decides the loss.
        SplittableRandom r = new SplittableRandom(3);
        int n = 300;
        double[][] x = new double[n][2];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = r.nextInt(2);
            x[i][1] = x[i][0] == 1 ? r.nextDouble() : Double.NaN;
            y[i] = x[i][0] == 1 ? x[i][1] * 10 : 5;
        }
        double[] imp = new ForestImportance().importances(x, y);
        assertThat(imp[1]).isGreaterThan(imp[0]);
        assertThat(imp[0] + imp[1]).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void sameInputsSameImportances() {
        double[][] x = inputs(100, 4);
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) y[i] = Math.sin(x[i][0]) + x[i][1];
        assertThat(new ForestImportance().importances(x, y)).containsExactly(new ForestImportance().importances(x, y));
    }

    @Test
    void aConstantLossExplainsNothingAndTooFewTrialsGiveNone() {
        double[][] x = inputs(50, 5);
        assertThat(new ForestImportance().importances(x, new double[50])).containsOnly(0.0);
        double[][] few = inputs(ForestImportance.MIN_TRIALS - 1, 6);
        assertThat(new ForestImportance().importances(few, new double[few.length])).isNull();
    }

    @Test
    void ranksTieAndScaleToOne() {
        assertThat(ForestImportance.ranks(new double[] {3, 1, 3, 10})).containsExactly(0.5, 0.0, 0.5, 1.0);
    }

    @Test
    void tenThousandTrialsRankTheParametersThatMatter() {
        double[][] x = new double[10_000][8];
        double[] y = new double[x.length];
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < 8; j++) x[i][j] = r.nextDouble();
            y[i] = x[i][3] * 2 + x[i][5];
        }
        double[] imp = new ForestImportance().importances(x, y);
        assertThat(imp[3]).isGreaterThan(imp[5]).isGreaterThan(0.2);
    }
}
