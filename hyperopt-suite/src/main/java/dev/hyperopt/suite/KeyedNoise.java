package dev.hyperopt.suite;

/**
 * The keyed standard-normal generator of the benchmark suite's noisy problems: the k-th
 * evaluation of a run with seed s sees {@code eps = stdNormal(s, k)}, a pure function of
 * (s, k), so the observed losses are the same in every language and every optimizer.
 * SplitMix64's mixer over the key {@code (s << 32) | k}, two uniforms in (0, 1], Box-Muller.
 */
public final class KeyedNoise {
    private KeyedNoise() {}

    private static final double TWO_POW_MINUS_53 = 0x1.0p-53;

    /** SplitMix64's step and finalizer, on unsigned 64-bit words (Java's wrapping longs). */
    public static long mix64(long z) {
        z = z + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A double in (0, 1]: never 0, so its log is finite. */
    static double unit(long z) {
        return ((z >>> 11) + 1) * TWO_POW_MINUS_53;
    }

    /**
     * @param seed the run's seed, 0 &lt;= seed &lt; 2^32
     * @param k the evaluation index, 0 &lt;= k &lt; 2^32
     */
    public static double stdNormal(long seed, long k) {
        long base = ((seed & 0xFFFFFFFFL) << 32) | (k & 0xFFFFFFFFL);
        double u1 = unit(mix64(2 * base));
        double u2 = unit(mix64(2 * base + 1));
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }
}
