package dev.hyperopt.vision.pipeline;

import dev.hyperopt.nd4j.Nd4jRuntime;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * An L2-regularized linear classifier, trained in the primal by full-batch Adam on ND4J:
 * multinomial logistic regression (softmax) or a one-vs-rest linear SVM with the squared
 * hinge loss. Its preprocessing is part of the model so new features go through the same:
 * features whose training variance is under the spec's threshold (relative to the mean
 * variance) are dropped, as hpconvnet's {@code varthresh} does, and the rest are optionally
 * standardized with the training mean and standard deviation (constant ones left unscaled).
 */
public final class LinearClassifier {
    private static final String WORKSPACE = "hyperopt-vision-classifier";
    private final int[] kept;
    private final INDArray mean;
    private final INDArray std;
    private final INDArray weights;
    private final INDArray bias;

    private LinearClassifier(int[] kept, INDArray mean, INDArray std, INDArray weights, INDArray bias) {
        this.kept = kept;
        this.mean = mean;
        this.std = std;
        this.weights = weights;
        this.bias = bias;
    }

    /**
     * A classifier from its parts, as its accessors return them: the kept feature columns
     * (null: all), the row vectors subtracted from and dividing the kept features, the
     * {@code [kept, classes]} weights and the {@code [1, classes]} bias.
     */
    public static LinearClassifier of(int[] kept, INDArray mean, INDArray std, INDArray weights, INDArray bias) {
        long d = kept == null ? weights.rows() : kept.length;
        if (weights.rows() != d || mean.length() != d || std.length() != d || bias.length() != weights.columns()) {
            throw new IllegalArgumentException("classifier parts disagree: " + d + " features, weights "
                    + java.util.Arrays.toString(weights.shape()) + ", bias " + bias.length());
        }
        return new LinearClassifier(kept, mean.reshape(1, d).castTo(DataType.FLOAT), std.reshape(1, d).castTo(DataType.FLOAT),
                weights.castTo(DataType.FLOAT), bias.reshape(1, weights.columns()).castTo(DataType.FLOAT));
    }

    /** Fits on {@code x} (one example per row) and {@code labels} in {@code 0..classes-1}. */
    public static LinearClassifier fit(ClassifierSpec spec, INDArray x, int[] labels, int classes) {
        return fit(spec, x, labels, classes, () -> {});
    }

    /** As {@link #fit(ClassifierSpec, INDArray, int[], int)}, calling {@code check} every ten steps: it may throw to stop. */
    public static LinearClassifier fit(ClassifierSpec spec, INDArray x, int[] labels, int classes, Runnable check) {
        Nd4jRuntime.start();
        if (x.rows() != labels.length) throw new IllegalArgumentException(x.rows() + " rows but " + labels.length + " labels");
        boolean svm = spec.loss() == ClassifierSpec.Loss.SVM;
        x = x.castTo(DataType.FLOAT);
        int[] kept = null;
        if (spec.varianceThreshold() > 0) {
            INDArray var = x.var(false, 0).reshape(-1);
            double floor = spec.varianceThreshold() * var.meanNumber().doubleValue();
            float[] v = var.toFloatVector();
            int[] keep = java.util.stream.IntStream.range(0, v.length).filter(j -> v[j] >= floor).toArray();
            if (keep.length > 0 && keep.length < v.length) {
                kept = keep;
                x = x.getColumns(kept);
            }
        }
        long n = x.rows();
        long d = x.columns();
        INDArray mean;
        INDArray std;
        if (spec.standardize()) {
            mean = x.mean(true, 0);
            std = x.std(true, 0);
            BooleanIndexing.replaceWhere(std, 1.0, Conditions.lessThan(1e-6));
        } else {
            mean = Nd4j.zeros(DataType.FLOAT, 1, d);
            std = Nd4j.ones(DataType.FLOAT, 1, d);
        }
        INDArray z = x.subRowVector(mean).diviRowVector(std);
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
        INDArray zt = z.transpose();
        try {
            for (int t = 1; t <= spec.iterations(); t++) {
                if (t % 10 == 1) check.run();
                // the step's temporaries live in a workspace; w, b and the moments are updated in place outside it
                try (MemoryWorkspace ws = Workspaces.iteration(WORKSPACE)) {
                    INDArray g = svm ? hingeGradient(z.mmul(w).addiRowVector(b), signs, n) : probabilities(z, w, b).subi(y).divi(n);
                    INDArray gw = zt.mmul(g).addi(w.mul(spec.l2()));
                    INDArray gb = g.sum(true, 0);
                    aw.step(w, gw, spec.learningRate(), t);
                    ab.step(b, gb, spec.learningRate(), t);
                }
            }
        } finally {
            Workspaces.release(WORKSPACE);
        }
        return new LinearClassifier(kept, mean, std, w, b);
    }

    /** The feature columns the classifier reads, or null when it reads all. */
    public int[] kept() {
        return kept == null ? null : kept.clone();
    }

    /** The {@code [1, kept]} row subtracted from the kept features. */
    public INDArray mean() {
        return mean;
    }

    /** The {@code [1, kept]} row the centred features are divided by. */
    public INDArray std() {
        return std;
    }

    /** The {@code [kept, classes]} weights. */
    public INDArray weights() {
        return weights;
    }

    /** The {@code [1, classes]} bias. */
    public INDArray bias() {
        return bias;
    }

    /** The class scores of each row, {@code [rows, classes]}. */
    public INDArray scores(INDArray x) {
        INDArray f = x.castTo(DataType.FLOAT);
        if (kept != null) f = f.getColumns(kept);
        return f.subRowVector(mean).diviRowVector(std).mmul(weights).addiRowVector(bias);
    }

    /** The highest-scoring class of each row. */
    public int[] predict(INDArray x) {
        return scores(x).argMax(1).toIntVector();
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
