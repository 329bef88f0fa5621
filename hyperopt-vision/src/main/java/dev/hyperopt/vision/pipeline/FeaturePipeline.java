package dev.hyperopt.vision.pipeline;

import dev.hyperopt.nd4j.Nd4jRuntime;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A feature pipeline fitted to images of one shape: the input stage, the layers with their
 * filterbanks, and the readout. {@link #plan} checks the whole architecture by shape
 * arithmetic, so an invalid one fails before any image is processed. Images are processed in
 * batches of at most {@link #MAX_BATCH} images, sized so that the largest unrolled window
 * matrix or feature map stays under {@link #WINDOW_FLOATS} floats (128 MB).
 */
public final class FeaturePipeline {
    /** Cap on the floats in one batch's largest im2col matrix or feature map. */
    public static final long WINDOW_FLOATS = 32L << 20;

    private static final String WORKSPACE = "hyperopt-vision-batch";

    /** The most images in one batch, so a fit checks its deadline every few seconds even on small maps. */
    public static final int MAX_BATCH = 256;

    /** At most this many training images give the patches that whitened filterbanks are estimated from. */
    public static final int PATCH_IMAGES = 500;

    private final PipelineSpec spec;
    private final int channels;
    private final int height;
    private final int width;
    private final Plan plan;
    private final List<Filterbank> filterbanks;

    /**
     * What the shape arithmetic promises: the input size after the input stage, the number of
     * features, and how many images go through at once.
     */
    public record Plan(int inputHeight, int inputWidth, long featureCount, int batch) {}

    private FeaturePipeline(PipelineSpec spec, int channels, int height, int width, List<Filterbank> filterbanks) {
        this.spec = spec;
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.plan = plan(spec, channels, height, width);
        this.filterbanks = List.copyOf(filterbanks);
    }

    /**
     * Fits a pipeline on {@code images} ({@code [n, c, h, w]}): random filterbanks are drawn
     * from the seed; whitened ones from patches of the maps that at most {@link #PATCH_IMAGES}
     * of the images give at the layer's input.
     *
     * @throws InvalidArchitectureException when the architecture does not fit these images
     */
    public static FeaturePipeline fit(PipelineSpec spec, INDArray images) {
        return fit(spec, images, () -> {});
    }

    /** As {@link #fit(PipelineSpec, INDArray)}, calling {@code check} between batches: it may throw to stop the fit. */
    public static FeaturePipeline fit(PipelineSpec spec, INDArray images, Runnable check) {
        Nd4jRuntime.start();
        if (images.rank() != 4) throw new IllegalArgumentException("images must be [images, channels, height, width]");
        int c = (int) images.size(1);
        int h = (int) images.size(2);
        int w = (int) images.size(3);
        Plan plan = plan(spec, c, h, w);
        List<Filterbank> banks = new ArrayList<>();
        INDArray sample = spec.layers().stream().anyMatch(l -> l.filterbank().whitened()) ? sampleImages(images, spec.seed()) : null;
        long mapChannels = c;
        for (int i = 0; i < spec.layers().size(); i++) {
            FilterbankSpec f = spec.layers().get(i).filterbank();
            long seed = spec.seed() + 7919L * i;
            if (f.whitened()) {
                INDArray patches = patchesAt(spec, banks, i, sample, plan.batch(), new Random(seed * 31 + 17), check);
                Whitening.Zca zca = Whitening.zca(patches, f.whitening());
                banks.add(f.kind() == FilterbankSpec.Kind.WHITENED_RANDOM
                        ? Whitening.whitenedRandom(zca, f.filters(), (int) mapChannels, f.size(), seed)
                        : Whitening.whitenedPatches(zca, patches, f.filters(), (int) mapChannels, f.size(), seed));
            } else {
                banks.add(new Filterbank(FeatureOps.randomFilters(f.filters(), mapChannels, f.size(), seed), null));
            }
            mapChannels = f.filters();
        }
        return new FeaturePipeline(spec, c, h, w, banks);
    }

    /** A pipeline with the given filterbanks, one per layer, as {@link #filterbanks()} returned them. */
    public static FeaturePipeline of(PipelineSpec spec, int channels, int height, int width, List<Filterbank> filterbanks) {
        Nd4jRuntime.start();
        if (filterbanks.size() != spec.layers().size()) {
            throw new IllegalArgumentException(filterbanks.size() + " filterbanks for " + spec.layers().size() + " layers");
        }
        long c = channels;
        for (int i = 0; i < filterbanks.size(); i++) {
            Filterbank b = filterbanks.get(i);
            FilterbankSpec f = spec.layers().get(i).filterbank();
            if (b.count() != f.filters() || b.channels() != c || b.size() != f.size()) {
                throw new IllegalArgumentException("layer " + (i + 1) + " filterbank is " + Arrays.toString(b.filters().shape())
                        + ", the spec wants " + f.filters() + " x " + c + " x " + f.size() + " x " + f.size());
            }
            c = f.filters();
        }
        return new FeaturePipeline(spec, channels, height, width, filterbanks);
    }

    /**
     * The shape arithmetic of {@code spec} on {@code channels x height x width} images.
     *
     * @throws InvalidArchitectureException when a window is larger than its map, a whitened
     *         patch is larger than {@link Whitening#MAX_DIMENSION}, the readout exceeds the
     *         feature cap, or one image needs more than {@link #WINDOW_FLOATS} floats
     */
    public static Plan plan(PipelineSpec spec, int channels, int height, int width) {
        long c = channels;
        int[] in = InputOps.resizedShape(height, width, spec.input().side());
        long h = in[0];
        long w = in[1];
        long windows = Math.max((long) channels * height * width, c * h * w + c * height * w);
        for (int i = 0; i < spec.layers().size(); i++) {
            LayerSpec l = spec.layers().get(i);
            FilterbankSpec f = l.filterbank();
            String at = "layer " + (i + 1) + " ";
            int k = f.size();
            long oh = FeatureOps.outSide(h, k, 1, at + "filterbank");
            long ow = FeatureOps.outSide(w, k, 1, at + "filterbank");
            if (f.whitened()) {
                if (c * k * k > Whitening.MAX_DIMENSION) {
                    throw new InvalidArchitectureException(at + "whitening needs patches of " + c + " x " + k + " x " + k + " = "
                            + c * k * k + " values, more than the cap of " + Whitening.MAX_DIMENSION);
                }
            }
            windows = Math.max(windows, oh * ow * c * k * k);
            c = f.filters();
            h = oh;
            w = ow;
            windows = Math.max(windows, h * w * c);
            NormSpec n = l.normalization();
            if (n != null) {
                h = FeatureOps.outSide(h, n.size(), 1, at + "normalization");
                w = FeatureOps.outSide(w, n.size(), 1, at + "normalization");
                // normalization unrolls the channel sums: one channel
                windows = Math.max(windows, h * w * n.size() * n.size());
            }
            PoolSpec p = l.pooling();
            long ph = FeatureOps.outSide(h, p.size(), p.stride(), at + "pooling");
            long pw = FeatureOps.outSide(w, p.size(), p.stride(), at + "pooling");
            windows = Math.max(windows, ph * pw * c * p.size() * p.size());
            h = ph;
            w = pw;
        }
        ReadoutSpec r = spec.readout();
        if (r.kind() == ReadoutSpec.Kind.GRID) {
            if (r.cells() > h || r.cells() > w) {
                throw new InvalidArchitectureException("the feature map shrinks to nothing: a " + r.cells() + "x" + r.cells()
                        + " readout grid does not fit the " + h + "x" + w + " map");
            }
            h = r.cells();
            w = r.cells();
        } else {
            long ph = FeatureOps.outSide(h, r.size(), r.stride(), "readout pooling");
            long pw = FeatureOps.outSide(w, r.size(), r.stride(), "readout pooling");
            windows = Math.max(windows, ph * pw * c * r.size() * r.size());
            h = ph;
            w = pw;
        }
        long features = c * h * w;
        if (features > spec.maxFeatures()) {
            throw new InvalidArchitectureException("too many features: the readout has " + c + " x " + h + " x " + w
                    + " = " + features + ", more than the cap of " + spec.maxFeatures());
        }
        if (windows > WINDOW_FLOATS) {
            throw new InvalidArchitectureException("one image needs " + windows
                    + " floats of unrolled windows, more than the memory cap of " + WINDOW_FLOATS);
        }
        int batch = (int) Math.max(1, Math.min(MAX_BATCH, WINDOW_FLOATS / windows));
        return new Plan(in[0], in[1], features, batch);
    }

    public long featureCount() {
        return plan.featureCount();
    }

    public PipelineSpec spec() {
        return spec;
    }

    public Plan plan() {
        return plan;
    }

    /** The filterbank of each layer. */
    public List<Filterbank> filterbanks() {
        return filterbanks;
    }

    /** The image shape {@code [channels, height, width]} the pipeline takes. */
    public int[] inputShape() {
        return new int[]{channels, height, width};
    }

    /** Features of {@code images} ({@code [n, channels, height, width]}), one row per image. */
    public INDArray features(INDArray images) {
        return features(images, () -> {});
    }

    /** As {@link #features(INDArray)}, calling {@code check} before each batch: it may throw to stop. */
    public INDArray features(INDArray images, Runnable check) {
        if (images.rank() != 4 || images.size(1) != channels || images.size(2) != height || images.size(3) != width) {
            throw new IllegalArgumentException("images are " + Arrays.toString(images.shape()) + ", the pipeline takes [n, "
                    + channels + ", " + height + ", " + width + "]");
        }
        long n = images.size(0);
        INDArray out = Nd4j.create(DataType.FLOAT, n, plan.featureCount());
        try {
            for (long from = 0; from < n; from += plan.batch()) {
                check.run();
                long to = Math.min(n, from + plan.batch());
                try (MemoryWorkspace ws = Workspaces.iteration(WORKSPACE)) {
                    INDArray x = images.get(NDArrayIndex.interval(from, to), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all());
                    out.put(new INDArrayIndex[]{NDArrayIndex.interval(from, to), NDArrayIndex.all()},
                            transform(x).reshape(to - from, plan.featureCount()));
                }
            }
        } finally {
            Workspaces.release(WORKSPACE);
        }
        return out;
    }

    private INDArray transform(INDArray x) {
        x = inputStage(spec.input(), x);
        for (int i = 0; i < spec.layers().size(); i++) x = layer(spec.layers().get(i), filterbanks.get(i), x);
        ReadoutSpec r = spec.readout();
        return r.kind() == ReadoutSpec.Kind.GRID ? FeatureOps.gridPool(x, r.cells(), r.order())
                : r.size() == 1 && r.stride() == 1 && r.order() == 1 ? x : FeatureOps.lpPool(x, r.order(), r.size(), r.stride());
    }

    static INDArray inputStage(InputSpec in, INDArray x) {
        x = x.castTo(DataType.FLOAT);
        int[] s = InputOps.resizedShape((int) x.size(2), (int) x.size(3), in.side());
        x = InputOps.resize(x, s[0], s[1]);
        if (in.warp() != null) x = InputOps.warp(x, in.warp());
        if (in.standardize()) x = InputOps.standardize(x);
        return x;
    }

    static INDArray layer(LayerSpec l, Filterbank bank, INDArray x) {
        x = FeatureOps.filterbank(x, bank.filters(), bank.offsets());
        if (l.rectifyMin() != Double.NEGATIVE_INFINITY || l.rectifyMax() != Double.POSITIVE_INFINITY) {
            x = FeatureOps.rectify(x, l.rectifyMin(), l.rectifyMax());
        }
        NormSpec n = l.normalization();
        if (n != null) x = FeatureOps.localNormalize(x, n.size(), n.removeMean(), n.threshold(), n.stretch());
        PoolSpec p = l.pooling();
        return FeatureOps.lpPool(x, p.order(), p.size(), p.stride());
    }

    private static INDArray sampleImages(INDArray images, long seed) {
        int n = (int) images.size(0);
        if (n <= PATCH_IMAGES) return images;
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) order.add(i);
        java.util.Collections.shuffle(order, new Random(seed));
        int[] rows = order.subList(0, PATCH_IMAGES).stream().mapToInt(Integer::intValue).toArray();
        java.util.Arrays.sort(rows);
        long per = images.size(1) * images.size(2) * images.size(3);
        return images.reshape('c', n, per).getRows(rows).reshape('c', PATCH_IMAGES, images.size(1), images.size(2), images.size(3));
    }

    /**
     * The patches a whitened filterbank of layer {@code layer} is estimated from: each of the
     * spec's {@code patches} from a uniformly drawn image of {@code sample} at a uniformly
     * drawn position of its map at the layer's input. The maps are computed a batch at a
     * time, so only one batch of them is held.
     */
    private static INDArray patchesAt(PipelineSpec spec, List<Filterbank> banks, int layer, INDArray sample, int batch,
                                      Random rng, Runnable check) {
        FilterbankSpec f = spec.layers().get(layer).filterbank();
        int n = (int) sample.size(0);
        int k = f.size();
        int count = f.patches();
        int[] img = new int[count];
        int[] row = new int[count];
        int[] col = new int[count];
        float[] out = null;
        int d = 0;
        try {
            for (int from = 0; from < n; from += batch) {
                check.run();
                int to = Math.min(n, from + batch);
                float[] m;
                int c;
                int h;
                int w;
                try (MemoryWorkspace ws = Workspaces.iteration(WORKSPACE)) {
                    INDArray maps = inputStage(spec.input(), sample.get(NDArrayIndex.interval(from, to), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all()));
                    for (int j = 0; j < layer; j++) maps = layer(spec.layers().get(j), banks.get(j), maps);
                    c = (int) maps.size(1);
                    h = (int) maps.size(2);
                    w = (int) maps.size(3);
                    m = maps.castTo(DataType.FLOAT).dup('c').data().asFloat();
                }
                if (out == null) {
                    for (int p = 0; p < count; p++) {
                        img[p] = rng.nextInt(n);
                        row[p] = rng.nextInt(h - k + 1);
                        col[p] = rng.nextInt(w - k + 1);
                    }
                    d = c * k * k;
                    out = new float[count * d];
                }
                for (int p = 0; p < count; p++) {
                    if (img[p] >= from && img[p] < to) Whitening.copyPatch(m, c, h, w, img[p] - from, row[p], col[p], k, out, p * d);
                }
            }
        } finally {
            Workspaces.release(WORKSPACE);
        }
        return Nd4j.create(out, new long[]{count, d}, 'c');
    }
}
