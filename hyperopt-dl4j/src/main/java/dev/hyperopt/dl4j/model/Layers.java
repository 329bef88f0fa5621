package dev.hyperopt.dl4j.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.SplittableRandom;

/** Initial weights of a layer, after hyperopt-dbn's {@code random_logistic_layer}. */
public final class Layers {
    private Layers() {}

    /** How the initial weights are scaled: hyperopt-dbn's "old" rule with a multiplier, or Glorot and Bengio's (2010). */
    public sealed interface Scale permits Old, Glorot {}

    /** {@code multiplier / sqrt(nIn)}. */
    public record Old(double multiplier) implements Scale {}

    /** {@code sqrt(6 / (nIn + nOut))}. */
    public record Glorot() implements Scale {}

    /**
     * An {@code nIn x nOut} weight matrix: independent uniform(-1, 1) or standard normal
     * numbers, scaled by the rule. As in hyperopt-dbn the numbers are drawn hidden unit by
     * hidden unit, so the first units of a wider layer are those of a narrower one with the
     * same seed.
     */
    public static INDArray initialWeights(int nIn, int nOut, boolean normal, Scale scale, long seed) {
        double factor = scale instanceof Old o ? o.multiplier() / Math.sqrt(nIn) : Math.sqrt(6.0 / (nIn + nOut));
        SplittableRandom rng = new SplittableRandom(seed);
        float[][] w = new float[nIn][nOut];
        for (int j = 0; j < nOut; j++) {
            for (int i = 0; i < nIn; i++) {
                double r = normal ? gaussian(rng) : 2 * rng.nextDouble() - 1;
                w[i][j] = (float) (r * factor);
            }
        }
        return Nd4j.createFromArray(w).castTo(DataType.FLOAT);
    }

    private static double gaussian(SplittableRandom rng) {
        double u;
        double v;
        double s;
        do {
            u = 2 * rng.nextDouble() - 1;
            v = 2 * rng.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * Math.sqrt(-2 * Math.log(s) / s);
    }
}
