package dev.hyperopt.vision.pipeline;

/**
 * One layer of a random-filter pipeline, with slm.py's hyperparameters: the filterbank (number
 * and side of random filters), the rectifier's clipping interval, local contrast normalization
 * (neighbourhood side, mean removal, threshold, stretch) and L-p pooling (order, window, stride).
 */
public record LayerSpec(int filters, int filterSize, double rectifyMin, double rectifyMax,
                        int normSize, boolean normRemoveMean, double normThreshold, double normStretch,
                        double poolOrder, int poolSize, int poolStride) {
    public LayerSpec {
        if (filters < 1) throw new InvalidArchitectureException("a layer needs at least one filter, got " + filters);
        if (filterSize < 1 || normSize < 1 || poolSize < 1 || poolStride < 1) {
            throw new InvalidArchitectureException("filter, normalization and pooling sizes and the stride must be positive");
        }
        if (!(rectifyMin <= rectifyMax)) throw new InvalidArchitectureException("rectifier min " + rectifyMin + " exceeds max " + rectifyMax);
        if (!(poolOrder > 0)) throw new InvalidArchitectureException("pooling order must be positive, got " + poolOrder);
        if (!(normStretch > 0)) throw new InvalidArchitectureException("normalization stretch must be positive, got " + normStretch);
    }
}
