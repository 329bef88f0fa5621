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

/**
 * A restricted Boltzmann machine with binary hidden units, trained by contrastive
 * divergence (Hinton 2002; "A practical guide to training RBMs", 2010), as hyperopt-dbn
 * pretrained each layer of its deep belief nets.
 *
 * <p>Visible units are binary (inputs in [0, 1] read as probabilities) or Gaussian with unit
 * variance (for whitened or normalized inputs, whose mean is linear in the hidden states).
 * One CD-k step: hidden probabilities from the data, hidden states sampled from them (or
 * from the persistent chain, Tieleman 2008), then k alternations of visible means and hidden
 * probabilities; the gradient is the data statistics minus those of the last alternation.
 * With {@code sampleV0} the data themselves are first sampled as binary states, hyperopt-dbn's
 * {@code sample_v0s}.
 */
public final class Rbm {
    private final INDArray w;
    private final INDArray visibleBias;
    private final INDArray hiddenBias;
    private final boolean gaussianVisible;

    /** One CD step's gradient (ascent direction of the log-likelihood) and the chain's next state. */
    public record CdGradient(INDArray weights, INDArray visibleBias, INDArray hiddenBias, INDArray chain) {}

    /** Settings of greedy CD training of one layer. */
    public record Options(double lr, int epochs, int batchSize, double annealStart, int k, boolean persistent, boolean sampleV0) {
        public Options {
            if (epochs < 0) throw new IllegalArgumentException("epochs must be >= 0, got " + epochs);
            if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
            if (k < 1) throw new IllegalArgumentException("CD needs k >= 1, got " + k);
            new Annealing(lr, annealStart);
        }
    }

    /**
     * @param weights visible x hidden, used (and updated) in place
     */
    public Rbm(INDArray weights, boolean gaussianVisible) {
        this.w = Objects.requireNonNull(weights, "weights").castTo(DataType.FLOAT);
        this.visibleBias = Nd4j.zeros(DataType.FLOAT, 1, weights.rows());
        this.hiddenBias = Nd4j.zeros(DataType.FLOAT, 1, weights.columns());
        this.gaussianVisible = gaussianVisible;
    }

    public INDArray weights() {
        return w;
    }

    public INDArray visibleBias() {
        return visibleBias;
    }

    public INDArray hiddenBias() {
        return hiddenBias;
    }

    /** P(h = 1 | v) for each row of {@code v}: the features the next layer learns from. */
    public INDArray hidden(INDArray v) {
        return Transforms.sigmoid(v.mmul(w).addiRowVector(hiddenBias), false);
    }

    /** E[v | h]: sigmoid for binary units, linear for Gaussian ones. */
    public INDArray visibleMean(INDArray h) {
        INDArray a = h.mmul(w.transpose()).addiRowVector(visibleBias);
        return gaussianVisible ? a : Transforms.sigmoid(a, false);
    }

    private INDArray sampleVisible(INDArray mean, Noise noise) {
        return gaussianVisible ? mean.add(noise.normal(mean.rows(), mean.columns())) : noise.bernoulli(mean);
    }

    /**
     * The CD-k gradient on a minibatch.
     *
     * @param chain the persistent chain's visible state, or null to start the negative phase from the data
     */
    public CdGradient gradient(INDArray data, INDArray chain, int k, boolean sampleV0, Noise noise) {
        INDArray v0 = sampleV0 && !gaussianVisible ? noise.bernoulli(data) : data;
        INDArray h0 = hidden(v0);
        INDArray hs = noise.bernoulli(chain == null ? h0 : hidden(chain));
        INDArray vk = null;
        INDArray hk = null;
        for (int step = 1; step <= k; step++) {
            vk = visibleMean(hs);
            hk = hidden(vk);
            if (step < k) hs = noise.bernoulli(hk);
        }
        double n = data.rows();
        INDArray gw = v0.transpose().mmul(h0).subi(vk.transpose().mmul(hk)).divi(n);
        INDArray gvb = v0.sum(true, 0).subi(vk.sum(true, 0)).divi(n);
        INDArray ghb = h0.sum(true, 0).subi(hk.sum(true, 0)).divi(n);
        INDArray next = chain == null ? null : sampleVisible(vk, noise);
        return new CdGradient(gw, gvb, ghb, next);
    }

    /** Mean squared error between rows of {@code v} and their mean-field reconstruction. */
    public double reconstructionError(INDArray v) {
        INDArray r = visibleMean(hidden(v));
        return r.squaredDistance(v) / v.length();
    }

    /**
     * Greedy training on the rows of {@code x}: minibatches in a new random order each epoch,
     * the learning rate annealed per update, stopping early when the budget runs out.
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
        INDArray chain = o.persistent() ? (gaussianVisible ? x.get(NDArrayIndex.interval(0, bs), NDArrayIndex.all()).dup()
                : noise.bernoulli(x.get(NDArrayIndex.interval(0, bs), NDArrayIndex.all()))) : null;
        long update = 0;
        int epochs = 0;
        java.util.SplittableRandom order = new java.util.SplittableRandom(seed);
        outer:
        for (int e = 0; e < o.epochs(); e++) {
            INDArray shuffled = x.getRows(Permutations.random(n, order));
            for (int b = 0; b < batches; b++) {
                if (budget.expired()) break outer;
                INDArray batch = shuffled.get(NDArrayIndex.interval((long) b * bs, (long) (b + 1) * bs), NDArrayIndex.all());
                CdGradient g = gradient(batch, chain, o.k(), o.sampleV0(), noise);
                float rate = (float) lr.at(update++);
                w.addi(g.weights().muli(rate));
                visibleBias.addi(g.visibleBias().muli(rate));
                hiddenBias.addi(g.hiddenBias().muli(rate));
                if (chain != null) chain = g.chain();
            }
            epochs++;
            if (!Double.isFinite(w.sumNumber().doubleValue())) {
                throw new DivergenceException("RBM pretraining diverged (weights are not finite) in epoch " + epochs);
            }
        }
        double after = reconstructionError(x);
        if (!Double.isFinite(after)) throw new DivergenceException("RBM pretraining diverged (reconstruction error is not finite)");
        return new Pretraining("rbm", epochs, before, after, (System.nanoTime() - start) / 1e9);
    }
}
