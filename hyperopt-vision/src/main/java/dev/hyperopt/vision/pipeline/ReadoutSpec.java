package dev.hyperopt.vision.pipeline;

/**
 * How the features are read out after the last computed layer (slm.py's exits): a
 * {@code cells x cells} grid pooled per channel with a generalized mean of order
 * {@code order}, or L-p pooling with window {@code size} and {@code stride}, flattened.
 */
public record ReadoutSpec(Kind kind, int cells, double order, int size, int stride) {
    public enum Kind { GRID, LPOOL }

    public ReadoutSpec {
        if (kind == null) throw new InvalidArchitectureException("a readout needs a kind");
        if (!(order > 0) || !Double.isFinite(order)) throw new InvalidArchitectureException("readout order must be positive, got " + order);
        if (kind == Kind.GRID && cells < 1) throw new InvalidArchitectureException("the readout grid needs at least one cell per side, got " + cells);
        if (kind == Kind.LPOOL && (size < 1 || stride < 1)) {
            throw new InvalidArchitectureException("readout pooling size and stride must be positive, got " + size + " and " + stride);
        }
    }

    public static ReadoutSpec grid(int cells, double order) {
        return new ReadoutSpec(Kind.GRID, cells, order, 0, 0);
    }

    public static ReadoutSpec lpool(double order, int size, int stride) {
        return new ReadoutSpec(Kind.LPOOL, 0, order, size, stride);
    }

    /** The last layer's maps flattened as they are. */
    public static final ReadoutSpec FLAT = lpool(1, 1, 1);
}
