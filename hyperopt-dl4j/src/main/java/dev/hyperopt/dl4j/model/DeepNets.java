package dev.hyperopt.dl4j.model;

import dev.hyperopt.nd4j.EpochListener;
import dev.hyperopt.nd4j.DivergenceException;
import dev.hyperopt.nd4j.Nd4jRuntime;
import dev.hyperopt.nd4j.Permutations;
import dev.hyperopt.nd4j.TimeBudget;
import dev.hyperopt.nd4j.data.Dataset;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Builds and trains the family's networks, after hyperopt-dbn: a fixed preprocessing map,
 * 0 to 3 sigmoid layers each greedily pretrained (CD on an RBM, a denoising autoencoder, or
 * nothing) on the previous layer's features, then a softmax layer (started at zero) on top,
 * and the whole stack fine-tuned by minibatch SGD on the cross-entropy plus
 * {@code l2 * sum(W^2)}, with the learning rate annealed per update.
 *
 * <p>Early stopping is hyperopt-dbn's rule: before each epoch the validation error is
 * measured; it counts as an improvement when it beats the best by more than half its
 * standard error, and training stops once the epoch exceeds both {@code min_epochs} and
 * twice the best epoch. The parameters of the best epoch are kept.
 *
 * <p>The network is a plain DL4J {@link MultiLayerNetwork} ({@code DenseLayer}s and an
 * {@code OutputLayer}) into which the pretrained weights are loaded; DL4J's own pretraining
 * is not used (its RBM is gone and its AutoEncoder pretraining is broken in 1.0.0-M2.1).
 */
public final class DeepNets {
    private DeepNets() {}

    /**
     * Trains one configuration.
     *
     * @param epochs hears the validation error before each fine-tuning epoch (step 0: the pretrained net) and may stop it
     * @param log    receives one line per layer and per epoch, or null
     * @throws DivergenceException when pretraining or fine-tuning produces non-finite numbers
     * @throws java.util.concurrent.CancellationException when the budget is cancelled
     */
    public static TrainedNet train(NetSpec spec, Dataset train, Dataset valid, TimeBudget budget, EpochListener epochs, Consumer<String> log) {
        Nd4jRuntime.start();
        long start = System.nanoTime();
        Consumer<String> out = log == null ? s -> {} : log;
        Preprocessing pre = Preprocessing.fit(spec.preprocessing(), spec.energy(), train.features());
        INDArray x = pre.apply(train.features());
        INDArray xv = pre.apply(valid.features());
        boolean unit = x.minNumber().doubleValue() >= 0 && x.maxNumber().doubleValue() <= 1;

        TimeBudget pretrainBudget = budget.share(spec.pretrainShare());
        Noise noise = Noise.seeded(spec.seed() * 7919 + 17);
        List<INDArray[]> params = new ArrayList<>();
        List<Pretraining> reports = new ArrayList<>();
        INDArray features = x;
        int nIn = (int) x.columns();
        for (int i = 0; i < spec.layers().size(); i++) {
            NetSpec.LayerSpec l = spec.layers().get(i);
            INDArray w = Layers.initialWeights(nIn, l.units(), l.normalInit(), l.scale(), spec.seed() + 1000L * (i + 1));
            boolean binaryInput = i > 0 || unit;
            Pretraining report;
            INDArray hb;
            if (l.pretrain() instanceof NetSpec.RbmPretrain r) {
                Rbm rbm = new Rbm(w, !binaryInput);
                report = rbm.train(features, r.options(), noise, spec.seed() + i, pretrainBudget);
                w = rbm.weights();
                hb = rbm.hiddenBias();
                features = rbm.hidden(features);
            } else if (l.pretrain() instanceof NetSpec.DaePretrain d) {
                DenoisingAutoencoder dae = new DenoisingAutoencoder(w, !binaryInput);
                report = dae.train(features, d.options(), noise, spec.seed() + i, pretrainBudget);
                w = dae.weights();
                hb = dae.hiddenBias();
                features = dae.hidden(features);
            } else {
                report = Pretraining.none();
                hb = Nd4j.zeros(DataType.FLOAT, 1, l.units());
                if (i + 1 < spec.layers().size()) features = Transforms.sigmoid(features.mmul(w), false);
            }
            if (!report.method().equals("none")) {
                out.accept(String.format("layer %d: %s pretraining, %d epochs, reconstruction error %.4f -> %.4f (%.1f s)",
                        i, report.method(), report.epochs(), report.errorBefore(), report.errorAfter(), report.seconds()));
            }
            reports.add(report);
            params.add(new INDArray[]{w, hb});
            nIn = l.units();
        }

        MultiLayerNetwork net = network((int) x.columns(), spec, train.classes(),
                new Sgd(new AnnealingSchedule(spec.finetune().lr(), spec.finetune().annealStart())));
        for (int i = 0; i < params.size(); i++) {
            net.getLayer(i).setParam("W", params.get(i)[0]);
            net.getLayer(i).setParam("b", params.get(i)[1]);
        }
        Fit fit = finetune(net, spec, x, train, xv, valid.labels(), budget, epochs, out);
        List<Integer> units = new ArrayList<>();
        for (NetSpec.LayerSpec l : spec.layers()) units.add(l.units());
        int classes = train.classes();
        return new TrainedNet(units, pre, net, inputs -> network(inputs, spec, classes, new Sgd(spec.finetune().lr())), fit.best,
                fit.bestEpoch, fit.epochs, fit.stoppedBy, reports, (System.nanoTime() - start) / 1e9);
    }

    /** The network's shape for a configuration: sigmoid dense layers and a softmax output layer started at zero. */
    static MultiLayerNetwork network(int nIn, NetSpec spec, int classes, Sgd updater) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder()
                .seed(spec.seed())
                .dataType(DataType.FLOAT)
                .updater(updater)
                .l2(2 * spec.finetune().l2())
                .list();
        int in = nIn;
        for (NetSpec.LayerSpec l : spec.layers()) {
            b.layer(new DenseLayer.Builder().nIn(in).nOut(l.units()).activation(Activation.SIGMOID).weightInit(WeightInit.XAVIER).build());
            in = l.units();
        }
        b.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(in).nOut(classes)
                .activation(Activation.SOFTMAX).weightInit(WeightInit.ZERO).build());
        MultiLayerConfiguration conf = b.build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private record Fit(double best, int bestEpoch, int epochs, String stoppedBy) {}

    private static Fit finetune(MultiLayerNetwork net, NetSpec spec, INDArray x, Dataset train, INDArray xv, int[] yv,
                                TimeBudget budget, EpochListener listener, Consumer<String> out) {
        NetSpec.Finetune f = spec.finetune();
        Annealing lr = new Annealing(f.lr(), f.annealStart());
        INDArray y = train.oneHot();
        int n = (int) x.rows();
        int bs = Math.min(f.batchSize(), n);
        int batches = n / bs;
        SplittableRandom order = new SplittableRandom(spec.seed() * 31 + 7);
        double best = 1.0;
        int bestEpoch = -1;
        INDArray bestParams = null;
        long update = 0;
        int epoch = 0;
        String stoppedBy = "max_epochs";
        double trainLoss = Double.NaN;
        for (; ; epoch++) {
            double err = error(net, xv, yv);
            double threshold = 0.5 * Math.sqrt(err * (1 - err) / yv.length);
            if (err < best - threshold) {
                best = err;
                bestEpoch = epoch;
                bestParams = net.params().dup();
            }
            out.accept(String.format("epoch %d: validation error %.4f (best %.4f at epoch %d), training loss %.4f, lr %.3g",
                    epoch, err, best, bestEpoch, trainLoss, lr.at(update)));
            if (listener.afterEpoch(epoch, err)) {
                stoppedBy = "pruned";
                break;
            }
            if (epoch >= f.maxEpochs()) break;
            if (epoch > Math.max(f.minEpochs(), 2 * bestEpoch)) {
                stoppedBy = "patience";
                break;
            }
            if (budget.expired()) {
                stoppedBy = "time";
                break;
            }
            int[] perm = Permutations.random(n, order);
            INDArray xs = x.getRows(perm);
            INDArray ys = y.getRows(perm);
            double sum = 0;
            boolean cut = false;
            for (int b = 0; b < batches; b++) {
                if (budget.expired()) {
                    cut = true;
                    break;
                }
                INDArray xb = xs.get(NDArrayIndex.interval((long) b * bs, (long) (b + 1) * bs), NDArrayIndex.all());
                INDArray yb = ys.get(NDArrayIndex.interval((long) b * bs, (long) (b + 1) * bs), NDArrayIndex.all());
                update++;
                net.fit(new DataSet(xb, yb));
                double s = net.score();
                if (!Double.isFinite(s)) {
                    throw new DivergenceException("fine-tuning diverged (training loss " + s + " in epoch " + epoch + ")");
                }
                sum += s;
            }
            trainLoss = sum / batches;
            if (cut) {
                epoch++;
                double last = error(net, xv, yv);
                if (last < best - 0.5 * Math.sqrt(last * (1 - last) / yv.length)) {
                    best = last;
                    bestEpoch = epoch;
                    bestParams = net.params().dup();
                }
                stoppedBy = "time";
                break;
            }
        }
        if (bestParams != null) net.setParams(bestParams);
        return new Fit(best, bestEpoch, epoch, stoppedBy);
    }

    /** The fraction of rows of {@code x} whose predicted class differs from {@code labels}. */
    static double error(MultiLayerNetwork net, INDArray x, int[] labels) {
        int[] p = argmax(net.output(x, false));
        int wrong = 0;
        for (int i = 0; i < p.length; i++) if (p[i] != labels[i]) wrong++;
        return (double) wrong / labels.length;
    }

    static int[] argmax(INDArray probabilities) {
        INDArray idx = probabilities.argMax(1);
        int[] out = new int[(int) idx.length()];
        for (int i = 0; i < out.length; i++) out[i] = idx.getInt(i);
        return out;
    }
}
