package dev.hyperopt.dl4j.model;

import dev.hyperopt.nd4j.Nd4jRuntime;
import dev.hyperopt.nd4j.TimeBudget;
import dev.hyperopt.nd4j.data.Dataset;
import dev.hyperopt.nd4j.data.SyntheticImages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RbmTest {

    @BeforeAll
    static void start() {
        Nd4jRuntime.start();
    }

    private static double sigmoid(double a) {
        return 1 / (1 + Math.exp(-a));
    }

    /**
     * CD-1 on 2 examples, 3 visible and 2 hidden units, with the hidden sample fixed by
     * given uniforms, against the textbook formulas evaluated here with plain doubles:
     * dW = (v0' h0 - v1' h1) / n, dvb = mean(v0 - v1), dhb = mean(h0 - h1).
     */
    @Test
    void cd1GradientMatchesAHandComputation() {
        double[][] w = {{0.5, -0.3}, {0.2, 0.8}, {-0.6, 0.1}};
        double[][] v0 = {{1, 0, 1}, {0, 1, 1}};
        double[][] u = {{0.3, 0.9}, {0.6, 0.2}};
        Rbm rbm = new Rbm(Nd4j.createFromArray(w).castTo(DataType.FLOAT), false);
        rbm.hiddenBias().putScalar(0, 0, 0.1f);
        rbm.visibleBias().putScalar(0, 2, -0.2f);
        double[] hb = {0.1, 0};
        double[] vb = {0, 0, -0.2};

        FixedNoise noise = new FixedNoise(u);
        Rbm.CdGradient g = rbm.gradient(Nd4j.createFromArray(v0).castTo(DataType.FLOAT), null, 1, false, noise);
        assertThat(noise.exhausted()).isTrue();

        int n = 2, nv = 3, nh = 2;
        double[][] h0 = new double[n][nh], hs = new double[n][nh], v1 = new double[n][nv], h1 = new double[n][nh];
        for (int e = 0; e < n; e++) {
            for (int j = 0; j < nh; j++) {
                double a = hb[j];
                for (int i = 0; i < nv; i++) a += v0[e][i] * w[i][j];
                h0[e][j] = sigmoid(a);
                hs[e][j] = u[e][j] < h0[e][j] ? 1 : 0;
            }
            for (int i = 0; i < nv; i++) {
                double a = vb[i];
                for (int j = 0; j < nh; j++) a += hs[e][j] * w[i][j];
                v1[e][i] = sigmoid(a);
            }
            for (int j = 0; j < nh; j++) {
                double a = hb[j];
                for (int i = 0; i < nv; i++) a += v1[e][i] * w[i][j];
                h1[e][j] = sigmoid(a);
            }
        }
        // The sample is not trivial: both hidden units take both values over the batch.
        assertThat(hs[0]).containsExactly(1, 0);
        assertThat(hs[1]).containsExactly(0, 1);
        for (int i = 0; i < nv; i++) {
            for (int j = 0; j < nh; j++) {
                double expected = 0;
                for (int e = 0; e < n; e++) expected += v0[e][i] * h0[e][j] - v1[e][i] * h1[e][j];
                assertThat(g.weights().getDouble(i, j)).as("dW[%d][%d]", i, j).isCloseTo(expected / n, within(1e-6));
            }
            double dvb = 0;
            for (int e = 0; e < n; e++) dvb += v0[e][i] - v1[e][i];
            assertThat(g.visibleBias().getDouble(0, i)).isCloseTo(dvb / n, within(1e-6));
        }
        for (int j = 0; j < nh; j++) {
            double dhb = 0;
            for (int e = 0; e < n; e++) dhb += h0[e][j] - h1[e][j];
            assertThat(g.hiddenBias().getDouble(0, j)).isCloseTo(dhb / n, within(1e-6));
        }
        // One number worked out on paper: h0[0][0] = sigmoid(0.5 - 0.6 + 0.1) = 0.5.
        assertThat(h0[0][0]).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void cdPretrainingLowersReconstructionError() {
        Dataset d = SyntheticImages.rectangles(300, 11);
        INDArray w = Layers.initialWeights(d.dimension(), 64, false, new Layers.Glorot(), 3);
        Rbm rbm = new Rbm(w, false);
        Pretraining p = rbm.train(d.features(), new Rbm.Options(0.05, 10, 20, 1000, 1, false, false), Noise.seeded(1), 1,
                TimeBudget.unlimited());
        assertThat(p.epochs()).isEqualTo(10);
        assertThat(p.errorAfter()).isLessThan(0.6 * p.errorBefore());
        assertThat(rbm.reconstructionError(d.features())).isCloseTo(p.errorAfter(), within(1e-9));
    }

    @Test
    void persistentChainsWithCd3AndSampledDataAlsoLearn() {
        Dataset d = SyntheticImages.convex(300, 12);
        Rbm rbm = new Rbm(Layers.initialWeights(d.dimension(), 48, true, new Layers.Old(1.0), 4), false);
        Pretraining p = rbm.train(d.features(), new Rbm.Options(0.02, 6, 20, 100, 3, true, true), Noise.seeded(2), 2,
                TimeBudget.unlimited());
        assertThat(p.errorAfter()).isLessThan(0.8 * p.errorBefore());
    }

    @Test
    void gaussianVisibleUnitsLearnWhitenedInputs() {
        Dataset d = SyntheticImages.rectangles(300, 13);
        Preprocessing pre = Preprocessing.fit("pca", 0.9, d.features());
        INDArray x = pre.apply(d.features());
        Rbm rbm = new Rbm(Layers.initialWeights((int) x.columns(), 32, false, new Layers.Glorot(), 5), true);
        Pretraining p = rbm.train(x, new Rbm.Options(0.005, 10, 20, 1000, 1, false, false), Noise.seeded(3), 3, TimeBudget.unlimited());
        assertThat(p.errorAfter()).isLessThan(p.errorBefore());
    }

    @Test
    void anExpiredBudgetStopsTraining() {
        Dataset d = SyntheticImages.rectangles(100, 14);
        Rbm rbm = new Rbm(Layers.initialWeights(d.dimension(), 16, false, new Layers.Glorot(), 6), false);
        Pretraining p = rbm.train(d.features(), new Rbm.Options(0.05, 1000, 20, 1000, 1, false, false), Noise.seeded(4), 4,
                TimeBudget.seconds(0, () -> false));
        assertThat(p.epochs()).isZero();
    }
}
