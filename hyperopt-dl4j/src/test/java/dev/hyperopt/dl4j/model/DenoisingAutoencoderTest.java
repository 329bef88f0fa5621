package dev.hyperopt.dl4j.model;

import dev.hyperopt.nd4j.Nd4jRuntime;
import dev.hyperopt.nd4j.TimeBudget;
import dev.hyperopt.nd4j.data.Dataset;
import dev.hyperopt.nd4j.data.SyntheticImages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DenoisingAutoencoderTest {

    @BeforeAll
    static void start() {
        Nd4jRuntime.start();
    }

    /** The loss whose gradient the autoencoder follows, computed in double precision. */
    private static double loss(INDArray w, INDArray vb, INDArray hb, INDArray x, INDArray corrupted, boolean linear) {
        INDArray h = Transforms.sigmoid(corrupted.mmul(w).addRowVector(hb));
        INDArray a = h.mmul(w.transpose()).addRowVector(vb);
        double n = x.rows();
        if (linear) return a.squaredDistance(x) / 2 / n;
        INDArray r = Transforms.sigmoid(a);
        INDArray ce = x.mul(Transforms.log(r)).addi(x.rsub(1).mul(Transforms.log(r.rsub(1))));
        return -ce.sumNumber().doubleValue() / n;
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void gradientMatchesFiniteDifferences(boolean linear) {
        INDArray w = Nd4j.createFromArray(new double[][]{{0.3, -0.2}, {0.1, 0.4}, {-0.5, 0.2}});
        INDArray x = Nd4j.createFromArray(new double[][]{{0.9, 0.1, 0.4}, {0.2, 0.7, 0.6}});
        INDArray corrupted = Nd4j.createFromArray(new double[][]{{0.9, 0, 0.4}, {0.2, 0.7, 0}});
        DenoisingAutoencoder dae = new DenoisingAutoencoder(w.castTo(DataType.FLOAT), linear);
        DenoisingAutoencoder.Gradient g = dae.gradient(x.castTo(DataType.FLOAT), corrupted.castTo(DataType.FLOAT));
        INDArray vb = Nd4j.zeros(DataType.DOUBLE, 1, 3);
        INDArray hb = Nd4j.zeros(DataType.DOUBLE, 1, 2);
        double h = 1e-6;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 2; j++) {
                INDArray plus = w.dup();
                plus.putScalar(i, j, w.getDouble(i, j) + h);
                INDArray minus = w.dup();
                minus.putScalar(i, j, w.getDouble(i, j) - h);
                double numeric = (loss(plus, vb, hb, x, corrupted, linear) - loss(minus, vb, hb, x, corrupted, linear)) / (2 * h);
                assertThat(g.weights().getDouble(i, j)).as("dW[%d][%d]", i, j).isCloseTo(numeric, within(1e-4));
            }
        }
        for (int j = 0; j < 2; j++) {
            INDArray plus = hb.dup();
            plus.putScalar(0, j, h);
            INDArray minus = hb.dup();
            minus.putScalar(0, j, -h);
            double numeric = (loss(w, vb, plus, x, corrupted, linear) - loss(w, vb, minus, x, corrupted, linear)) / (2 * h);
            assertThat(g.hiddenBias().getDouble(0, j)).isCloseTo(numeric, within(1e-4));
        }
        for (int i = 0; i < 3; i++) {
            INDArray plus = vb.dup();
            plus.putScalar(0, i, h);
            INDArray minus = vb.dup();
            minus.putScalar(0, i, -h);
            double numeric = (loss(w, plus, hb, x, corrupted, linear) - loss(w, minus, hb, x, corrupted, linear)) / (2 * h);
            assertThat(g.visibleBias().getDouble(0, i)).isCloseTo(numeric, within(1e-4));
        }
    }

    @Test
    void pretrainingLowersReconstructionErrorLayerByLayer() {
        Dataset d = SyntheticImages.rectangles(300, 21);
        DenoisingAutoencoder first = new DenoisingAutoencoder(Layers.initialWeights(d.dimension(), 64, false, new Layers.Glorot(), 1), false);
        Pretraining p1 = first.train(d.features(), new DenoisingAutoencoder.Options(0.1, 8, 20, 1000, 0.25), Noise.seeded(5), 5,
                TimeBudget.unlimited());
        assertThat(p1.errorAfter()).isLessThan(0.6 * p1.errorBefore());

        INDArray features = first.hidden(d.features());
        DenoisingAutoencoder second = new DenoisingAutoencoder(Layers.initialWeights(64, 32, true, new Layers.Old(1.0), 2), false);
        Pretraining p2 = second.train(features, new DenoisingAutoencoder.Options(0.1, 8, 20, 1000, 0.25), Noise.seeded(6), 6,
                TimeBudget.unlimited());
        assertThat(p2.errorAfter()).isLessThan(p2.errorBefore());
    }
}
