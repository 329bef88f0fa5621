package dev.hyperopt.vision.cnn;

import dev.hyperopt.vision.pipeline.InvalidArchitectureException;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.PolySchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * The net of a {@link CnnSpec} on images of one shape, checked by shape arithmetic before
 * anything is allocated: a map that shrinks to nothing, more parameters than the spec's
 * {@code max_params}, or a minibatch whose activations would need more than
 * {@link #MAX_BATCH_BYTES} throw {@link InvalidArchitectureException} with the reason.
 */
public final class CnnArchitecture {
    /** What one minibatch's forward and backward pass may hold, roughly: 1 GiB. */
    public static final long MAX_BATCH_BYTES = 1L << 30;

    private final CnnSpec spec;
    private final int channels;
    private final int height;
    private final int width;
    private final int classes;
    private final long parameters;
    private final long batchBytes;

    public CnnArchitecture(CnnSpec spec, int channels, int height, int width, int classes) {
        this.spec = spec;
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.classes = classes;
        long params = 0;
        long floats = (long) channels * height * width;
        int c = channels;
        int h = height;
        int w = width;
        for (int i = 0; i < spec.blocks().size(); i++) {
            CnnSpec.Block b = spec.blocks().get(i);
            if (b.kernel() > h || b.kernel() > w) {
                throw new InvalidArchitectureException("the feature map shrinks to nothing: block " + (i + 1) + " kernel " + b.kernel()
                        + " is larger than the " + h + "x" + w + " map");
            }
            long unrolled = (long) (h - b.kernel() + 1) * (w - b.kernel() + 1) * b.kernel() * b.kernel() * c;
            h = h - b.kernel() + 1;
            w = w - b.kernel() + 1;
            params += (long) b.kernel() * b.kernel() * c * b.filters() + b.filters();
            c = b.filters();
            long map = (long) c * h * w;
            // the unrolled windows, the map before and after the activation (and batch norm), each with its gradient
            floats += unrolled + map * (spec.batchNorm() ? 6 : 4);
            if (spec.batchNorm()) params += 4L * c;
            if (b.pool() != CnnSpec.Pool.NONE) {
                if (h < 2 || w < 2) {
                    throw new InvalidArchitectureException("the feature map shrinks to nothing: block " + (i + 1) + " pooling 2x2 does not fit the "
                            + h + "x" + w + " map");
                }
                h /= 2;
                w /= 2;
                floats += 2L * c * h * w;
            }
        }
        long flat = (long) c * h * w;
        int in = (int) Math.min(Integer.MAX_VALUE, flat);
        if (spec.dense() > 0) {
            params += flat * spec.dense() + spec.dense();
            floats += 2L * spec.dense();
            in = spec.dense();
        }
        params += (long) in * classes + classes;
        this.parameters = params;
        if (params > spec.maxParams()) {
            throw new InvalidArchitectureException("too many parameters: " + params + " (the last map is " + c + " x " + h + " x " + w
                    + "), more than the cap of " + spec.maxParams());
        }
        this.batchBytes = floats * 4 * spec.batchSize();
        if (batchBytes > MAX_BATCH_BYTES) {
            throw new InvalidArchitectureException("a minibatch of " + spec.batchSize() + " images needs about " + (batchBytes >> 20)
                    + " MB of activations, more than the cap of " + (MAX_BATCH_BYTES >> 20) + " MB");
        }
    }

    /** The trainable and batch-norm parameters. */
    public long parameters() {
        return parameters;
    }

    /** The net's configuration; {@code updatesPerEpoch} sets the pace of the learning-rate schedule. */
    public MultiLayerConfiguration configuration(int updatesPerEpoch) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder()
                .seed(spec.seed())
                .dataType(DataType.FLOAT)
                .updater(new Adam(schedule(updatesPerEpoch)))
                .l2(spec.l2())
                .convolutionMode(ConvolutionMode.Truncate)
                .list();
        for (CnnSpec.Block block : spec.blocks()) {
            b.layer(new ConvolutionLayer.Builder(block.kernel(), block.kernel()).stride(1, 1).nOut(block.filters())
                    .activation(spec.batchNorm() ? Activation.IDENTITY : Activation.RELU).weightInit(WeightInit.RELU).build());
            if (spec.batchNorm()) {
                b.layer(new BatchNormalization.Builder().build());
                b.layer(new ActivationLayer.Builder().activation(Activation.RELU).build());
            }
            if (block.pool() != CnnSpec.Pool.NONE) {
                b.layer(new SubsamplingLayer.Builder(block.pool() == CnnSpec.Pool.MAX ? SubsamplingLayer.PoolingType.MAX
                        : SubsamplingLayer.PoolingType.AVG).kernelSize(2, 2).stride(2, 2).build());
            }
        }
        double keep = 1 - spec.dropout();
        if (spec.dense() > 0) {
            DenseLayer.Builder d = new DenseLayer.Builder().nOut(spec.dense()).activation(Activation.RELU).weightInit(WeightInit.RELU);
            if (spec.dropout() > 0) d.dropOut(keep);
            b.layer(d.build());
        }
        OutputLayer.Builder o = new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(classes).activation(Activation.SOFTMAX)
                .weightInit(WeightInit.XAVIER);
        if (spec.dropout() > 0) o.dropOut(keep);
        b.layer(o.build());
        b.setInputType(InputType.convolutional(height, width, channels));
        return b.build();
    }

    private ISchedule schedule(int updatesPerEpoch) {
        CnnSpec.Schedule s = spec.schedule();
        if (s instanceof CnnSpec.Exponential e) {
            return new ExponentialSchedule(ScheduleType.ITERATION, spec.lr(), Math.pow(e.decay(), 1.0 / Math.max(1, updatesPerEpoch)));
        }
        if (s instanceof CnnSpec.Linear) {
            return new PolySchedule(ScheduleType.ITERATION, spec.lr(), 1.0, Math.max(1, updatesPerEpoch * spec.epochs()));
        }
        return new org.nd4j.linalg.schedule.FixedSchedule(spec.lr());
    }
}
