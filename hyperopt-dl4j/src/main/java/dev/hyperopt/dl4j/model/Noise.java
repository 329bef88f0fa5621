package dev.hyperopt.dl4j.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The random numbers that stochastic units draw. An interface so that a test can replace
 * them with fixed numbers and check a gradient by hand.
 */
public interface Noise {

    /** A {@code rows x cols} matrix of independent uniform numbers in [0, 1). */
    INDArray uniform(long rows, long cols);

    /** A {@code rows x cols} matrix of independent standard normal numbers. */
    INDArray normal(long rows, long cols);

    /** Binary states that are 1 with the given probabilities. */
    default INDArray bernoulli(INDArray probabilities) {
        return probabilities.gt(uniform(probabilities.rows(), probabilities.columns())).castTo(DataType.FLOAT);
    }

    /** Noise from ND4J's generator with its own seed, so trials in parallel do not share a stream. */
    static Noise seeded(long seed) {
        Random rng = Nd4j.getRandomFactory().getNewRandomInstance(seed);
        return new Noise() {
            @Override
            public INDArray uniform(long rows, long cols) {
                return Nd4j.rand(rng, rows, cols).castTo(DataType.FLOAT);
            }

            @Override
            public INDArray normal(long rows, long cols) {
                return Nd4j.randn(rng, rows, cols).castTo(DataType.FLOAT);
            }
        };
    }
}
