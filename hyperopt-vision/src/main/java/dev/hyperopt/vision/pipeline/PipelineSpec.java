package dev.hyperopt.vision.pipeline;

import java.util.List;

/**
 * A feature pipeline: one to three layers, a cap on the number of readout features, and the seed
 * of its random filters (the same spec always computes the same features).
 */
public record PipelineSpec(List<LayerSpec> layers, int maxFeatures, long seed) {
    public PipelineSpec {
        layers = List.copyOf(layers);
        if (layers.isEmpty() || layers.size() > 3) {
            throw new InvalidArchitectureException("a pipeline has 1 to 3 layers, got " + layers.size());
        }
        if (maxFeatures < 1) throw new InvalidArchitectureException("the feature cap must be positive, got " + maxFeatures);
    }
}
