package dev.hyperopt.vision.pipeline;

import dev.hyperopt.nd4j.Nd4jRuntime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class FeatureOpsTest {
    @BeforeAll
    static void start() {
        Nd4jRuntime.start();
    }

    private static INDArray image(float[][]... channels) {
        float[][][][] x = {channels};
        return Nd4j.createFromArray(x);
    }

    private static void assertClose(INDArray actual, float[] expected) {
        float[] a = actual.dup('c').reshape(-1).toFloatVector();
        assertThat(a).hasSize(expected.length);
        for (int i = 0; i < a.length; i++) assertThat(a[i]).as("value " + i).isCloseTo(expected[i], within(1e-4f));
    }

    @Test
    void theFilterbankCorrelatesEachFilterWithAllChannelsOfEachImage() {
        float[][] c0 = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}};
        float[][] c1 = {{9, 8, 7}, {6, 5, 4}, {3, 2, 1}};
        float[][] c0x2 = {{2, 4, 6}, {8, 10, 12}, {14, 16, 18}};
        float[][] c1x2 = {{18, 16, 14}, {12, 10, 8}, {6, 4, 2}};
        INDArray x = Nd4j.concat(0, image(c0, c1), image(c0x2, c1x2));
        float[][][][] f = {
                {{{1, 2}, {3, 4}}, {{0, 0}, {0, 0}}},
                {{{0, 0}, {0, 0}}, {{1, 0}, {0, 0}}},
                {{{0, 0}, {0, 1}}, {{0, 0}, {0, 1}}}};
        INDArray out = FeatureOps.filterbank(x, Nd4j.createFromArray(f));
        assertThat(out.shape()).containsExactly(2, 3, 2, 2);
        assertClose(out, new float[]{
                37, 47, 67, 77, 9, 8, 6, 5, 10, 10, 10, 10,
                74, 94, 134, 154, 18, 16, 12, 10, 20, 20, 20, 20});
    }

    @Test
    void filterbankOffsetsAreSubtractedFromEachFiltersResponses() {
        float[][] c0 = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}};
        float[][][][] f = {{{{1, 0}, {0, 0}}}, {{{0, 0}, {0, 1}}}};
        INDArray out = FeatureOps.filterbank(image(c0), Nd4j.createFromArray(f), Nd4j.createFromArray(1f, 10f));
        assertClose(out, new float[]{0, 1, 3, 4, -5, -4, -2, -1});
    }

    @Test
    void gridPoolingAveragesOrTakesGeneralizedMeansOverCells() {
        float[][] c0 = {{1, 2, 3, 4}, {5, 6, 7, 8}, {9, 10, 11, 12}, {13, 14, 15, 16}};
        float[][] c1 = {{-1, 1, 0, 0}, {1, -1, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 2}};
        INDArray x = image(c0, c1);
        assertClose(FeatureOps.gridPool(x, 2, 1), new float[]{3.5f, 5.5f, 11.5f, 13.5f, 0, 0, 0, 0.5f});
        assertClose(FeatureOps.gridPool(x, 1, 1), new float[]{8.5f, 0.125f});
        // order 2: root mean square of magnitudes
        assertClose(FeatureOps.gridPool(x, 2, 2), new float[]{
                (float) Math.sqrt(66 / 4.0), (float) Math.sqrt(138 / 4.0), (float) Math.sqrt(546 / 4.0), (float) Math.sqrt(746 / 4.0),
                1, 0, 0, 1});
        // 3 cells on 4 pixels: spans [0,1), [1,2), [2,4)
        INDArray g = FeatureOps.gridPool(image(c0), 3, 1);
        assertClose(g, new float[]{1, 2, 3.5f, 5, 6, 7.5f, 11, 12, 13.5f});
        assertThatThrownBy(() -> FeatureOps.gridPool(image(c0), 5, 1))
                .isInstanceOf(InvalidArchitectureException.class).hasMessageContaining("5x5 readout grid does not fit the 4x4 map");
    }

    @Test
    void theRectifierClipsIntoItsInterval() {
        INDArray x = Nd4j.createFromArray(new float[][][][]{{{{-1f, 0.5f, 3f}}}});
        assertClose(FeatureOps.rectify(x, 0, 2), new float[]{0, 0.5f, 2});
        assertClose(FeatureOps.rectify(x, -0.5, Double.POSITIVE_INFINITY), new float[]{-0.5f, 0.5f, 3});
    }

    private static final float EPS = (float) FeatureOps.NORM_EPSILON;

    @Test
    void normalizationDividesTheCentredValueByTheNeighbourhoodNorm() {
        float[][] c0 = {{0, 0, 0}, {0, 4, 0}, {0, 0, 2}};
        INDArray x = image(c0);
        // sum 6, sum of squares 20, 9 values: deviations' norm sqrt(20 - 36/9) = 4
        assertClose(FeatureOps.localNormalize(x, 3, true, 0, 1), new float[]{(4 - 6f / 9) / (4 + EPS)});
        assertClose(FeatureOps.localNormalize(x, 3, false, 0, 1), new float[]{(float) (4 / (Math.sqrt(20) + EPS))});
        // divisor 4 is under the threshold: divide by 1
        assertClose(FeatureOps.localNormalize(x, 3, true, 5, 1), new float[]{4 - 6f / 9});
        // stretched divisor 8 passes the threshold; stretch cancels
        assertClose(FeatureOps.localNormalize(x, 3, true, 5, 2), new float[]{(4 - 6f / 9) / (4 + EPS)});
    }

    @Test
    void aFlatNeighbourhoodNormalizesToZeroNotNaN() {
        float[][] flat = {{0, 0, 0}, {0, 0, 0}, {0, 0, 0}};
        assertClose(FeatureOps.localNormalize(image(flat), 3, true, 0, 1), new float[]{0});
        assertClose(FeatureOps.localNormalize(image(flat), 3, false, 0, 1), new float[]{0});
    }

    @Test
    void normalizationPoolsAcrossChannels() {
        float[][] c0 = {{0, 0, 0}, {0, 4, 0}, {0, 0, 2}};
        float[][] c1 = {{1, 1, 1}, {1, 1, 1}, {1, 1, 1}};
        // sum 15, sum of squares 29, 18 values: variance term 29 - 225/18 = 16.5
        float div = (float) Math.sqrt(16.5) + EPS;
        assertClose(FeatureOps.localNormalize(image(c0, c1), 3, true, 0, 1),
                new float[]{(4 - 15f / 18) / div, (1 - 15f / 18) / div});
    }

    @Test
    void normalizationKeepsOnlyWholeNeighbourhoods() {
        float[][] c0 = {{1, 2, 3, 4}, {5, 6, 7, 8}, {9, 10, 11, 12}};
        INDArray out = FeatureOps.localNormalize(image(c0), 3, false, 0, 1);
        assertThat(out.shape()).containsExactly(1, 1, 1, 2);
        double s1 = 0;
        double s2 = 0;
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                s1 += c0[r][c] * c0[r][c];
                s2 += c0[r][c + 1] * c0[r][c + 1];
            }
        }
        assertClose(out, new float[]{(float) (6 / (Math.sqrt(s1) + EPS)), (float) (7 / (Math.sqrt(s2) + EPS))});
    }

    @Test
    void lpPoolingTakesTheRootOfPoweredWindowSums() {
        float[][] c0 = {{1, 2, 3, 4}, {5, 6, 7, 8}, {9, 10, 11, 12}, {13, 14, 15, 16}};
        INDArray x = image(c0);
        assertClose(FeatureOps.lpPool(x, 2, 2, 2), new float[]{
                (float) Math.sqrt(66), (float) Math.sqrt(138), (float) Math.sqrt(546), (float) Math.sqrt(746)});
        assertClose(FeatureOps.lpPool(x, 1, 3, 1), new float[]{54, 63, 90, 99});
        assertClose(FeatureOps.lpPool(x, 3, 1, 3), new float[]{1, 4, 13, 16});
    }

    @Test
    void lpPoolingKeepsSignsForIntegerOrdersAndTakesMagnitudesForFractionalOnes() {
        float[][] c0 = {{1, -2}, {-3, 1}};
        INDArray x = image(c0);
        assertClose(FeatureOps.lpPool(x, 1, 2, 1), new float[]{-3});
        // 1 - 8 - 27 + 1 < 0: clipped to 0
        assertClose(FeatureOps.lpPool(x, 3, 2, 1), new float[]{0});
        assertClose(FeatureOps.lpPool(x, 2, 2, 1), new float[]{(float) Math.sqrt(15)});
        assertClose(FeatureOps.lpPool(x, 1.5, 2, 1), new float[]{(float) Math.pow(1 + Math.pow(2, 1.5) + Math.pow(3, 1.5) + 1, 1 / 1.5)});
    }

    @Test
    void aWindowLargerThanTheMapIsAnInvalidArchitecture() {
        INDArray x = Nd4j.zeros(1, 1, 3, 3);
        assertThatThrownBy(() -> FeatureOps.lpPool(x, 2, 4, 1))
                .isInstanceOf(InvalidArchitectureException.class).hasMessageContaining("shrinks to nothing");
        assertThatThrownBy(() -> FeatureOps.filterbank(x, Nd4j.zeros(2, 1, 5, 5)))
                .isInstanceOf(InvalidArchitectureException.class).hasMessageContaining("filterbank window 5");
    }

    @Test
    void randomFiltersHaveZeroMeanAndUnitNormAndDependOnlyOnTheSeed() {
        INDArray f = FeatureOps.randomFilters(4, 2, 3, 11);
        assertThat(f.shape()).containsExactly(4, 2, 3, 3);
        INDArray rows = f.reshape(4, 18);
        for (int i = 0; i < 4; i++) {
            assertThat(rows.getRow(i).meanNumber().doubleValue()).isCloseTo(0, within(1e-6));
            assertThat(rows.getRow(i).norm2Number().doubleValue()).isCloseTo(1, within(1e-5));
        }
        assertThat(FeatureOps.randomFilters(4, 2, 3, 11)).isEqualTo(f);
        assertThat(FeatureOps.randomFilters(4, 2, 3, 12)).isNotEqualTo(f);
    }
}
