package dev.hyperopt.engine.sample;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Random streams derived from (seed, trial number), so that serial, parallel and resumed
 * runs draw the same numbers for the same trial.
 */
public final class Seeds {
    private Seeds() {}

    /** The stream of trial {@code trial} in a run seeded with {@code seed}. */
    public static RandomGenerator stream(long seed, long trial) {
        return new SplittableRandom(mix(mix(seed) ^ (trial * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L)));
    }

    /** SplitMix64's finalizer: a bijection that scatters nearby inputs. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
