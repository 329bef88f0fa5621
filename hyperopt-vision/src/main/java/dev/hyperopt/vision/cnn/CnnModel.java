package dev.hyperopt.vision.cnn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hyperopt.engine.api.Config;
import dev.hyperopt.nd4j.Nd4jRuntime;
import dev.hyperopt.nd4j.TimeBudget;
import dev.hyperopt.nd4j.data.DataException;
import dev.hyperopt.vision.data.Images;
import dev.hyperopt.vision.model.VisionModel;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A trained convolutional net of the {@code cnn} kind. Saved as a folder: {@code model.json}
 * (kind, classes, input shape {@code [channels, height, width]}) and {@code network.zip}, DL4J's ModelSerializer format, which
 * {@code ModelSerializer.restoreMultiLayerNetwork} reads on its own; the net takes pixels in
 * [0, 1] shaped {@code [images, channels, height, width]} and gives class probabilities.
 */
public final class CnnModel implements VisionModel {
    public static final String KIND = "cnn";
    /** The file of the network inside a saved model's folder. */
    public static final String NETWORK_FILE = "network.zip";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final int PREDICT_BATCH = 256;

    private final MultiLayerNetwork network;
    private final List<String> classNames;
    private final int[] inputShape;

    public CnnModel(MultiLayerNetwork network, List<String> classNames, int[] inputShape) {
        this.network = Objects.requireNonNull(network, "network");
        this.classNames = List.copyOf(classNames);
        if (inputShape.length != 3) throw new IllegalArgumentException("the input shape is [channels, height, width]");
        this.inputShape = inputShape.clone();
    }

    /**
     * Trains a configuration of the {@code cnn} space on {@code train} for its {@code epochs},
     * or until its {@code max_seconds}, with no validation set: the refit of a tuned net.
     *
     * @throws dev.hyperopt.vision.pipeline.InvalidArchitectureException when the net does not fit the images
     */
    public static CnnModel fit(Config config, Images train) {
        CnnSpec spec = CnnSpec.from(config);
        return CnnTrainer.train(spec, train, null, TimeBudget.seconds(spec.maxSeconds(), () -> Thread.currentThread().isInterrupted()), null)
                .model();
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }

    @Override
    public int[] inputShape() {
        return inputShape.clone();
    }

    public MultiLayerNetwork network() {
        return network;
    }

    @Override
    public int[] predict(INDArray pixels) {
        if (pixels.rank() != 4 || pixels.size(1) != inputShape[0] || pixels.size(2) != inputShape[1] || pixels.size(3) != inputShape[2]) {
            throw new IllegalArgumentException("the model takes images shaped [n, " + inputShape[0] + ", " + inputShape[1] + ", "
                    + inputShape[2] + "], got " + java.util.Arrays.toString(pixels.shape()));
        }
        Nd4jRuntime.start();
        int n = (int) pixels.size(0);
        int[] out = new int[n];
        for (int from = 0; from < n; from += PREDICT_BATCH) {
            int to = Math.min(n, from + PREDICT_BATCH);
            INDArray batch = pixels.get(NDArrayIndex.interval(from, to), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all());
            INDArray idx = network.output(batch.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT), false).argMax(1);
            for (int i = 0; i < to - from; i++) out[from + i] = idx.getInt(i);
        }
        return out;
    }

    /** The fraction of {@code images} misclassified. */
    public double error(Images images) {
        int[] p = predict(images.pixels());
        int wrong = 0;
        for (int i = 0; i < p.length; i++) if (p[i] != images.labels()[i]) wrong++;
        return (double) wrong / p.length;
    }

    @Override
    public void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        ModelSerializer.writeModel(network, dir.resolve(NETWORK_FILE).toFile(), false);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", KIND);
        m.put("classes", classNames);
        m.put("input", inputShape);
        m.put("network", NETWORK_FILE);
        JSON.writeValue(dir.resolve("model.json").toFile(), m);
    }

    /**
     * Reads a model that {@link #save} wrote.
     *
     * @throws DataException when the folder holds no such model
     */
    public static CnnModel load(Path dir) throws IOException {
        Path json = dir.resolve("model.json");
        if (!Files.isRegularFile(json)) throw new DataException(dir + ": not a saved model (no model.json)");
        JsonNode m;
        try {
            m = JSON.readTree(json.toFile());
        } catch (IOException e) {
            throw new DataException(json + ": not valid JSON (" + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + ")");
        }
        if (m == null || !KIND.equals(m.path("kind").asText())) throw new DataException(json + ": not a model of kind " + KIND);
        JsonNode shape = m.path("input");
        JsonNode names = m.path("classes");
        if (!shape.isArray() || shape.size() != 3 || !names.isArray() || names.isEmpty()) {
            throw new DataException(json + ": needs 'input' [channels, height, width] and 'classes'");
        }
        int[] s = {shape.get(0).asInt(), shape.get(1).asInt(), shape.get(2).asInt()};
        List<String> classes = new ArrayList<>();
        for (JsonNode n : names) classes.add(n.asText());
        Path file = dir.resolve(m.path("network").asText(NETWORK_FILE));
        if (!Files.isRegularFile(file)) throw new DataException(dir + ": the network file " + file.getFileName() + " is missing");
        Nd4jRuntime.start();
        MultiLayerNetwork net;
        try {
            net = ModelSerializer.restoreMultiLayerNetwork(file.toFile(), false);
        } catch (IOException | RuntimeException e) {
            throw new DataException(file + ": not a DL4J network (" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
        }
        return new CnnModel(net, classes, s);
    }
}
