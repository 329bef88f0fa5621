package dev.hyperopt.nd4j;

import java.util.SplittableRandom;

/** Random orders of rows: data splits and the mini-batch order of every epoch. */
public final class Permutations {
    private Permutations() {}

    /** A uniformly random permutation of 0..n-1 (Fisher-Yates), the same for the same generator state. */
    public static int[] random(int n, SplittableRandom rng) {
        if (n < 0) throw new IllegalArgumentException("a permutation needs n >= 0, got " + n);
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
