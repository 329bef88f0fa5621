package dev.hyperopt.dl4j.model;

import dev.hyperopt.engine.api.Config;
import dev.hyperopt.nd4j.Nd4jRuntime;
import dev.hyperopt.nd4j.Permutations;
import dev.hyperopt.nd4j.data.Dataset;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The untuned reference: DL4J's usual first MLP, inputs-256-128-classes with ReLU hidden
 * layers, Xavier initial weights, Adam (learning rate 1e-3) and minibatches of 64. As a
 * configuration of the {@code modern} space ({@link #config}) it is the first trial of
 * {@code dl4j tune}; as the reference of {@code dl4j baseline} it trains a fixed number of
 * epochs with no validation set and no early stopping.
 */
public final class BaselineMlp {
    private BaselineMlp() {}

    /** What the reference reached. */
    public record Report(double testError, int epochs, double seconds) {}

    /** The reference as a configuration of the {@code modern} space, with the space's own seed and training limits. */
    public static Map<String, Object> config() {
        return map("preprocessing", map("raw", Map.of()),
                "layers", List.of(map("units", 256L, "dropout", 0.0), map("units", 128L, "dropout", 0.0)),
                "activation", "relu", "batch_norm", false, "init", "xavier",
                "optimizer", map("adam", map("lr", 1e-3)),
                "l2", 0.0, "batch_size", 64L, "seed", 1L, "max_epochs", 100L, "patience", 10L, "max_seconds", 60L);
    }

    public static Report trainAndTest(Dataset train, Dataset test, int epochs, long seed) {
        Nd4jRuntime.start();
        long start = System.nanoTime();
        Map<String, Object> config = config();
        config.put("seed", seed);
        MlpSpec spec = MlpSpec.from(Config.of(config), 0);
        MultiLayerNetwork net = Mlps.network(train.dimension(), spec, train.classes());
        INDArray x = train.features();
        INDArray y = train.oneHot();
        int n = train.size();
        int bs = Math.min(spec.batchSize(), n);
        SplittableRandom order = new SplittableRandom(seed);
        for (int e = 0; e < epochs; e++) {
            int[] perm = Permutations.random(n, order);
            INDArray xs = x.getRows(perm);
            INDArray ys = y.getRows(perm);
            for (int b = 0; b < n; b += bs) {
                int end = Math.min(n, b + bs);
                net.fit(new DataSet(xs.get(NDArrayIndex.interval(b, end), NDArrayIndex.all()), ys.get(NDArrayIndex.interval(b, end), NDArrayIndex.all())));
            }
        }
        double err = DeepNets.error(net, test.features(), test.labels());
        return new Report(err, epochs, (System.nanoTime() - start) / 1e9);
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        return m;
    }
}
