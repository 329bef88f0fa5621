package dev.hyperopt.dl4j.model;

import dev.hyperopt.nd4j.DivergenceException;
import dev.hyperopt.nd4j.Permutations;
import dev.hyperopt.nd4j.TimeBudget;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A denoising autoencoder with tied weights (Vincent et al., ICML 2008), one layer of a
 * stacked denoising autoencoder: inputs are corrupted by masking noise (each set to 0 with
 * probability {@code corruption}), encoded by {@code h = sigmoid(x~ W + b)} and decoded by
 * {@code r = g(h W' + c)}. For inputs in [0, 1] g is the sigmoid and the loss the
 * cross-entropy; for other inputs g is linear and the loss half the squared error. Both give
 * the output error {@code r - x}, which is back-propagated by hand and followed downhill by
 * plain SGD.
 *
 * <p>This replaces DL4J's own {@code AutoEncoder} layer, whose pretraining in 1.0.0-M2.1
 * steps up the reconstruction error instead of down.
 */
public final class DenoisingAutoencoder {
    private final INDArray w;
    private final INDArray visibleBias;
    private final INDArray hiddenBias;
    private final boolean linearDecoder;

    /** Settings of greedy training of one layer. */
    public record Options(double lr, int epochs, int batchSize, double annealStart, double corruption) {
        public Options {
            if (epochs < 0) throw new IllegalArgumentException("epochs must be >= 0, got " + epochs);
            if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
            if (!(corruption >= 0 && corruption < 1)) throw new IllegalArgumentException("corruption must be in [0, 1), got " + corruption);
            new Annealing(lr, annealStart);
        }
    }

    /** The loss gradient on one minibatch (descent subtracts it). */
    public record Gradient(INDArray weights, INDArray visibleBias, INDArray hiddenBias) {}

    /** @param weights visible x hidden, used (and updated) in place */
    public DenoisingAutoencoder(INDArray weights, boolean linearDecoder) {
        this.w = Objects.requireNonNull(weights, "weights").castTo(DataType.FLOAT);
        this.visibleBias = Nd4j.zeros(DataType.FLOAT, 1, weights.rows());
        this.hiddenBias = Nd4j.zeros(DataType.FLOAT, 1, weights.columns());
        this.linearDecoder = linearDecoder;
    }

    public INDArray weights() {
        return w;
    }

    public INDArray hiddenBias() {
        return hiddenBias;
    }

    public INDArray hidden(INDArray x) {
        return Transforms.sigmoid(x.mmul(w).addiRowVector(hiddenBias), false);
    }

    public INDArray reconstruct(INDArray h) {
        INDArray a = h.mmul(w.transpose()).addiRowVector(visibleBias);
        return linearDecoder ? a : Transforms.sigmoid(a, false);
    }

    /** The gradient of the mean loss over the rows of {@code x}, for the corrupted input {@code corrupted}. */
    public Gradient gradient(INDArray x, INDArray corrupted) {
        INDArray h = hidden(corrupted);
        INDArray r = reconstruct(h);
        double n = x.rows();
        INDArray dr = r.subi(x).divi(n);
        INDArray dh = dr.mmul(w).muli(h.mul(h.rsub(1.0)));
        INDArray gw = corrupted.transpose().mmul(dh).addi(dr.transpose().mmul(h));
        return new Gradient(gw, dr.sum(true, 0), dh.sum(true, 0));
    }

    /** Mean squared error between rows of {@code x} and their reconstruction from the clean input. */
    public double reconstructionError(INDArray x) {
        return reconstruct(hidden(x)).squaredDistance(x) / x.length();
    }

    /**
     * Greedy training on the rows of {@code x}, stopping early when the budget runs out.
     *
     * @throws DivergenceException when the weights stop being finite
     */
    public Pretraining train(INDArray x, Options o, Noise noise, long seed, TimeBudget budget) {
        long start = System.nanoTime();
        double before = reconstructionError(x);
        Annealing lr = new Annealing(o.lr(), o.annealStart());
        int n = (int) x.rows();
        int bs = Math.min(o.batchSize(), n);
        int batches = n / bs;
        SplittableRandom order = new SplittableRandom(seed);
        long update = 0;
        int epochs = 0;
        outer:
        for (int e = 0; e < o.epochs(); e++) {
            INDArray shuffled = x.getRows(Permutations.random(n, order));
            for (int b = 0; b < batches; b++) {
                if (budget.expired()) break outer;
                INDArray batch = shuffled.get(NDArrayIndex.interval((long) b * bs, (long) (b + 1) * bs), NDArrayIndex.all());
                INDArray corrupted = o.corruption() > 0
                        ? batch.mul(noise.uniform(batch.rows(), batch.columns()).gte(o.corruption()).castTo(DataType.FLOAT))
                        : batch;
                Gradient g = gradient(batch, corrupted);
                float rate = (float) lr.at(update++);
                w.subi(g.weights().muli(rate));
                visibleBias.subi(g.visibleBias().muli(rate));
                hiddenBias.subi(g.hiddenBias().muli(rate));
            }
            epochs++;
            if (!Double.isFinite(w.sumNumber().doubleValue())) {
                throw new DivergenceException("autoencoder pretraining diverged (weights are not finite) in epoch " + epochs);
            }
        }
        double after = reconstructionError(x);
        if (!Double.isFinite(after)) throw new DivergenceException("autoencoder pretraining diverged (reconstruction error is not finite)");
        return new Pretraining("dae", epochs, before, after, (System.nanoTime() - start) / 1e9);
    }
}
