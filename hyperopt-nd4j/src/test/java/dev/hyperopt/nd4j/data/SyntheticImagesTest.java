package dev.hyperopt.nd4j.data;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SyntheticImagesTest {
    private static final int S = SyntheticImages.SIDE;

    private static boolean[] white(Dataset d, int i) {
        float[] row = d.features().getRow(i).toFloatVector();
        boolean[] w = new boolean[row.length];
        for (int k = 0; k < row.length; k++) {
            assertThat(row[k]).isIn(0f, 1f);
            w[k] = row[k] == 1f;
        }
        return w;
    }

    @Test
    void theSameSeedGivesTheSameImagesAndAnotherSeedOthers() {
        assertThat(SyntheticImages.rectangles(50, 7).features()).isEqualTo(SyntheticImages.rectangles(50, 7).features());
        assertThat(SyntheticImages.rectangles(50, 7).labels()).isEqualTo(SyntheticImages.rectangles(50, 7).labels());
        assertThat(SyntheticImages.convex(50, 7).features()).isEqualTo(SyntheticImages.convex(50, 7).features());
        assertThat(SyntheticImages.convex(50, 7).labels()).isEqualTo(SyntheticImages.convex(50, 7).labels());
        assertThat(SyntheticImages.rectangles(50, 8).features()).isNotEqualTo(SyntheticImages.rectangles(50, 7).features());
        assertThat(SyntheticImages.convex(50, 8).features()).isNotEqualTo(SyntheticImages.convex(50, 7).features());
    }

    @Test
    void rectanglesAreOutlinesLabelledTallOrWide() {
        Dataset d = SyntheticImages.rectangles(300, 3);
        assertThat(d.height()).isEqualTo(28);
        assertThat(d.width()).isEqualTo(28);
        assertThat(d.classCounts()[1]).isBetween(110, 190);
        for (int i = 0; i < d.size(); i++) {
            boolean[] w = white(d, i);
            int top = S, bottom = -1, left = S, right = -1;
            for (int r = 0; r < S; r++) {
                for (int c = 0; c < S; c++) {
                    if (w[r * S + c]) {
                        top = Math.min(top, r);
                        bottom = Math.max(bottom, r);
                        left = Math.min(left, c);
                        right = Math.max(right, c);
                    }
                }
            }
            int h = bottom - top + 1;
            int width = right - left + 1;
            for (int r = 0; r < S; r++) {
                for (int c = 0; c < S; c++) {
                    boolean border = r >= top && r <= bottom && c >= left && c <= right
                            && (r == top || r == bottom || c == left || c == right);
                    assertThat(w[r * S + c]).as("image %d pixel %d,%d", i, r, c).isEqualTo(border);
                }
            }
            assertThat(Math.abs(h - width)).isGreaterThanOrEqualTo(3);
            assertThat(d.labels()[i]).isEqualTo(h > width ? 1 : 0);
        }
    }

    /**
     * Whether pixel centre (x, y) lies in the convex hull of the white pixel centres, decided
     * without computing a hull: it lies outside exactly when the directions from it to all
     * white pixels fit in an open half-plane, that is, when consecutive directions (sorted by
     * angle) leave a gap wider than pi.
     */
    private static boolean inHull(List<int[]> white, int x, int y) {
        double[] angles = new double[white.size()];
        for (int k = 0; k < angles.length; k++) angles[k] = Math.atan2(white.get(k)[1] - y, white.get(k)[0] - x);
        Arrays.sort(angles);
        double gap = angles[0] + 2 * Math.PI - angles[angles.length - 1];
        for (int k = 1; k < angles.length; k++) gap = Math.max(gap, angles[k] - angles[k - 1]);
        return gap <= Math.PI + 1e-9;
    }

    private static boolean convexByAngles(boolean[] w) {
        List<int[]> white = new ArrayList<>();
        for (int k = 0; k < w.length; k++) if (w[k]) white.add(new int[]{k % S, k / S});
        for (int k = 0; k < w.length; k++) {
            if (!w[k] && inHull(white, k % S, k / S)) return false;
        }
        return true;
    }

    @Test
    void convexPositivesAreConvexAndNegativesAreNot() {
        Dataset d = SyntheticImages.convex(120, 5);
        assertThat(d.classCounts()[1]).isBetween(40, 80);
        for (int i = 0; i < d.size(); i++) {
            boolean[] w = white(d, i);
            int pixels = 0;
            for (boolean b : w) if (b) pixels++;
            boolean convex = convexByAngles(w);
            if (d.labels()[i] == 1) {
                assertThat(convex).as("positive %d is convex", i).isTrue();
                assertThat(pixels).isGreaterThanOrEqualTo(19);
            } else {
                assertThat(convex).as("negative %d is not convex", i).isFalse();
            }
            assertThat(SyntheticImages.isConvex(w, S, S)).isEqualTo(convex);
        }
    }

    @Test
    void theConvexityTestKnowsSimpleShapes() {
        boolean[] l = new boolean[S * S];
        l[0] = l[1] = l[S] = true;
        assertThat(SyntheticImages.isConvex(l, S, S)).as("an L of three pixels: its hull holds no other pixel centre").isTrue();
        boolean[] gap = new boolean[S * S];
        gap[0] = gap[2] = true;
        assertThat(SyntheticImages.isConvex(gap, S, S)).as("two pixels with a hole between").isFalse();
        boolean[] square = new boolean[S * S];
        for (int r = 5; r < 9; r++) for (int c = 5; c < 9; c++) square[r * S + c] = true;
        assertThat(SyntheticImages.isConvex(square, S, S)).isTrue();
        square[6 * S + 6] = false;
        assertThat(SyntheticImages.isConvex(square, S, S)).isFalse();
    }
}
