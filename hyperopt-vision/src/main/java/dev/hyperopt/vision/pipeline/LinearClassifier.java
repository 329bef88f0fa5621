package dev.hyperopt.vision.pipeline;

import dev.hyperopt.dl4j.model.Nd4jRuntime;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * An L2-regularized linear classifier on standardized features, trained in the primal by
 * full-batch Adam on ND4J: multinomial logistic regression (softmax) or a one-vs-rest linear
 * SVM with the squared hinge loss. Standardization (train mean and standard deviation per
 * feature; constant features are left unscaled) is part of the model so new features go
 * through the same.
 */
public final class LinearClassifier {
    private final INDArray mean;
    private final INDArray std;
    private final INDArray weights;
    private final INDArray bias;

    private LinearClassifier(INDArray mean, INDArray std, INDArray weights, INDArray bias) {
        this.mean = mean;
        this.std = std;
        this.weights = weights;
        this.bias = bias;
    }

    /** Fits on {@code x} (one example per row) and {@code labels} in {@code 0..classes-1}. */
    public static LinearClassifier fit(ClassifierSpec spec, INDArray x, int[] labels, int classes) {
        Nd4jRuntime.start();
        if (x.rows() != labels.length) throw new IllegalArgumentException(x.rows() + " rows but " + labels.length + " labels");
        boolean svm = spec.loss() == ClassifierSpec.Loss.SVM;
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
        INDArray signs = svm ? y.mul(2).subi(1) : null;
        for (int t = 1; t <= spec.iterations(); t++) {
            INDArray g = svm ? hingeGradient(z.mmul(w).addiRowVector(b), signs, n) : probabilities(z, w, b).subi(y).divi(n);
            INDArray gw = z.transpose().mmul(g).addi(w.mul(spec.l2()));
            INDArray gb = g.sum(true, 0);
            aw.step(w, gw, spec.learningRate(), t);
            ab.step(b, gb, spec.learningRate(), t);
        }
        return new LinearClassifier(mean, std, w, b);
    }

    /** The highest-scoring class of each row. */
    public int[] predict(INDArray x) {
        INDArray z = x.castTo(DataType.FLOAT).subRowVector(mean).diviRowVector(std);
        return z.mmul(weights).addiRowVector(bias).argMax(1).toIntVector();
    }

    /** The fraction of rows whose predicted class is not the label. */
    public double errorRate(INDArray x, int[] labels) {
        int[] p = predict(x);
        int wrong = 0;
        for (int i = 0; i < p.length; i++) if (p[i] != labels[i]) wrong++;
        return (double) wrong / p.length;
    }

    /**
     * The gradient of the mean one-vs-rest squared hinge loss, sum over classes of
     * {@code max(0, 1 - sign * score)^2}, with respect to the scores.
     */
    private static INDArray hingeGradient(INDArray scores, INDArray signs, long n) {
        INDArray slack = scores.muli(signs).rsubi(1);
        BooleanIndexing.replaceWhere(slack, 0.0, Conditions.lessThan(0.0));
        return slack.muli(signs).muli(-2.0 / n);
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
