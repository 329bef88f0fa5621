package dev.hyperopt.engine.sample.tpe;

/**
 * A stable argsort of doubles without boxing: an LSD radix sort, eight bits at a time,
 * on the doubles' bit patterns mapped to unsigned order (the order of
 * {@link Double#compare}). Passes whose byte is the same for every key are skipped.
 */
final class Sorting {
    private Sorting() {}

    /** Indices 0..n-1 ordered by {@code keys}, ties in index order. */
    static int[] argsort(double[] keys, int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        if (n < 2) return order;
        long[] bits = new long[n];
        for (int i = 0; i < n; i++) {
            long b = Double.doubleToLongBits(keys[i]);
            bits[i] = b < 0 ? ~b : b ^ Long.MIN_VALUE;
        }
        int[] tmp = new int[n];
        int[] count = new int[257];
        for (int shift = 0; shift < 64; shift += 8) {
            java.util.Arrays.fill(count, 0);
            for (int i = 0; i < n; i++) count[(int) ((bits[i] >>> shift) & 0xFF) + 1]++;
            if (count[(int) ((bits[0] >>> shift) & 0xFF) + 1] == n) continue;
            for (int r = 0; r < 256; r++) count[r + 1] += count[r];
            for (int i = 0; i < n; i++) {
                int idx = order[i];
                tmp[count[(int) ((bits[idx] >>> shift) & 0xFF)]++] = idx;
            }
            int[] swap = order;
            order = tmp;
            tmp = swap;
        }
        return order;
    }

    /**
     * Marks the {@code k} smallest of {@code keys[0..n)}, ties in index order: the same as
     * the first k of {@link #argsort}, in O(n k) without sorting everything.
     */
    static boolean[] smallest(double[] keys, int n, int k) {
        boolean[] out = new boolean[n];
        k = Math.min(k, n);
        if (k <= 0) return out;
        int[] buf = new int[k];
        int size = 0;
        for (int i = 0; i < n; i++) {
            double v = keys[i];
            if (size == k && Double.compare(keys[buf[k - 1]], v) <= 0) continue;
            int pos = size == k ? k - 1 : size++;
            while (pos > 0 && Double.compare(keys[buf[pos - 1]], v) > 0) {
                buf[pos] = buf[pos - 1];
                pos--;
            }
            buf[pos] = i;
        }
        for (int j = 0; j < size; j++) out[buf[j]] = true;
        return out;
    }
}
