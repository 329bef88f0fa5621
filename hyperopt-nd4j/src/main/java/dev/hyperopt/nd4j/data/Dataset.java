package dev.hyperopt.nd4j.data;

import dev.hyperopt.nd4j.Nd4jRuntime;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Objects;

/**
 * Labelled examples: one row of {@code features} (float) per example, its class in
 * {@code labels} (0 to {@code classes - 1}). Images keep their height and width (0 for
 * data that are not images) so that generators and readers can check them.
 */
public record Dataset(INDArray features, int[] labels, int classes, int height, int width) {

    public Dataset {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(labels, "labels");
        if (labels.length == 0) throw new DataException("the data set is empty");
        if (features.rank() != 2) throw new IllegalArgumentException("features must be a matrix, got rank " + features.rank());
        if (features.rows() != labels.length) {
            throw new IllegalArgumentException(features.rows() + " feature rows but " + labels.length + " labels");
        }
        if (classes < 1) throw new IllegalArgumentException("classes must be >= 1, got " + classes);
        for (int y : labels) {
            if (y < 0 || y >= classes) throw new DataException("label " + y + " is out of range 0.." + (classes - 1));
        }
        if (features.dataType() != DataType.FLOAT) features = features.castTo(DataType.FLOAT);
    }

    /** A dataset from plain arrays, copied. */
    public static Dataset of(float[][] rows, int[] labels, int classes, int height, int width) {
        if (rows.length == 0) throw new DataException("the data set is empty");
        Nd4jRuntime.start();
        return new Dataset(Nd4j.createFromArray(rows), labels.clone(), classes, height, width);
    }

    public int size() {
        return labels.length;
    }

    /** Inputs per example. */
    public int dimension() {
        return (int) features.columns();
    }

    /** The labels as one-hot rows. */
    public INDArray oneHot() {
        INDArray y = Nd4j.zeros(DataType.FLOAT, labels.length, classes);
        for (int i = 0; i < labels.length; i++) y.putScalar(i, labels[i], 1f);
        return y;
    }

    /** The examples at {@code rows}, in that order. */
    public Dataset rows(int[] rows) {
        if (rows.length == 0) throw new DataException("the data set is empty");
        int[] y = new int[rows.length];
        for (int i = 0; i < rows.length; i++) y[i] = labels[rows[i]];
        return new Dataset(features.getRows(rows), y, classes, height, width);
    }

    /** The examples from {@code from} (inclusive) to {@code to} (exclusive). */
    public Dataset range(int from, int to) {
        int[] rows = new int[to - from];
        for (int i = 0; i < rows.length; i++) rows[i] = from + i;
        return rows(rows);
    }

    /** These examples followed by {@code more}'s, which must have the same inputs and classes. */
    public Dataset concat(Dataset more) {
        if (more.dimension() != dimension() || more.classes != classes) {
            throw new IllegalArgumentException("cannot join examples of " + more.dimension() + " inputs and " + more.classes
                    + " classes to examples of " + dimension() + " inputs and " + classes + " classes");
        }
        int[] y = java.util.Arrays.copyOf(labels, labels.length + more.labels.length);
        System.arraycopy(more.labels, 0, y, labels.length, more.labels.length);
        return new Dataset(Nd4j.vstack(features, more.features), y, classes, height, width);
    }

    /** How many examples of each class. */
    public int[] classCounts() {
        int[] c = new int[classes];
        for (int y : labels) c[y]++;
        return c;
    }

    /** Whether every feature lies in [0, 1], so that inputs can be read as probabilities. */
    public boolean inUnitInterval() {
        return features.minNumber().doubleValue() >= 0 && features.maxNumber().doubleValue() <= 1;
    }
}
