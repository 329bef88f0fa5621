package dev.hyperopt.weka.standin;

import no.uib.cipr.matrix.DenseMatrix;
import no.uib.cipr.matrix.DenseVector;
import no.uib.cipr.matrix.UpperSPDDenseMatrix;
import weka.classifiers.functions.GaussianProcesses;
import weka.core.Instance;

/**
 * Weka's {@link GaussianProcesses}, which saves. Weka 3.8 keeps the fitted model's Cholesky
 * factor and weights in MTJ matrices, which Java cannot serialize, so a model holding one
 * cannot be written. As it is serialized, this stand-in moves them into arrays, and it
 * rebuilds them on the next prediction; the predictions are Weka's own.
 */
public class GaussianProcessesStandIn extends GaussianProcesses {
    private static final long serialVersionUID = 1L;

    private int size;
    private double[] factor;   // m_L's entries, column-major
    private double[] weights;  // m_t's entries

    @Override
    public synchronized double classifyInstance(Instance inst) throws Exception {
        restore();
        return super.classifyInstance(inst);
    }

    @Override
    public synchronized double[][] predictIntervals(Instance inst, double confidenceLevel) throws Exception {
        restore();
        return super.predictIntervals(inst, confidenceLevel);
    }

    @Override
    public synchronized double getStandardDeviation(Instance inst) throws Exception {
        restore();
        return super.getStandardDeviation(inst);
    }

    @Override
    public synchronized double logDensity(Instance inst, double value) throws Exception {
        restore();
        return super.logDensity(inst, value);
    }

    @Override
    public synchronized String toString() {
        restore();
        return super.toString();
    }

    /** Called as the model is serialized, before Weka's fields are written: they must hold no MTJ object then. */
    private synchronized Object writeReplace() {
        release();
        return this;
    }

    /** Moves the MTJ objects into arrays, which serialize. */
    private void release() {
        if (m_L != null) {
            DenseMatrix dense = new DenseMatrix(m_L);
            size = dense.numRows();
            factor = dense.getData().clone();
            m_L = null;
        }
        if (m_t != null) {
            weights = new DenseVector(m_t).getData().clone();
            m_t = null;
        }
    }

    /** Rebuilds the MTJ objects Weka's methods use, as buildClassifier made them. */
    private void restore() {
        if (m_L == null && factor != null) m_L = new UpperSPDDenseMatrix(new DenseMatrix(size, size, factor, false));
        if (m_t == null && weights != null) m_t = new DenseVector(weights, false);
    }
}
