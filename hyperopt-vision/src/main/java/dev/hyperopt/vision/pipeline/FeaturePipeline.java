package dev.hyperopt.vision.pipeline;

import dev.hyperopt.dl4j.model.Nd4jRuntime;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.List;

/**
 * A random-filter feature pipeline built for images of one shape. The constructor draws the
 * filters and checks the whole architecture by shape arithmetic, so an invalid one fails before
 * any image is processed. Images are processed in batches sized so that the largest unrolled
 * window matrix or feature map stays under {@link #WINDOW_FLOATS} floats (128 MB).
 */
public final class FeaturePipeline {
    /** Cap on the floats in one batch's largest im2col matrix. */
    public static final long WINDOW_FLOATS = 32L << 20;

    private final PipelineSpec spec;
    private final long channels;
    private final long height;
    private final long width;
    private final List<INDArray> filters = new ArrayList<>();
    private final long featureCount;
    private final int batch;

    public FeaturePipeline(PipelineSpec spec, int channels, int height, int width) {
        Nd4jRuntime.start();
        this.spec = spec;
        this.channels = channels;
        this.height = height;
        this.width = width;
        long c = channels;
        long h = height;
        long w = width;
        long windowFloatsPerImage = 1;
        for (int i = 0; i < spec.layers().size(); i++) {
            LayerSpec l = spec.layers().get(i);
            String at = "layer " + (i + 1) + " ";
            filters.add(FeatureOps.randomFilters(l.filters(), c, l.filterSize(), spec.seed() + 7919L * i));
            h = FeatureOps.outSide(h, l.filterSize(), 1, at + "filterbank");
            w = FeatureOps.outSide(w, l.filterSize(), 1, at + "filterbank");
            windowFloatsPerImage = Math.max(windowFloatsPerImage, h * w * c * l.filterSize() * l.filterSize());
            c = l.filters();
            windowFloatsPerImage = Math.max(windowFloatsPerImage, h * w * c);
            h = FeatureOps.outSide(h, l.normSize(), 1, at + "normalization");
            w = FeatureOps.outSide(w, l.normSize(), 1, at + "normalization");
            // normalization unrolls the channel sums: one channel
            windowFloatsPerImage = Math.max(windowFloatsPerImage, h * w * l.normSize() * l.normSize());
            long ph = FeatureOps.outSide(h, l.poolSize(), l.poolStride(), at + "pooling");
            long pw = FeatureOps.outSide(w, l.poolSize(), l.poolStride(), at + "pooling");
            windowFloatsPerImage = Math.max(windowFloatsPerImage, ph * pw * c * l.poolSize() * l.poolSize());
            h = ph;
            w = pw;
        }
        featureCount = c * h * w;
        if (featureCount > spec.maxFeatures()) {
            throw new InvalidArchitectureException("too many features: the readout has " + c + " x " + h + " x " + w
                    + " = " + featureCount + ", more than the cap of " + spec.maxFeatures());
        }
        if (windowFloatsPerImage > WINDOW_FLOATS) {
            throw new InvalidArchitectureException("one image needs " + windowFloatsPerImage
                    + " floats of unrolled windows, more than the memory cap of " + WINDOW_FLOATS);
        }
        batch = (int) Math.max(1, Math.min(Integer.MAX_VALUE, WINDOW_FLOATS / windowFloatsPerImage));
    }

    public long featureCount() {
        return featureCount;
    }

    public PipelineSpec spec() {
        return spec;
    }

    /** Features, one row per image; {@code images} has one flattened image per row (channel-major). */
    public INDArray features(INDArray images) {
        long n = images.rows();
        if (images.columns() != channels * height * width) {
            throw new IllegalArgumentException("images have " + images.columns() + " values, the pipeline expects "
                    + channels + " x " + height + " x " + width);
        }
        INDArray out = Nd4j.create(DataType.FLOAT, n, featureCount);
        for (long from = 0; from < n; from += batch) {
            long to = Math.min(n, from + batch);
            INDArray x = images.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).dup('c')
                    .castTo(DataType.FLOAT).reshape(to - from, channels, height, width);
            out.put(new INDArrayIndex[]{NDArrayIndex.interval(from, to), NDArrayIndex.all()}, transform(x).reshape(to - from, featureCount));
        }
        return out;
    }

    private INDArray transform(INDArray x) {
        for (int i = 0; i < spec.layers().size(); i++) {
            LayerSpec l = spec.layers().get(i);
            x = FeatureOps.filterbank(x, filters.get(i));
            x = FeatureOps.rectify(x, l.rectifyMin(), l.rectifyMax());
            x = FeatureOps.localNormalize(x, l.normSize(), l.normRemoveMean(), l.normThreshold(), l.normStretch());
            x = FeatureOps.lpPool(x, l.poolOrder(), l.poolSize(), l.poolStride());
        }
        return x;
    }
}
