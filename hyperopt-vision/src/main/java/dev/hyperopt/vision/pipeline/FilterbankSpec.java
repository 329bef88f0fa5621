package dev.hyperopt.vision.pipeline;

/**
 * How a layer's filters are made (hpconvnet's three filterbank algorithms): random
 * projections; random projections in the ZCA-whitened space of image patches; or whitened
 * image patches themselves. {@code whitening} regularizes the whitening (the eigenvalue
 * floor, relative to the mean eigenvalue) and {@code patches} is how many patches, sampled
 * from the training images' maps at the layer's input, estimate it; both are ignored for
 * random projections.
 */
public record FilterbankSpec(Kind kind, int filters, int size, double whitening, int patches) {
    public enum Kind {
        RANDOM, WHITENED_RANDOM, WHITENED_PATCHES;

        /** The name used in the space: {@code random}, {@code whitened_random}, {@code whitened_patches}. */
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public FilterbankSpec {
        if (kind == null) throw new InvalidArchitectureException("a filterbank needs a kind");
        if (filters < 1) throw new InvalidArchitectureException("a layer needs at least one filter, got " + filters);
        if (size < 1) throw new InvalidArchitectureException("the filter size must be positive, got " + size);
        if (kind != Kind.RANDOM) {
            if (!(whitening > 0) || !Double.isFinite(whitening)) throw new InvalidArchitectureException("the whitening floor must be positive, got " + whitening);
            if (patches < 2) throw new InvalidArchitectureException("whitening needs at least 2 patches, got " + patches);
        }
    }

    /** Random-projection filters. */
    public static FilterbankSpec random(int filters, int size) {
        return new FilterbankSpec(Kind.RANDOM, filters, size, 0, 0);
    }

    public boolean whitened() {
        return kind != Kind.RANDOM;
    }
}
