package dev.hyperopt.vision.pipeline;

import dev.hyperopt.nd4j.Nd4jRuntime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class WhiteningTest {
    @BeforeAll
    static void start() {
        Nd4jRuntime.start();
    }

    /** Correlated 3-dimensional points: x, x + small noise, and independent noise, with a mean offset. */
    private static INDArray correlated(int n) {
        Random rng = new Random(4);
        float[][] p = new float[n][3];
        for (int i = 0; i < n; i++) {
            double a = rng.nextGaussian();
            p[i][0] = (float) (2 + a);
            p[i][1] = (float) (1 + a + 0.3 * rng.nextGaussian());
            p[i][2] = (float) (0.5 * rng.nextGaussian());
        }
        return Nd4j.createFromArray(p);
    }

    private static INDArray covariance(INDArray x) {
        INDArray c = x.castTo(DataType.DOUBLE).subRowVector(x.castTo(DataType.DOUBLE).mean(true, 0));
        return c.transpose().mmul(c).divi(x.rows() - 1);
    }

    @Test
    void zcaWhitenedPatchesHaveIdentityCovarianceAndTheMatrixIsSymmetric() {
        INDArray x = correlated(4000);
        Whitening.Zca z = Whitening.zca(x, 1e-6);
        assertThat(z.mean().toDoubleVector()).containsExactly(new double[]{2, 1, 0}, within(0.06));
        INDArray p = z.matrix();
        assertThat(p.sub(p.transpose()).amaxNumber().doubleValue()).isLessThan(1e-4);
        INDArray c = covariance(x.subRowVector(z.mean().reshape(1, -1)).mmul(p));
        assertThat(c.sub(Nd4j.eye(3).castTo(DataType.DOUBLE)).amaxNumber().doubleValue()).isLessThan(1e-3);
    }

    @Test
    void theFloorKeepsWeakComponentsFromBeingBoostedFully() {
        INDArray x = correlated(4000);
        // a floor of 10 mean eigenvalues: a component of variance v ends with v / (v + floor), at most 3 / 13
        INDArray c = covariance(x.mmul(Whitening.zca(x, 10).matrix()));
        for (int i = 0; i < 3; i++) assertThat(c.getDouble(i, i)).isLessThan(3 / 13.0);
    }

    @Test
    void patchesAreCopiedFromTheDrawnImageAndPosition() {
        float[][][][] maps = new float[2][2][4][5];
        for (int i = 0; i < 2; i++) for (int c = 0; c < 2; c++) for (int r = 0; r < 4; r++) for (int k = 0; k < 5; k++) {
            maps[i][c][r][k] = i * 1000 + c * 100 + r * 10 + k;
        }
        INDArray p = Whitening.samplePatches(Nd4j.createFromArray(maps), 2, 5, new Random(9));
        assertThat(p.shape()).containsExactly(5, 8);
        Random rng = new Random(9);
        for (int row = 0; row < 5; row++) {
            int i = rng.nextInt(2);
            int r = rng.nextInt(3);
            int k = rng.nextInt(4);
            float base = i * 1000 + r * 10 + k;
            assertThat(p.getRow(row).toFloatVector()).containsExactly(base, base + 1, base + 10, base + 11,
                    base + 100, base + 101, base + 110, base + 111);
        }
    }

    @Test
    void whitenedFiltersRespondToAPatchAsUnitDirectionsOfTheWhitenedSpace() {
        INDArray x = correlated(2000);
        Whitening.Zca z = Whitening.zca(x, 1e-3);
        Filterbank random = Whitening.whitenedRandom(z, 4, 3, 1, 5);
        Filterbank patches = Whitening.whitenedPatches(z, x, 4, 3, 1, 5);
        for (Filterbank b : new Filterbank[]{random, patches}) {
            assertThat(b.filters().shape()).containsExactly(4, 3, 1, 1);
            INDArray f = b.filters().reshape(4, 3);
            // the response to the mean patch is the offset, so the mean patch itself answers 0
            assertThat(f.mmul(z.mean().reshape(3, 1)).reshape(-1).sub(b.offsets()).amaxNumber().doubleValue()).isLessThan(1e-5);
            // f = u P with |u| = 1: f P^-1 has unit norm
            INDArray u = f.castTo(DataType.DOUBLE).mmul(org.nd4j.linalg.inverse.InvertMatrix.invert(z.matrix().castTo(DataType.DOUBLE), false));
            for (int i = 0; i < 4; i++) assertThat(u.getRow(i).norm2Number().doubleValue()).isCloseTo(1, within(1e-3));
        }
        // a whitened patch filter answers its own patch with its whitened norm: (x - m) P P (x - m) / |(x - m) P|
        Random rng = new Random(5);
        int row = rng.nextInt(2000);
        INDArray d = x.getRow(row, true).subRowVector(z.mean().reshape(1, -1)).mmul(z.matrix());
        double response = x.getRow(row, true).mmul(patches.filters().reshape(4, 3).getRow(0, true).transpose()).getDouble(0) - patches.offsets().getDouble(0);
        assertThat(response).isCloseTo(d.norm2Number().doubleValue(), within(1e-3));
        assertThat(Whitening.whitenedRandom(z, 4, 3, 1, 5).filters()).isEqualTo(random.filters());
    }
}
