package dev.hyperopt.vision.pipeline;

/** Local contrast normalization (slm.py's lnorm): neighbourhood side, mean removal, threshold and stretch. */
public record NormSpec(int size, boolean removeMean, double threshold, double stretch) {
    public NormSpec {
        if (size < 1) throw new InvalidArchitectureException("the normalization size must be positive, got " + size);
        if (!(stretch > 0)) throw new InvalidArchitectureException("normalization stretch must be positive, got " + stretch);
        if (!(threshold >= 0)) throw new InvalidArchitectureException("normalization threshold must be >= 0, got " + threshold);
    }
}
