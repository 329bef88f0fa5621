package dev.hyperopt.dl4j.model;

import dev.hyperopt.nd4j.Nd4jRuntime;
import dev.hyperopt.nd4j.data.Dataset;
import dev.hyperopt.nd4j.data.SyntheticImages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PreprocessingTest {

    @BeforeAll
    static void start() {
        Nd4jRuntime.start();
    }

    /** Correlated data in 6 columns with very different scales. */
    private static INDArray data() {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(9);
        float[][] x = new float[400][6];
        for (float[] row : x) {
            double a = rng.nextDouble();
            double b = rng.nextDouble();
            row[0] = (float) (10 * a);
            row[1] = (float) (a + 0.1 * b);
            row[2] = (float) (0.01 * b);
            row[3] = (float) (a - b);
            row[4] = (float) rng.nextDouble();
            row[5] = 3f;
        }
        return Nd4j.createFromArray(x);
    }

    private static INDArray covariance(INDArray y) {
        INDArray c = y.castTo(DataType.DOUBLE).subRowVector(y.castTo(DataType.DOUBLE).mean(true, 0));
        return c.transpose().mmul(c).divi(y.rows() - 1);
    }

    @Test
    void columnNormalizationCentersAndScales() {
        INDArray x = data();
        Preprocessing p = Preprocessing.fit("colnorm", 1, x);
        INDArray y = p.apply(x);
        for (int j = 0; j < 5; j++) {
            assertThat(y.getColumn(j).meanNumber().doubleValue()).isCloseTo(0, within(1e-4));
            assertThat(y.getColumn(j).stdNumber().doubleValue()).isBetween(0.5, 1.01);
        }
        assertThat(y.getColumn(5).maxNumber().doubleValue()).as("a constant column stays 0, not NaN").isEqualTo(0.0);
    }

    @Test
    void pcaWhitensTheKeptComponentsAndZcaRotatesBack() {
        INDArray x = data();
        Preprocessing pca = Preprocessing.fit("pca", 0.999, x);
        INDArray y = pca.apply(x);
        assertThat((long) y.columns()).isBetween(2L, 5L);
        INDArray c = covariance(y);
        for (int i = 0; i < y.columns(); i++) {
            for (int j = 0; j < y.columns(); j++) {
                double expected = i == j ? 1 : 0;
                assertThat(c.getDouble(i, j)).as("cov[%d][%d]", i, j).isCloseTo(expected, within(i == j ? 0.35 : 0.02));
            }
        }
        assertThat(c.getDouble(0, 0)).isCloseTo(1, within(0.02));
        assertThat(Preprocessing.fit("pca", 0.5, x).apply(x).columns()).as("less energy keeps fewer components").isEqualTo(1L);

        Preprocessing zca = Preprocessing.fit("zca", 0.999, x);
        INDArray z = zca.apply(x);
        assertThat(z.columns()).isEqualTo(6L);
        // Whitened in the kept subspace and rotated back: the covariance is the projection onto
        // that subspace, so it is idempotent and its trace is the number of kept components.
        INDArray cz = covariance(z);
        assertThat(cz.mmul(cz).equalsWithEps(cz, 0.05)).isTrue();
        assertThat(org.nd4j.linalg.factory.Nd4j.diag(cz).sumNumber().doubleValue()).isCloseTo(y.columns(), within(0.1));
    }

    @Test
    void foldingTheMapIntoTheFirstLayerGivesTheSameOutputs() {
        Dataset d = SyntheticImages.rectangles(50, 2);
        for (String kind : new String[]{"raw", "colnorm", "pca", "zca"}) {
            Preprocessing p = Preprocessing.fit(kind, 0.9, d.features());
            INDArray xp = p.apply(d.features());
            INDArray w = Layers.initialWeights((int) xp.columns(), 5, false, new Layers.Glorot(), 1);
            INDArray b = Nd4j.createFromArray(new float[][]{{0.1f, -0.2f, 0.3f, 0f, 1f}});
            INDArray expected = xp.mmul(w).addRowVector(b);
            INDArray[] folded = p.fold(w, b);
            INDArray actual = d.features().mmul(folded[0]).addRowVector(folded[1]);
            assertThat(actual.equalsWithEps(expected, 1e-3)).as(kind).isTrue();
        }
    }
}
