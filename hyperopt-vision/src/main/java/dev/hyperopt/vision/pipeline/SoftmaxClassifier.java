package dev.hyperopt.vision.pipeline;

import dev.hyperopt.dl4j.model.Nd4jRuntime;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * An L2-regularized multinomial logistic regression on standardized features, trained by
 * full-batch Adam on ND4J. Standardization (train mean and standard deviation per feature;
 * constant features are left unscaled) is part of the model so new features go through the same.
 */
public final class SoftmaxClassifier {
    private final INDArray mean;
    private final INDArray std;
    private final INDArray weights;
    private final INDArray bias;

    private SoftmaxClassifier(INDArray mean, INDArray std, INDArray weights, INDArray bias) {
        this.mean = mean;
        this.std = std;
        this.weights = weights;
        this.bias = bias;
    }

    /** Fits on {@code x} (one example per row) and {@code labels} in {@code 0..classes-1}. */
    public static SoftmaxClassifier fit(INDArray x, int[] labels, int classes, double l2, int iterations, double learningRate) {
        Nd4jRuntime.start();
        if (x.rows() != labels.length) throw new IllegalArgumentException(x.rows() + " rows but " + labels.length + " labels");
        if (!(l2 >= 0)) throw new IllegalArgumentException("L2 strength must be >= 0, got " + l2);
        if (iterations < 1) throw new IllegalArgumentException("iterations must be >= 1, got " + iterations);
        x = x.castTo(DataType.FLOAT);
        INDArray mean = x.mean(true, 0);
        INDArray std = x.std(true, 0);
        BooleanIndexing.replaceWhere(std, 1.0, Conditions.lessThan(1e-6));
        INDArray z = x.subRowVector(mean).diviRowVector(std);
        long n = x.rows();
        long d = x.columns();
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, classes);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) throw new IllegalArgumentException("label " + labels[i] + " out of range");
            y.putScalar(i, labels[i], 1f);
        }
        INDArray w = Nd4j.zeros(DataType.FLOAT, d, classes);
        INDArray b = Nd4j.zeros(DataType.FLOAT, 1, classes);
        Adam aw = new Adam(w);
        Adam ab = new Adam(b);
        for (int t = 1; t <= iterations; t++) {
            INDArray g = probabilities(z, w, b).subi(y).divi(n);
            INDArray gw = z.transpose().mmul(g).addi(w.mul(l2));
            INDArray gb = g.sum(true, 0);
            aw.step(w, gw, learningRate, t);
            ab.step(b, gb, learningRate, t);
        }
        return new SoftmaxClassifier(mean, std, w, b);
    }

    /** The most probable class of each row. */
    public int[] predict(INDArray x) {
        INDArray z = x.castTo(DataType.FLOAT).subRowVector(mean).diviRowVector(std);
        return probabilities(z, weights, bias).argMax(1).toIntVector();
    }

    /** The fraction of rows whose predicted class is not the label. */
    public double errorRate(INDArray x, int[] labels) {
        int[] p = predict(x);
        int wrong = 0;
        for (int i = 0; i < p.length; i++) if (p[i] != labels[i]) wrong++;
        return (double) wrong / p.length;
    }

    private static INDArray probabilities(INDArray z, INDArray w, INDArray b) {
        INDArray s = z.mmul(w).addiRowVector(b);
        s.subiColumnVector(s.max(true, 1));
        Transforms.exp(s, false);
        return s.diviColumnVector(s.sum(true, 1));
    }

    /** Adam's moment estimates for one parameter array. */
    private static final class Adam {
        private final INDArray m;
        private final INDArray v;

        Adam(INDArray p) {
            m = Nd4j.zerosLike(p);
            v = Nd4j.zerosLike(p);
        }

        void step(INDArray p, INDArray g, double lr, int t) {
            m.muli(0.9).addi(g.mul(0.1));
            v.muli(0.999).addi(g.mul(g).muli(0.001));
            double a = lr * Math.sqrt(1 - Math.pow(0.999, t)) / (1 - Math.pow(0.9, t));
            p.subi(m.mul(a).divi(Transforms.sqrt(v, true).addi(1e-8)));
        }
    }
}
