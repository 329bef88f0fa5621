package dev.hyperopt.vision.pipeline;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.ops.impl.layers.convolution.AvgPooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Pooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The four stages of a hyperopt-convnet layer (hpconvnet/slm.py: fbcorr, activ, lnorm, lpool) on
 * batches of feature maps shaped {@code [images, channels, height, width]}, all in "valid" mode:
 * an output pixel exists only where its whole window lies inside the input. Each stage is a few
 * batched native ops: ND4J's convolution for the filterbank and its average pooling for the
 * window sums of normalization and pooling.
 */
public final class FeatureOps {
    private FeatureOps() {}

    /**
     * Correlates every image with every filter ({@code [filters, channels, k, k]}), summing over
     * channels; no kernel flip, as slm.py's fbcorr.
     */
    public static INDArray filterbank(INDArray x, INDArray filters) {
        return filterbank(x, filters, null);
    }

    /**
     * As {@link #filterbank(INDArray, INDArray)}, less {@code offsets[f]} from filter {@code f}'s
     * responses: a whitened filterbank's response to the mean patch, so each filter answers
     * to a patch's deviation from the mean. Null offsets subtract nothing.
     */
    public static INDArray filterbank(INDArray x, INDArray filters, INDArray offsets) {
        long c = x.size(1);
        int k = (int) filters.size(2);
        if (filters.size(1) != c) {
            throw new IllegalArgumentException("filters have " + filters.size(1) + " channels, the input " + c);
        }
        outSide(x.size(2), k, 1, "filterbank");
        outSide(x.size(3), k, 1, "filterbank");
        Conv2DConfig cfg = Conv2DConfig.builder().kH(k).kW(k).sH(1).sW(1).paddingMode(PaddingMode.VALID)
                .dataFormat("NCHW").weightsFormat(WeightsFormat.OIYX).build();
        INDArray bias = offsets == null ? null : offsets.reshape(filters.size(0)).castTo(DataType.FLOAT).neg();
        return Nd4j.exec(new Conv2D(floats(x), floats(filters), bias, cfg))[0];
    }

    /** Clips every value into {@code [min, max]}; slm.py's activ. */
    public static INDArray rectify(INDArray x, double min, double max) {
        if (!(min <= max)) throw new IllegalArgumentException("rectify needs min <= max, got " + min + " > " + max);
        INDArray y = min == Double.NEGATIVE_INFINITY ? floats(x).dup() : Transforms.max(floats(x), min, true);
        return max == Double.POSITIVE_INFINITY ? y : Transforms.min(y, max, false);
    }

    /** Added to every normalization divisor and threshold, as slm.py does, so flat regions never divide by zero. */
    public static final double NORM_EPSILON = 1e-4;

    /**
     * Local contrast normalization over a {@code size x size} neighbourhood across all channels
     * (slm.py's lnorm): the centre value, less the neighbourhood mean when {@code removeMean},
     * times {@code stretch}, divided by {@code stretch} times ({@link #NORM_EPSILON} plus the
     * neighbourhood's Euclidean norm, of the deviations from the mean when {@code removeMean});
     * where that divisor is below {@code threshold + NORM_EPSILON} the value is divided by 1.
     */
    public static INDArray localNormalize(INDArray x, int size, boolean removeMean, double threshold, double stretch) {
        long c = x.size(1);
        long oh = outSide(x.size(2), size, 1, "normalization");
        long ow = outSide(x.size(3), size, 1, "normalization");
        double d = (double) c * size * size;
        // Summing over channels first and then over the window gives the same sums on one channel.
        long[] one = {x.size(0), 1, x.size(2), x.size(3)};
        INDArray sum = boxSum(x.sum(1).reshape(one), size, 1);
        INDArray ssq = boxSum(x.mul(x).sum(1).reshape(one), size, 1);
        int r = (size - 1) / 2;
        INDArray centre = x.get(NDArrayIndex.all(), NDArrayIndex.all(),
                NDArrayIndex.interval(r, r + oh), NDArrayIndex.interval(r, r + ow)).dup('c');
        INDArray num = removeMean ? centre.subi(sum.div(d)) : centre;
        INDArray var = removeMean ? ssq.sub(sum.mul(sum).divi(d)) : ssq;
        BooleanIndexing.replaceWhere(var, 0.0, Conditions.lessThan(0.0));
        INDArray div = Transforms.sqrt(var, false).addi(NORM_EPSILON).muli(stretch);
        BooleanIndexing.replaceWhere(div, 1.0, Conditions.lessThan(threshold + NORM_EPSILON));
        return num.muli(stretch).divi(div);
    }

    /**
     * L-p pooling (slm.py's lpool): per channel, over {@code size x size} windows taken every
     * {@code stride} pixels, the plain sum when {@code order} is 1; for another integer order
     * the {@code order}-th root of {@code max(0, sum of x^order)}; for a fractional order the
     * {@code order}-th root of the sum of {@code |x|^order}.
     */
    public static INDArray lpPool(INDArray x, double order, int size, int stride) {
        if (!(order > 0)) throw new IllegalArgumentException("pooling order must be positive, got " + order);
        if (order == 1) return boxSum(x, size, stride);
        if (order == 2) {
            INDArray f = floats(x);
            return Transforms.sqrt(boxSum(f.mul(f), size, stride), false);
        }
        boolean integral = order == Math.rint(order);
        INDArray p = Transforms.pow(integral ? x : Transforms.abs(x, true), order, true);
        INDArray s = boxSum(p, size, stride);
        BooleanIndexing.replaceWhere(s, 0.0, Conditions.lessThan(0.0));
        return Transforms.pow(s, 1.0 / order, false);
    }

    /**
     * Grid pooling, the readout of hpconvnet's grid exit: per channel, the map is cut into
     * {@code cells x cells} cells (cell {@code i} of a side spans pixels
     * {@code floor(i side / cells)} up to {@code floor((i + 1) side / cells)}) and each cell
     * gives the average for order 1, and the generalized mean of magnitudes
     * {@code (mean |x|^order)^(1/order)} otherwise. The result is {@code [images, channels, cells, cells]}.
     */
    public static INDArray gridPool(INDArray x, int cells, double order) {
        if (!(order > 0)) throw new IllegalArgumentException("pooling order must be positive, got " + order);
        long h = x.size(2);
        long w = x.size(3);
        if (cells < 1 || cells > h || cells > w) {
            throw new InvalidArchitectureException("the feature map shrinks to nothing: a " + cells + "x" + cells
                    + " readout grid does not fit the " + h + "x" + w + " map");
        }
        INDArray in = x.castTo(DataType.FLOAT);
        INDArray p = order == 1 ? in : Transforms.pow(Transforms.abs(in, true), order, false);
        INDArray out = Nd4j.create(DataType.FLOAT, x.size(0), x.size(1), cells, cells);
        for (int i = 0; i < cells; i++) {
            for (int j = 0; j < cells; j++) {
                INDArray cell = p.get(NDArrayIndex.all(), NDArrayIndex.all(),
                        NDArrayIndex.interval(i * h / cells, (i + 1) * h / cells),
                        NDArrayIndex.interval(j * w / cells, (j + 1) * w / cells));
                out.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(i), NDArrayIndex.point(j))
                        .assign(cell.mean(2, 3));
            }
        }
        return order == 1 ? out : Transforms.pow(out, 1.0 / order, false);
    }

    /** Per channel, the sum over each {@code size x size} window, every {@code stride} pixels. */
    static INDArray boxSum(INDArray x, int size, int stride) {
        outSide(x.size(2), size, stride, "pooling");
        outSide(x.size(3), size, stride, "pooling");
        // ND4J's native average pooling is several times faster than summing unrolled windows
        Pooling2DConfig cfg = Pooling2DConfig.builder().kH(size).kW(size).sH(stride).sW(stride)
                .paddingMode(PaddingMode.VALID).type(Pooling2D.Pooling2DType.AVG).extra(0).isNHWC(false).build();
        return Nd4j.exec(new AvgPooling2D(floats(x), null, cfg))[0].muli((double) size * size);
    }

    private static INDArray floats(INDArray x) {
        return x.dataType() == DataType.FLOAT ? x : x.castTo(DataType.FLOAT);
    }

    /** The valid-mode output side, or the reason the map vanished. */
    static long outSide(long in, int window, int stride, String stage) {
        if (window < 1 || stride < 1) {
            throw new InvalidArchitectureException(stage + " window " + window + " and stride " + stride + " must be positive");
        }
        if (window > in) {
            throw new InvalidArchitectureException("the feature map shrinks to nothing: " + stage + " window "
                    + window + " is larger than the " + in + "-pixel map");
        }
        return (in - window) / stride + 1;
    }

    /**
     * {@code n} random-projection filters as slm.py's alloc_random_uniform_filterbank draws them:
     * uniform in [0, 1), then each shifted to zero mean and scaled to unit norm.
     */
    public static INDArray randomFilters(int n, long channels, int size, long seed) {
        java.util.Random rng = new java.util.Random(seed);
        float[][] w = new float[n][(int) (channels * size * size)];
        for (float[] row : w) for (int i = 0; i < row.length; i++) row[i] = (float) rng.nextDouble();
        INDArray f = Nd4j.createFromArray(w);
        f.subiColumnVector(f.mean(1).reshape(n, 1));
        INDArray norm = f.norm2(1).reshape(n, 1);
        BooleanIndexing.replaceWhere(norm, 1.0, Conditions.lessThan(1e-12));
        f.diviColumnVector(norm);
        return f.reshape(n, channels, size, size);
    }
}
