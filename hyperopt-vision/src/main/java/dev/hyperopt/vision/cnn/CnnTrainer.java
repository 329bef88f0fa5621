package dev.hyperopt.vision.cnn;

import dev.hyperopt.nd4j.DivergenceException;
import dev.hyperopt.nd4j.EpochListener;
import dev.hyperopt.nd4j.Nd4jRuntime;
import dev.hyperopt.nd4j.Permutations;
import dev.hyperopt.nd4j.TimeBudget;
import dev.hyperopt.vision.data.Images;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Trains a {@link CnnSpec} by minibatch Adam on the cross-entropy plus the L2 penalty. With a
 * validation set it measures the validation error after every epoch and keeps the parameters
 * of the best epoch. Past the time budget it stops after the current minibatch and keeps what
 * it has reached.
 */
public final class CnnTrainer {
    private CnnTrainer() {}

    /**
     * How training went.
     *
     * @param validError the validation error of the kept parameters (NaN without a validation set)
     * @param bestEpoch  the epoch whose parameters were kept (1 is after the first epoch)
     * @param epochs     epochs started (the last one may have been cut short by the time budget)
     * @param stoppedBy  {@code epochs}, {@code time} or {@code pruned}
     */
    public record Training(CnnModel model, long parameters, double validError, int bestEpoch, int epochs, String stoppedBy,
                           double seconds) {}

    /**
     * @param valid the validation images, or null to keep the last parameters
     * @param log   receives one line per epoch, or null
     * @throws dev.hyperopt.vision.pipeline.InvalidArchitectureException when the net does not fit the images
     * @throws DivergenceException when the training loss stops being finite
     * @throws java.util.concurrent.CancellationException when the budget is cancelled
     */
    public static Training train(CnnSpec spec, Images train, Images valid, TimeBudget budget, Consumer<String> log) {
        return train(spec, train, valid, budget, EpochListener.NONE, log);
    }

    /**
     * Trains as {@link #train(CnnSpec, Images, Images, TimeBudget, Consumer)} does, and tells
     * {@code epochs} the validation error after every epoch; when it answers stop, training
     * ends there ({@code stoppedBy} is {@code pruned}).
     */
    public static Training train(CnnSpec spec, Images train, Images valid, TimeBudget budget, EpochListener epochs, Consumer<String> log) {
        long start = System.nanoTime();
        CnnArchitecture arch = new CnnArchitecture(spec, train.channels(), train.height(), train.width(), train.classes());
        Nd4jRuntime.start();
        Consumer<String> out = log == null ? s -> {} : log;
        int n = train.size();
        int bs = Math.min(spec.batchSize(), n);
        int batches = (n + bs - 1) / bs;
        MultiLayerNetwork net = new MultiLayerNetwork(arch.configuration(batches));
        net.init();
        long[] shape = train.pixels().shape();
        INDArray x = train.pixels().reshape('c', n, shape[1] * shape[2] * shape[3]);
        INDArray y = oneHot(train.labels(), train.classes());
        SplittableRandom order = new SplittableRandom(spec.seed() * 31 + 7);
        double best = Double.NaN;
        int bestEpoch = 0;
        INDArray bestParams = null;
        String stoppedBy = "epochs";
        int epoch = 0;
        while (epoch < spec.epochs()) {
            if (budget.expired()) {
                stoppedBy = "time";
                break;
            }
            epoch++;
            int[] perm = Permutations.random(n, order);
            double sum = 0;
            int done = 0;
            for (int b = 0; b < batches; b++) {
                if (b > 0 && budget.expired()) {
                    stoppedBy = "time";
                    break;
                }
                int[] rows = Arrays.copyOfRange(perm, b * bs, Math.min(n, (b + 1) * bs));
                INDArray xb = x.getRows(rows).reshape('c', rows.length, shape[1], shape[2], shape[3]);
                net.fit(new DataSet(xb, y.getRows(rows)));
                double s = net.score();
                if (!Double.isFinite(s)) throw new DivergenceException("training diverged (loss " + s + " in epoch " + epoch + ")");
                sum += s;
                done++;
            }
            String line = String.format(java.util.Locale.ROOT, "epoch %d: training loss %.4f", epoch, sum / Math.max(1, done));
            double err = Double.NaN;
            if (valid != null) {
                err = error(net, valid);
                if (bestParams == null || err < best) {
                    best = err;
                    bestEpoch = epoch;
                    bestParams = net.params().dup();
                }
                line += String.format(java.util.Locale.ROOT, ", validation error %.4f (best %.4f at epoch %d)", err, best, bestEpoch);
            } else {
                bestEpoch = epoch;
            }
            out.accept(line);
            if (stoppedBy.equals("time")) break;
            if (valid != null && epochs.afterEpoch(epoch, err)) {
                stoppedBy = "pruned";
                break;
            }
        }
        if (bestParams != null) net.setParams(bestParams);
        CnnModel model = new CnnModel(net, train.classNames(), new int[]{train.channels(), train.height(), train.width()});
        return new Training(model, arch.parameters(), best, bestEpoch, epoch, stoppedBy, (System.nanoTime() - start) / 1e9);
    }

    private static double error(MultiLayerNetwork net, Images images) {
        return new CnnModel(net, images.classNames(), new int[]{images.channels(), images.height(), images.width()}).error(images);
    }

    private static INDArray oneHot(int[] labels, int classes) {
        INDArray y = Nd4j.zeros(DataType.FLOAT, labels.length, classes);
        for (int i = 0; i < labels.length; i++) y.putScalar(i, labels[i], 1f);
        return y;
    }
}
