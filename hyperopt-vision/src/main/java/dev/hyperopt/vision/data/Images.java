package dev.hyperopt.vision.data;

import dev.hyperopt.nd4j.data.DataException;
import dev.hyperopt.nd4j.data.Dataset;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Labelled images: {@code pixels} shaped {@code [images, channels, height, width]} (float, in
 * [0, 1]), the class of each in {@code labels} and the classes' names (a label indexes them).
 */
public record Images(INDArray pixels, int[] labels, List<String> classNames) {

    public Images {
        Objects.requireNonNull(pixels, "pixels");
        Objects.requireNonNull(labels, "labels");
        classNames = List.copyOf(classNames);
        if (labels.length == 0) throw new DataException("the image set is empty");
        if (pixels.rank() != 4) throw new IllegalArgumentException("pixels must be [images, channels, height, width], got rank " + pixels.rank());
        if (pixels.size(0) != labels.length) throw new IllegalArgumentException(pixels.size(0) + " images but " + labels.length + " labels");
        for (int y : labels) {
            if (y < 0 || y >= classNames.size()) throw new DataException("label " + y + " is out of range 0.." + (classNames.size() - 1));
        }
        if (pixels.dataType() != DataType.FLOAT) pixels = pixels.castTo(DataType.FLOAT);
    }

    /** One-channel images from a data set whose rows are {@code height x width} pixels; classes are named by number. */
    public static Images from(Dataset d) {
        if (d.height() < 1 || d.width() < 1 || d.height() * d.width() != d.dimension()) {
            throw new DataException("the data set holds " + d.dimension() + " values per example, not "
                    + d.height() + " x " + d.width() + " images");
        }
        List<String> names = new ArrayList<>();
        for (int c = 0; c < d.classes(); c++) names.add(Integer.toString(c));
        return new Images(d.features().reshape('c', d.size(), 1, d.height(), d.width()), d.labels(), names);
    }

    public int size() {
        return labels.length;
    }

    public int channels() {
        return (int) pixels.size(1);
    }

    public int height() {
        return (int) pixels.size(2);
    }

    public int width() {
        return (int) pixels.size(3);
    }

    public int classes() {
        return classNames.size();
    }

    /** The images at {@code rows}, in that order. */
    public Images rows(int[] rows) {
        if (rows.length == 0) throw new DataException("the image set is empty");
        int[] y = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            y[i] = labels[rows[i]];
        }
        INDArray flat = pixels.reshape('c', size(), (long) channels() * height() * width());
        return new Images(flat.getRows(rows).reshape('c', rows.length, channels(), height(), width()), y, classNames);
    }
}
