package dev.hyperopt.vision.pipeline;

import java.util.Objects;

/**
 * One layer of a pipeline, slm.py's stages in order: the filterbank, the rectifier's clipping
 * interval (infinite bounds: none), local contrast normalization (null: skipped) and L-p pooling.
 */
public record LayerSpec(FilterbankSpec filterbank, double rectifyMin, double rectifyMax, NormSpec normalization, PoolSpec pooling) {
    public LayerSpec {
        Objects.requireNonNull(filterbank, "filterbank");
        Objects.requireNonNull(pooling, "pooling");
        if (!(rectifyMin <= rectifyMax)) throw new InvalidArchitectureException("rectifier min " + rectifyMin + " exceeds max " + rectifyMax);
    }
}
