package dev.hyperopt.dl4j.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayDeque;
import java.util.Deque;

/** Noise that hands out given matrices in order, so that a stochastic step can be computed by hand. */
final class FixedNoise implements Noise {
    private final Deque<double[][]> uniforms = new ArrayDeque<>();

    FixedNoise(double[][]... uniforms) {
        for (double[][] u : uniforms) this.uniforms.add(u);
    }

    @Override
    public INDArray uniform(long rows, long cols) {
        double[][] u = uniforms.poll();
        if (u == null || u.length != rows || u[0].length != cols) throw new AssertionError("unexpected draw of " + rows + "x" + cols);
        return Nd4j.createFromArray(u).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
    }

    @Override
    public INDArray normal(long rows, long cols) {
        throw new AssertionError("no normal draws expected");
    }

    boolean exhausted() {
        return uniforms.isEmpty();
    }
}
