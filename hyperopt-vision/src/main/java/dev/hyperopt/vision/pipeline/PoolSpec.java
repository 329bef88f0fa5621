package dev.hyperopt.vision.pipeline;

/** L-p pooling (slm.py's lpool): order, window side and stride. */
public record PoolSpec(double order, int size, int stride) {
    public PoolSpec {
        if (!(order > 0) || !Double.isFinite(order)) throw new InvalidArchitectureException("pooling order must be positive, got " + order);
        if (size < 1 || stride < 1) throw new InvalidArchitectureException("pooling size and stride must be positive, got " + size + " and " + stride);
    }
}
