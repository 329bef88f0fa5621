package dev.hyperopt.bench.curves;

import dev.hyperopt.nd4j.Nd4jRuntime;
import dev.hyperopt.nd4j.Permutations;
import dev.hyperopt.nd4j.data.DataSplits;
import dev.hyperopt.nd4j.data.Dataset;
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
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Records the learning curves of the multi-fidelity bench's {@code dl4j_fashion} problem:
 * every configuration of a grid of one-hidden-layer MLPs (Adam's learning rate x hidden
 * units x dropout x minibatch size) is trained on a subset of Fashion-MNIST for a fixed
 * number of epochs, and its validation error after each epoch is written as one CSV row.
 * The bench then replays these rows instead of training.
 *
 * <pre>
 * java -cp CLASSPATH dev.hyperopt.bench.curves.Dl4jCurveRecorder OUT.csv [--epochs 27] [--train 2000] [--valid 1000] [--limit N]
 * </pre>
 * Runs one configuration after another on one native thread; the data split and every
 * network's initial weights and minibatch order come from fixed seeds, so a second run
 * writes the same file up to the platform's floating-point arithmetic.
 */
public final class Dl4jCurveRecorder {
    private Dl4jCurveRecorder() {}

    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    /** 10^(k/2) for k = -8..-3, as the bench's space writes them ({@code 10 ** (uniformint(-8, -3) / 2)}). */
    static final double[] LEARNING_RATES = new double[6];

    static {
        for (int k = -8; k <= -3; k++) LEARNING_RATES[k + 8] = Math.pow(10, k / 2.0);
    }

    static final int[] HIDDEN_UNITS = {32, 64, 128, 256};
    static final double[] DROPOUT = {0.0, 0.25, 0.5};
    static final int[] BATCH_SIZES = {64, 256};

    /** One configuration of the grid. */
    record Config(int id, double lr, int hidden, double dropout, int batch) {}

    static List<Config> grid() {
        List<Config> out = new ArrayList<>();
        for (double lr : LEARNING_RATES)
            for (int h : HIDDEN_UNITS)
                for (double d : DROPOUT)
                    for (int b : BATCH_SIZES) out.add(new Config(out.size(), lr, h, d, b));
        return out;
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: Dl4jCurveRecorder OUT.csv [--epochs 27] [--train 2000] [--valid 1000] [--limit N]");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        int epochs = 27;
        int trainSize = 2000;
        int validSize = 1000;
        int limit = Integer.MAX_VALUE;
        for (int i = 1; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--epochs" -> epochs = Integer.parseInt(args[i + 1]);
                case "--train" -> trainSize = Integer.parseInt(args[i + 1]);
                case "--valid" -> validSize = Integer.parseInt(args[i + 1]);
                case "--limit" -> limit = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Nd4jRuntime.start();
        DataSplits data = DataSplits.fashionMnist(DataSplits.FASHION_MNIST, new DataSplits.Sizes(trainSize, validSize, 1), 0);
        List<Config> grid = grid();
        long t0 = System.nanoTime();
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8))) {
            StringBuilder header = new StringBuilder("id,lr,hidden,dropout,batch,cpu_seconds");
            for (int e = 1; e <= epochs; e++) header.append(",e").append(e);
            w.println(header);
            for (Config c : grid.subList(0, Math.min(limit, grid.size()))) {
                long s = CPU.getCurrentThreadCpuTime();
                double[] curve = train(c, data.train(), data.valid(), epochs);
                double seconds = (CPU.getCurrentThreadCpuTime() - s) / 1e9;
                StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%d,%s,%d,%s,%d,%.2f", c.id(), c.lr(), c.hidden(),
                        c.dropout(), c.batch(), seconds));
                for (double v : curve) row.append(',').append(String.format(Locale.ROOT, "%.4f", v));
                w.println(row);
                w.flush();
                System.err.printf(Locale.ROOT, "config %d/%d %s: final %.4f, best %.4f (%.1f s of CPU, %.0f s in all)%n", c.id() + 1,
                        grid.size(), c, curve[curve.length - 1], min(curve), seconds, (System.nanoTime() - t0) / 1e9);
            }
        }
    }

    private static double min(double[] xs) {
        double m = Double.POSITIVE_INFINITY;
        for (double x : xs) m = Math.min(m, x);
        return m;
    }

    /** The validation error after each of {@code epochs} epochs; a diverged network scores 0.9 (chance) from then on. */
    static double[] train(Config c, Dataset train, Dataset valid, int epochs) {
        Nd4jRuntime.start();
        // DL4J's dropout(p) is the probability of keeping an activation.
        DenseLayer.Builder hidden = new DenseLayer.Builder().nIn(train.dimension()).nOut(c.hidden()).activation(Activation.RELU);
        if (c.dropout() > 0) hidden.dropOut(1.0 - c.dropout());
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(1000L + c.id()).dataType(DataType.FLOAT).updater(new Adam(c.lr())).weightInit(WeightInit.XAVIER).list()
                .layer(hidden.build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(c.hidden()).nOut(train.classes())
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        INDArray x = train.features();
        INDArray y = train.oneHot();
        int n = train.size();
        int bs = Math.min(c.batch(), n);
        SplittableRandom order = new SplittableRandom(7L * c.id() + 11);
        double[] curve = new double[epochs];
        boolean diverged = false;
        for (int e = 0; e < epochs; e++) {
            if (!diverged) {
                int[] perm = Permutations.random(n, order);
                INDArray xs = Nd4j.pullRows(x, 1, perm);
                INDArray ys = Nd4j.pullRows(y, 1, perm);
                for (int b = 0; b + bs <= n; b += bs) {
                    net.fit(new DataSet(xs.get(NDArrayIndex.interval(b, b + bs), NDArrayIndex.all()),
                            ys.get(NDArrayIndex.interval(b, b + bs), NDArrayIndex.all())));
                }
                diverged = !Double.isFinite(net.score());
            }
            curve[e] = diverged ? 0.9 : error(net, valid);
        }
        return curve;
    }

    private static double error(MultiLayerNetwork net, Dataset data) {
        INDArray idx = net.output(data.features(), false).argMax(1);
        int[] labels = data.labels();
        int wrong = 0;
        for (int i = 0; i < labels.length; i++) if (idx.getInt(i) != labels[i]) wrong++;
        return (double) wrong / labels.length;
    }
}
