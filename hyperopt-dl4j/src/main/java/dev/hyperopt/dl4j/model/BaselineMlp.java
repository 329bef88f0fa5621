package dev.hyperopt.dl4j.model;

import dev.hyperopt.nd4j.Nd4jRuntime;
import dev.hyperopt.nd4j.Permutations;
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
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.SplittableRandom;

/**
 * The untuned reference: DL4J's usual first MLP, inputs-256-128-classes with ReLU hidden
 * layers, Xavier initial weights, Adam (learning rate 1e-3), minibatches of 64 and a fixed
 * number of epochs, with no validation set and no early stopping.
 */
public final class BaselineMlp {
    private BaselineMlp() {}

    /** What the reference reached. */
    public record Report(double testError, int epochs, double seconds) {}

    public static Report trainAndTest(Dataset train, Dataset test, int epochs, long seed) {
        Nd4jRuntime.start();
        long start = System.nanoTime();
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(seed).dataType(DataType.FLOAT).updater(new Adam(1e-3)).weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nIn(train.dimension()).nOut(256).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(256).nOut(128).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(128).nOut(train.classes())
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        INDArray x = train.features();
        INDArray y = train.oneHot();
        int n = train.size();
        int bs = Math.min(64, n);
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
}
