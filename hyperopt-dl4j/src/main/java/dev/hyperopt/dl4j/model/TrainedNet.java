package dev.hyperopt.dl4j.model;

import dev.hyperopt.nd4j.data.Dataset;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * A trained network with the preprocessing it was trained behind, and how training went.
 *
 * @param units       the hidden layers' widths
 * @param shape       a fresh network of the same layers for a given number of inputs (to fold the preprocessing into)
 * @param validError  the validation error of the kept parameters (those of {@code bestEpoch}); NaN when trained without validation data
 * @param epochs      epochs run
 * @param stoppedBy   why training ended: {@code patience}, {@code max_epochs}, {@code time} or {@code pruned}
 */
public record TrainedNet(List<Integer> units, Preprocessing preprocessing, MultiLayerNetwork network, IntFunction<MultiLayerNetwork> shape,
                         double validError, int bestEpoch, int epochs, String stoppedBy, List<Pretraining> pretraining, double seconds) {

    public TrainedNet {
        units = List.copyOf(units);
        pretraining = List.copyOf(pretraining);
    }

    /** Predicted classes for raw inputs. */
    public int[] predict(INDArray rawInputs) {
        return DeepNets.argmax(network.output(preprocessing.apply(rawInputs), false));
    }

    /** The fraction of {@code data} misclassified. */
    public double error(Dataset data) {
        return DeepNets.error(network, preprocessing.apply(data.features()), data.labels());
    }

    /**
     * Writes the network in DL4J's ModelSerializer format. The preprocessing is folded into
     * the first layer, so {@code ModelSerializer.restoreMultiLayerNetwork(file)} gives a
     * network that takes raw inputs.
     */
    public void save(Path file) throws IOException {
        ModelSerializer.writeModel(foldPreprocessing(), file.toFile(), false);
    }

    /** A copy of the network whose first layer takes raw inputs, with the preprocessing folded in. */
    MultiLayerNetwork foldPreprocessing() {
        if (preprocessing.center() == null) return network.clone();
        MultiLayerNetwork folded = shape.apply((int) preprocessing.center().columns());
        for (int i = 0; i < network.getnLayers(); i++) {
            Layer from = network.getLayer(i);
            Layer to = folded.getLayer(i);
            for (Map.Entry<String, INDArray> p : from.paramTable().entrySet()) to.setParam(p.getKey(), p.getValue().dup());
        }
        INDArray[] wb = preprocessing.fold(network.getLayer(0).getParam("W"), network.getLayer(0).getParam("b"));
        folded.getLayer(0).setParam("W", wb[0].dup());
        folded.getLayer(0).setParam("b", wb[1].dup());
        return folded;
    }
}
