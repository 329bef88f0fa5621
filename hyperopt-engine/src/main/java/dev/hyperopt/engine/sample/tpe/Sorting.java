package dev.hyperopt.engine.sample.tpe;

/** A stable argsort over primitive keys, so sorting a thousand observations allocates two int arrays. */
final class Sorting {
    private Sorting() {}

    /** Indices 0..n-1 ordered by {@code keys}, ties (and equal keys) in index order. */
    static int[] argsort(double[] keys, int n) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        if (n < 2) return idx;
        int[] tmp = new int[n];
        mergeSort(keys, idx, tmp, 0, n);
        return idx;
    }

    private static void mergeSort(double[] keys, int[] a, int[] tmp, int from, int to) {
        if (to - from <= 24) {
            for (int i = from + 1; i < to; i++) {
                int v = a[i];
                double kv = keys[v];
                int j = i - 1;
                while (j >= from && Double.compare(keys[a[j]], kv) > 0) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = v;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(keys, a, tmp, from, mid);
        mergeSort(keys, a, tmp, mid, to);
        if (Double.compare(keys[a[mid - 1]], keys[a[mid]]) <= 0) return;
        System.arraycopy(a, from, tmp, from, to - from);
        int i = from;
        int j = mid;
        for (int k = from; k < to; k++) {
            if (j >= to || (i < mid && Double.compare(keys[tmp[i]], keys[tmp[j]]) <= 0)) a[k] = tmp[i++];
            else a[k] = tmp[j++];
        }
    }
}
