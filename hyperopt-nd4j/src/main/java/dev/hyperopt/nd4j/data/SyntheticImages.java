package dev.hyperopt.nd4j.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The two synthetic 28x28 binary-image tasks of Larochelle, Erhan, Courville, Bergstra and
 * Bengio, "An empirical evaluation of deep architectures on problems with many factors of
 * variation" (ICML 2007), on which Bergstra et al. (NIPS 2011) tuned deep belief nets:
 * <ul>
 *   <li>{@code rectangles}: the white outline of one rectangle on black; class 1 when it is
 *   taller than wide, 0 when wider than tall. Width and height are uniform in 3..28 and
 *   differ by at least 3 pixels; the position is uniform among those that fit.</li>
 *   <li>{@code convex}: one white region; class 1 when it is convex, 0 when not. A convex
 *   region is the intersection of a geometric number (p = 0.195) of half-planes through
 *   uniform points at uniform angles, kept when it has at least 19 pixels. A non-convex
 *   region is the union of 2 to 4 such regions (each of at least 10 pixels), kept only
 *   when it fails the digital convexity test of {@link #isConvex}.</li>
 * </ul>
 * The same size and seed always give the same images. Classes are drawn with probability
 * 1/2 each.
 */
public final class SyntheticImages {
    public static final int SIDE = 28;

    private SyntheticImages() {}

    /** {@code n} rectangle images. */
    public static Dataset rectangles(int n, long seed) {
        checkSize(n);
        SplittableRandom rng = new SplittableRandom(seed);
        float[][] x = new float[n][SIDE * SIDE];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            int w;
            int h;
            do {
                w = 3 + rng.nextInt(SIDE - 2);
                h = 3 + rng.nextInt(SIDE - 2);
            } while (Math.abs(w - h) < 3);
            int top = rng.nextInt(SIDE - h + 1);
            int left = rng.nextInt(SIDE - w + 1);
            for (int c = left; c < left + w; c++) {
                x[i][top * SIDE + c] = 1f;
                x[i][(top + h - 1) * SIDE + c] = 1f;
            }
            for (int r = top; r < top + h; r++) {
                x[i][r * SIDE + left] = 1f;
                x[i][r * SIDE + left + w - 1] = 1f;
            }
            y[i] = h > w ? 1 : 0;
        }
        return Dataset.of(x, y, 2, SIDE, SIDE);
    }

    /** {@code n} convex or non-convex region images. */
    public static Dataset convex(int n, long seed) {
        checkSize(n);
        SplittableRandom rng = new SplittableRandom(seed);
        float[][] x = new float[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            boolean convex = rng.nextBoolean();
            boolean[] region;
            if (convex) {
                region = convexRegion(rng, 19);
            } else {
                do {
                    region = new boolean[SIDE * SIDE];
                    int parts = 2 + rng.nextInt(3);
                    for (int p = 0; p < parts; p++) {
                        boolean[] part = convexRegion(rng, 10);
                        for (int k = 0; k < region.length; k++) region[k] |= part[k];
                    }
                } while (isConvex(region, SIDE, SIDE));
            }
            x[i] = new float[SIDE * SIDE];
            for (int k = 0; k < region.length; k++) x[i][k] = region[k] ? 1f : 0f;
            y[i] = convex ? 1 : 0;
        }
        return Dataset.of(x, y, 2, SIDE, SIDE);
    }

    private static boolean[] convexRegion(SplittableRandom rng, int minPixels) {
        while (true) {
            boolean[] in = new boolean[SIDE * SIDE];
            Arrays.fill(in, true);
            int planes = 1;
            while (rng.nextDouble() >= 0.195) planes++;
            for (int p = 0; p < planes; p++) {
                double px = rng.nextDouble() * SIDE;
                double py = rng.nextDouble() * SIDE;
                double angle = rng.nextDouble() * 2 * Math.PI;
                double cos = Math.cos(angle);
                double sin = Math.sin(angle);
                for (int r = 0; r < SIDE; r++) {
                    for (int c = 0; c < SIDE; c++) {
                        if ((c - px) * cos + (r - py) * sin < 0) in[r * SIDE + c] = false;
                    }
                }
            }
            int count = 0;
            for (boolean b : in) if (b) count++;
            if (count >= minPixels) return in;
        }
    }

    /**
     * Digital convexity: the set of pixels (row-major, {@code height x width}) is convex when
     * every pixel whose centre lies in the convex hull of the set's pixel centres belongs to
     * the set. Integer arithmetic, so exact. The empty set is convex.
     */
    public static boolean isConvex(boolean[] pixels, int height, int width) {
        List<long[]> points = new ArrayList<>();
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) if (pixels[r * width + c]) points.add(new long[]{c, r});
        }
        if (points.size() <= 1) return true;
        List<long[]> hull = hull(points);
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                if (!pixels[r * width + c] && inside(hull, c, r)) return false;
            }
        }
        return true;
    }

    /** Andrew's monotone chain; counter-clockwise, collinear points dropped. Points arrive sorted by row, then column. */
    private static List<long[]> hull(List<long[]> pts) {
        List<long[]> p = new ArrayList<>(pts);
        p.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        int n = p.size();
        long[][] h = new long[2 * n][];
        int k = 0;
        for (int i = 0; i < n; i++) {
            while (k >= 2 && cross(h[k - 2], h[k - 1], p.get(i)) <= 0) k--;
            h[k++] = p.get(i);
        }
        for (int i = n - 2, t = k + 1; i >= 0; i--) {
            while (k >= t && cross(h[k - 2], h[k - 1], p.get(i)) <= 0) k--;
            h[k++] = p.get(i);
        }
        return List.of(Arrays.copyOf(h, k - 1));
    }

    private static long cross(long[] o, long[] a, long[] b) {
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
    }

    private static boolean inside(List<long[]> hull, long c, long r) {
        long[] q = {c, r};
        if (hull.size() == 2) {
            long[] a = hull.get(0);
            long[] b = hull.get(1);
            return cross(a, b, q) == 0 && Math.min(a[0], b[0]) <= c && c <= Math.max(a[0], b[0])
                    && Math.min(a[1], b[1]) <= r && r <= Math.max(a[1], b[1]);
        }
        for (int i = 0; i < hull.size(); i++) {
            if (cross(hull.get(i), hull.get((i + 1) % hull.size()), q) < 0) return false;
        }
        return true;
    }

    private static void checkSize(int n) {
        if (n < 1) throw new DataException("the data set is empty (size " + n + ")");
    }
}
