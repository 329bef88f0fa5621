package dev.hyperopt.vision.pipeline;

/**
 * The input stage, applied before the first layer: an optional resize so the larger side is
 * {@code side} pixels (null keeps the size), an optional fixed affine {@link Warp}, and an
 * optional per-image standardization (zero mean, unit variance over all pixels and channels).
 */
public record InputSpec(Integer side, Warp warp, boolean standardize) {
    /** The identity: no resize, no warp, no standardization. */
    public static final InputSpec NONE = new InputSpec(null, null, false);

    public InputSpec {
        if (side != null && side < 1) throw new InvalidArchitectureException("the resize side must be positive, got " + side);
    }

    /**
     * An affine warp about the image centre, the same for every image: rotation by
     * {@code rotate} radians, scaling by {@code scale}, horizontal shear {@code shear}, then a
     * shift by {@code shiftX} and {@code shiftY} fractions of the width and height.
     */
    public record Warp(double rotate, double scale, double shear, double shiftX, double shiftY) {
        public Warp {
            if (!(scale > 0) || !Double.isFinite(scale)) throw new InvalidArchitectureException("the warp scale must be positive, got " + scale);
            if (!Double.isFinite(rotate) || !Double.isFinite(shear) || !Double.isFinite(shiftX) || !Double.isFinite(shiftY)) {
                throw new InvalidArchitectureException("the warp parameters must be finite");
            }
        }
    }
}
