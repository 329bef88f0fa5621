package dev.hyperopt.vision.pipeline;

import java.util.List;
import java.util.Objects;

/**
 * A feature pipeline: the input stage, zero to three layers, the readout after the last of
 * them, a cap on the number of readout features, and the seed of its random draws (the same
 * spec on the same training images always computes the same features).
 */
public record PipelineSpec(InputSpec input, List<LayerSpec> layers, ReadoutSpec readout, int maxFeatures, long seed) {
    /** The most layers a pipeline has. */
    public static final int MAX_LAYERS = 3;

    public PipelineSpec {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(readout, "readout");
        layers = List.copyOf(layers);
        if (layers.size() > MAX_LAYERS) {
            throw new InvalidArchitectureException("a pipeline has 0 to " + MAX_LAYERS + " layers, got " + layers.size());
        }
        if (maxFeatures < 1) throw new InvalidArchitectureException("the feature cap must be positive, got " + maxFeatures);
    }

    /** Layers read out flat, with no input stage. */
    public static PipelineSpec of(List<LayerSpec> layers, int maxFeatures, long seed) {
        return new PipelineSpec(InputSpec.NONE, layers, ReadoutSpec.FLAT, maxFeatures, seed);
    }
}
