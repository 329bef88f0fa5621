package dev.hyperopt.vision.pipeline;

import dev.hyperopt.nd4j.Nd4jRuntime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class InputOpsTest {
    @BeforeAll
    static void start() {
        Nd4jRuntime.start();
    }

    private static void assertClose(INDArray actual, float[] expected) {
        float[] a = actual.dup('c').reshape(-1).toFloatVector();
        assertThat(a).hasSize(expected.length);
        for (int i = 0; i < a.length; i++) assertThat(a[i]).as("value " + i).isCloseTo(expected[i], within(1e-5f));
    }

    private static INDArray image(float[][] pixels) {
        return Nd4j.createFromArray(new float[][][][]{{pixels}});
    }

    @Test
    void shrinkingByTwoAveragesUnderATentTwoPixelsWide() {
        // output pixel 0 sits at 0.5: input 0 and 1 weigh 0.75, input 2 weighs 0.25 (input -1 is outside)
        assertClose(InputOps.resizeMatrix(4, 2), new float[]{3 / 7f, 3 / 7f, 1 / 7f, 0, 0, 1 / 7f, 3 / 7f, 3 / 7f});
        assertClose(InputOps.resizeMatrix(3, 3), new float[]{1, 0, 0, 0, 1, 0, 0, 0, 1});
    }

    @Test
    void enlargingInterpolatesBilinearly() {
        // outputs at -0.25, 0.25, 0.75, 1.25 of the input
        assertClose(InputOps.resizeMatrix(2, 4), new float[]{1, 0, 0.75f, 0.25f, 0.25f, 0.75f, 0, 1});
        INDArray x = image(new float[][]{{0, 4}, {8, 12}});
        INDArray y = InputOps.resize(x, 4, 4);
        assertThat(y.shape()).containsExactly(1, 1, 4, 4);
        // row weights as columns: row 1 = 0.75 row0 + 0.25 row1
        assertClose(y, new float[]{
                0, 1, 3, 4,
                2, 3, 5, 6,
                6, 7, 9, 10,
                8, 9, 11, 12});
    }

    @Test
    void resizingKeepsChannelsAndImagesApart() {
        float[][][][] p = {{{{1, 1}, {1, 1}}, {{2, 2}, {2, 2}}}, {{{3, 3}, {3, 3}}, {{4, 4}, {4, 4}}}};
        INDArray y = InputOps.resize(Nd4j.createFromArray(p), 3, 1);
        assertClose(y, new float[]{1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4});
        assertThat(InputOps.resizedShape(20, 40, 16)).containsExactly(8, 16);
        assertThat(InputOps.resizedShape(28, 28, null)).containsExactly(28, 28);
    }

    @Test
    void theIdentityWarpChangesNothingAndAShiftMovesPixels() {
        float[][] p = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}};
        assertClose(InputOps.warp(image(p), new InputSpec.Warp(0, 1, 0, 0, 0)), new float[]{1, 2, 3, 4, 5, 6, 7, 8, 9});
        // one pixel right, zero coming in from outside
        assertClose(InputOps.warp(image(p), new InputSpec.Warp(0, 1, 0, 1 / 3.0, 0)), new float[]{0, 1, 2, 0, 4, 5, 0, 7, 8});
        // half a pixel down: bilinear
        assertClose(InputOps.warp(image(p), new InputSpec.Warp(0, 1, 0, 0, 0.5 / 3)), new float[]{0.5f, 1, 1.5f, 2.5f, 3.5f, 4.5f, 5.5f, 6.5f, 7.5f});
    }

    @Test
    void aQuarterTurnRotatesAboutTheCentre() {
        float[][] p = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}};
        // output (x, y) reads the input at R^-1 (x - c, y - c) + c = (y, 2 - x) for a quarter turn (y down: clockwise)
        float[] expected = new float[9];
        for (int y = 0; y < 3; y++) for (int x = 0; x < 3; x++) expected[y * 3 + x] = p[2 - x][y];
        assertClose(InputOps.warp(image(p), new InputSpec.Warp(Math.PI / 2, 1, 0, 0, 0)), expected);
        // doubling the scale samples the centre pixel's neighbourhood at half steps
        assertClose(InputOps.warp(image(p), new InputSpec.Warp(0, 2, 0, 0, 0)), new float[]{3, 3.5f, 4, 4.5f, 5, 5.5f, 6, 6.5f, 7});
    }

    @Test
    void shearingShiftsRowsInProportionToTheirDistanceFromTheCentre() {
        float[][] p = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}};
        // A = [[1, 1], [0, 1]]: output (x, y) reads (x - (y - 1), y)
        assertClose(InputOps.warp(image(p), new InputSpec.Warp(0, 1, 1, 0, 0)), new float[]{2, 3, 0, 4, 5, 6, 0, 7, 8});
    }

    @Test
    void standardizationGivesEachImageZeroMeanAndUnitVariance() {
        INDArray x = Nd4j.createFromArray(new float[][][][]{{{{0, 2}, {4, 6}}}, {{{1, 1}, {1, 1}}}});
        INDArray y = InputOps.standardize(x);
        // mean 3, variance 5
        float s = (float) Math.sqrt(5 + InputOps.STANDARDIZE_EPSILON);
        assertClose(y, new float[]{-3 / s, -1 / s, 1 / s, 3 / s, 0, 0, 0, 0});
    }
}
