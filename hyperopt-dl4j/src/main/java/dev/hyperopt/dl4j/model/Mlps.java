package dev.hyperopt.dl4j.model;

import dev.hyperopt.nd4j.EpochListener;
import dev.hyperopt.nd4j.DivergenceException;
import dev.hyperopt.nd4j.Nd4jRuntime;
import dev.hyperopt.nd4j.Permutations;
import dev.hyperopt.nd4j.TimeBudget;
import dev.hyperopt.nd4j.data.Dataset;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Builds and trains {@link MlpSpec} networks: dense layers of ReLU-family units (a dense layer,
 * batch normalization and then the activation where {@code batch_norm} is on), each followed
 * by dropout where it has any, and a softmax output layer, trained by minibatch Adam or
 * Nesterov momentum on the cross-entropy. After every epoch the validation error is measured
 * and heard by the {@link EpochListener}; training keeps the parameters of the best epoch and
 * stops after {@code patience} epochs without a better one, at {@code max_epochs}, when the
 * time budget runs out (an epoch it cuts short does not count) or when the listener stops it.
 * Without a validation set (a refit on training and validation data together) it trains
 * {@code max_epochs} epochs and keeps the last parameters.
 */
public final class Mlps {
    private Mlps() {}

    public static TrainedNet train(MlpSpec spec, Dataset train, Dataset valid, TimeBudget budget, EpochListener listener,
                                   Consumer<String> log) {
        Nd4jRuntime.start();
        long start = System.nanoTime();
        Consumer<String> out = log == null ? s -> {} : log;
        Preprocessing pre = Preprocessing.fit(spec.preprocessing(), spec.energy(), train.features());
        INDArray x = pre.apply(train.features());
        // No validation set: a refit of a known number of epochs, which keeps the last parameters.
        INDArray xv = valid == null ? null : pre.apply(valid.features());
        int[] yv = valid == null ? null : valid.labels();
        int classes = train.classes();
        MultiLayerNetwork net = network((int) x.columns(), spec, classes);
        INDArray y = train.oneHot();
        int n = (int) x.rows();
        int bs = Math.min(spec.batchSize(), n);
        SplittableRandom order = new SplittableRandom(spec.seed() * 31 + 7);
        double best = 1.0;
        int bestEpoch = -1;
        INDArray bestParams = null;
        String stoppedBy = "max_epochs";
        int epoch = 0;
        while (epoch < spec.maxEpochs()) {
            if (budget.expired()) {
                stoppedBy = "time";
                break;
            }
            epoch++;
            int[] perm = Permutations.random(n, order);
            INDArray xs = x.getRows(perm);
            INDArray ys = y.getRows(perm);
            double sum = 0;
            int batches = 0;
            boolean cut = false;
            for (int b = 0; b < n; b += bs) {
                if (budget.expired()) {
                    cut = true;
                    break;
                }
                int end = Math.min(n, b + bs);
                net.fit(new DataSet(xs.get(NDArrayIndex.interval(b, end), NDArrayIndex.all()), ys.get(NDArrayIndex.interval(b, end), NDArrayIndex.all())));
                double s = net.score();
                if (!Double.isFinite(s)) throw new DivergenceException("training diverged (training loss " + s + " in epoch " + epoch + ")");
                sum += s;
                batches++;
            }
            if (cut) {
                // A part of an epoch is not a network a refit of whole epochs could give again.
                epoch--;
                stoppedBy = "time";
                break;
            }
            if (valid == null) {
                bestEpoch = epoch;
                out.accept(String.format("epoch %d: training loss %.4f", epoch, batches == 0 ? Double.NaN : sum / batches));
                continue;
            }
            double err = DeepNets.error(net, xv, yv);
            if (err < best) {
                best = err;
                bestEpoch = epoch;
                bestParams = net.params().dup();
            }
            out.accept(String.format("epoch %d: validation error %.4f (best %.4f at epoch %d), training loss %.4f", epoch, err, best, bestEpoch,
                    batches == 0 ? Double.NaN : sum / batches));
            if (listener.afterEpoch(epoch, err)) {
                stoppedBy = "pruned";
                break;
            }
            if (epoch - bestEpoch >= spec.patience()) {
                stoppedBy = "patience";
                break;
            }
        }
        if (bestParams != null) net.setParams(bestParams);
        if (valid == null) best = Double.NaN;
        List<Integer> units = spec.layers().stream().map(MlpSpec.Hidden::units).toList();
        return new TrainedNet(units, pre, net, inputs -> network(inputs, spec, classes), best, bestEpoch, epoch, stoppedBy, List.of(),
                (System.nanoTime() - start) / 1e9);
    }

    /** The network of a configuration for {@code nIn} inputs, initialized from the configuration's seed. */
    static MultiLayerNetwork network(int nIn, MlpSpec spec, int classes) {
        Activation activation = switch (spec.activation()) {
            case "leakyrelu" -> Activation.LEAKYRELU;
            case "elu" -> Activation.ELU;
            default -> Activation.RELU;
        };
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder()
                .seed(spec.seed())
                .dataType(DataType.FLOAT)
                .updater(updater(spec.optimizer()))
                .weightInit(spec.init().equals("he") ? WeightInit.RELU : WeightInit.XAVIER)
                .l2(spec.l2())
                .list();
        int in = nIn;
        for (MlpSpec.Hidden h : spec.layers()) {
            if (spec.batchNorm()) {
                b.layer(new DenseLayer.Builder().nIn(in).nOut(h.units()).activation(Activation.IDENTITY).build());
                b.layer(new BatchNormalization.Builder().nOut(h.units()).build());
                b.layer(new ActivationLayer.Builder().activation(activation).build());
            } else {
                b.layer(new DenseLayer.Builder().nIn(in).nOut(h.units()).activation(activation).build());
            }
            // DL4J's dropout argument is the probability of keeping a unit.
            if (h.dropout() > 0) b.layer(new DropoutLayer.Builder(1.0 - h.dropout()).build());
            in = h.units();
        }
        b.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(in).nOut(classes).activation(Activation.SOFTMAX)
                .weightInit(WeightInit.XAVIER).build());
        MultiLayerNetwork net = new MultiLayerNetwork(b.build());
        net.init();
        return net;
    }

    private static IUpdater updater(MlpSpec.Optimizer o) {
        return o.kind().equals("adam") ? new Adam(o.lr()) : new Nesterovs(o.lr(), o.momentum());
    }
}
