package dev.hyperopt.dl4j.model;

import dev.hyperopt.nd4j.data.Dataset;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A fine-tuned network with the preprocessing it was trained behind, and how training went.
 *
 * @param validError  the validation error of the kept parameters (those of {@code bestEpoch})
 * @param epochs      fine-tuning epochs run
 * @param stoppedBy   why fine-tuning ended: {@code patience}, {@code max_epochs} or {@code time}
 */
public record TrainedNet(NetSpec spec, Preprocessing preprocessing, MultiLayerNetwork network, double validError, int bestEpoch,
                         int epochs, String stoppedBy, List<Pretraining> pretraining, double seconds) {

    public TrainedNet {
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
        ModelSerializer.writeModel(DeepNets.foldPreprocessing(this), file.toFile(), false);
    }
}
