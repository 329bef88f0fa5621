package dev.hyperopt.vision.pipeline;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Objects;

/**
 * A layer's filters, {@code [filters, channels, size, size]}, and what is subtracted from each
 * filter's response ({@code [filters]}; null for random projections, whose offsets are zero).
 */
public record Filterbank(INDArray filters, INDArray offsets) {
    public Filterbank {
        Objects.requireNonNull(filters, "filters");
        if (filters.rank() != 4 || filters.size(2) != filters.size(3)) {
            throw new IllegalArgumentException("filters must be [filters, channels, size, size], got " + java.util.Arrays.toString(filters.shape()));
        }
        if (offsets != null && offsets.length() != filters.size(0)) {
            throw new IllegalArgumentException(offsets.length() + " offsets for " + filters.size(0) + " filters");
        }
    }

    public int count() {
        return (int) filters.size(0);
    }

    public int channels() {
        return (int) filters.size(1);
    }

    public int size() {
        return (int) filters.size(2);
    }
}
