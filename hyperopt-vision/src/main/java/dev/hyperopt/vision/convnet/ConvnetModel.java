package dev.hyperopt.vision.convnet;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hyperopt.engine.api.Config;
import dev.hyperopt.nd4j.Nd4jRuntime;
import dev.hyperopt.vision.data.Images;
import dev.hyperopt.vision.model.VisionModel;
import dev.hyperopt.vision.objective.VisionConfig;
import dev.hyperopt.vision.pipeline.FeaturePipeline;
import dev.hyperopt.vision.pipeline.Filterbank;
import dev.hyperopt.vision.pipeline.InvalidArchitectureException;
import dev.hyperopt.vision.pipeline.LinearClassifier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A fitted configuration of the {@code convnet} space: its feature pipeline (with the filters
 * drawn or estimated from the training images) and the linear classifier on its features.
 * {@link #save} writes {@code model.json} (kind, classes, input shape, the configuration and
 * the array files) and the arrays in ND4J's binary format; {@link #load} reads them back into
 * a model that predicts exactly as the saved one.
 */
public final class ConvnetModel implements VisionModel {
    /** The kind written into {@code model.json}. */
    public static final String KIND = "convnet";

    /** Integers read back as longs, as the space evaluator gives them, so a loaded configuration equals the saved one. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.USE_LONG_FOR_INTS);

    private final Config config;
    private final FeaturePipeline pipeline;
    private final LinearClassifier classifier;
    private final List<String> classNames;
    private final double featureSeconds;

    private ConvnetModel(Config config, FeaturePipeline pipeline, LinearClassifier classifier, List<String> classNames, double featureSeconds) {
        this.config = config;
        this.pipeline = pipeline;
        this.classifier = classifier;
        this.classNames = List.copyOf(classNames);
        this.featureSeconds = featureSeconds;
    }

    /**
     * Builds the pipeline of a configuration of the {@code convnet} space for the training
     * images, computes their features and trains the classifier on them.
     *
     * @throws InvalidArchitectureException when the architecture does not fit the images, or
     *         its features overflow
     * @throws IllegalArgumentException when the configuration is not one of the space
     */
    public static ConvnetModel fit(Config config, Images train) {
        return fit(config, train, () -> {});
    }

    /**
     * As {@link #fit(Config, Images)}, calling {@code check} between batches of images and
     * every few classifier steps, so a trial past its deadline stops (check throws).
     */
    public static ConvnetModel fit(Config config, Images train, Runnable check) {
        Nd4jRuntime.start();
        Objects.requireNonNull(train, "train");
        VisionConfig v = VisionConfig.from(config);
        long start = System.nanoTime();
        FeaturePipeline p = FeaturePipeline.fit(v.pipeline(), train.pixels(), check);
        INDArray f = p.features(train.pixels(), check);
        double seconds = (System.nanoTime() - start) / 1e9;
        checkFinite(f);
        LinearClassifier k = LinearClassifier.fit(v.classifier(), f, train.labels(), train.classes(), check);
        return new ConvnetModel(config, p, k, train.classNames(), seconds);
    }

    private static void checkFinite(INDArray f) {
        if (f.isNaN().any() || f.isInfinite().any()) {
            throw new InvalidArchitectureException("the features are not finite: the pooling orders overflow these maps");
        }
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
        return pipeline.inputShape();
    }

    /** The configuration it was fitted with. */
    public Config config() {
        return config;
    }

    public FeaturePipeline pipeline() {
        return pipeline;
    }

    public LinearClassifier classifier() {
        return classifier;
    }

    /** The seconds the fit spent drawing filters and computing training features (0 for a loaded model). */
    public double featureSeconds() {
        return featureSeconds;
    }

    @Override
    public int[] predict(INDArray pixels) {
        int[] in = inputShape();
        if (pixels.rank() != 4 || pixels.size(1) != in[0] || pixels.size(2) != in[1] || pixels.size(3) != in[2]) {
            throw new IllegalArgumentException("the model takes images of " + in[0] + "x" + in[1] + "x" + in[2]
                    + " (channels x height x width), got " + Arrays.toString(pixels.shape()));
        }
        return classifier.predict(pipeline.features(pixels));
    }

    /** The fraction of {@code images} whose predicted class is not their label. */
    public double errorRate(Images images) {
        int[] p = predict(images.pixels());
        int wrong = 0;
        for (int i = 0; i < p.length; i++) if (p[i] != images.labels()[i]) wrong++;
        return (double) wrong / p.length;
    }

    @Override
    public void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        ObjectNode root = JSON.createObjectNode();
        root.put("kind", KIND);
        ArrayNode classes = root.putArray("classes");
        classNames.forEach(classes::add);
        ArrayNode input = root.putArray("input");
        for (int s : inputShape()) input.add(s);
        root.put("features", pipeline.featureCount());
        root.set("config", JSON.valueToTree(config.value()));
        ObjectNode arrays = root.putObject("arrays");
        List<Filterbank> banks = pipeline.filterbanks();
        ArrayNode layers = arrays.putArray("layers");
        for (int i = 0; i < banks.size(); i++) {
            ObjectNode l = layers.addObject();
            l.put("filters", write(dir, "layer" + (i + 1) + "-filters.bin", banks.get(i).filters()));
            if (banks.get(i).offsets() != null) l.put("offsets", write(dir, "layer" + (i + 1) + "-offsets.bin", banks.get(i).offsets()));
        }
        ObjectNode k = arrays.putObject("classifier");
        k.put("weights", write(dir, "classifier-weights.bin", classifier.weights()));
        k.put("bias", write(dir, "classifier-bias.bin", classifier.bias()));
        k.put("mean", write(dir, "classifier-mean.bin", classifier.mean()));
        k.put("std", write(dir, "classifier-std.bin", classifier.std()));
        if (classifier.kept() != null) {
            k.put("kept", write(dir, "classifier-kept.bin", Nd4j.createFromArray(classifier.kept())));
        }
        JSON.writeValue(dir.resolve("model.json").toFile(), root);
    }

    /**
     * Reads a model that {@link #save} wrote into {@code dir}.
     *
     * @throws IOException when a file is missing or unreadable, or {@code model.json} is not a convnet model
     */
    public static ConvnetModel load(Path dir) throws IOException {
        Nd4jRuntime.start();
        Path json = dir.resolve("model.json");
        if (!Files.isRegularFile(json)) throw new NoSuchFileException(json + " (not a saved model folder)");
        JsonNode root = JSON.readTree(json.toFile());
        if (!KIND.equals(root.path("kind").asText())) {
            throw new IOException(json + ": the model's kind is '" + root.path("kind").asText() + "', not '" + KIND + "'");
        }
        try {
            List<String> classes = new ArrayList<>();
            root.path("classes").forEach(c -> classes.add(c.asText()));
            JsonNode in = root.path("input");
            if (in.size() != 3) throw new IOException(json + ": 'input' must be [channels, height, width]");
            Config config = Config.of(JSON.convertValue(root.get("config"), Object.class));
            VisionConfig v = VisionConfig.from(config);
            JsonNode arrays = root.path("arrays");
            List<Filterbank> banks = new ArrayList<>();
            for (JsonNode l : arrays.path("layers")) {
                banks.add(new Filterbank(read(dir, l.path("filters")), l.has("offsets") ? read(dir, l.path("offsets")) : null));
            }
            FeaturePipeline p = FeaturePipeline.of(v.pipeline(), in.get(0).asInt(), in.get(1).asInt(), in.get(2).asInt(), banks);
            JsonNode k = arrays.path("classifier");
            int[] kept = k.has("kept") ? read(dir, k.path("kept")).toIntVector() : null;
            LinearClassifier c = LinearClassifier.of(kept, read(dir, k.path("mean")), read(dir, k.path("std")),
                    read(dir, k.path("weights")), read(dir, k.path("bias")));
            if (c.weights().columns() != classes.size()) {
                throw new IOException(json + ": " + classes.size() + " classes but the classifier scores " + c.weights().columns());
            }
            return new ConvnetModel(config, p, c, classes, 0);
        } catch (IllegalArgumentException | InvalidArchitectureException e) {
            throw new IOException(json + ": " + e.getMessage(), e);
        }
    }

    private static String write(Path dir, String name, INDArray a) throws IOException {
        Nd4j.saveBinary(a.dataType() == DataType.INT ? a : a.castTo(DataType.FLOAT), dir.resolve(name).toFile());
        return name;
    }

    private static INDArray read(Path dir, JsonNode name) throws IOException {
        if (!name.isTextual() || name.asText().contains("/") || name.asText().contains("\\")) {
            throw new IOException(dir.resolve("model.json") + ": an array file name is missing or not a plain name");
        }
        Path f = dir.resolve(name.asText());
        if (!Files.isRegularFile(f)) throw new NoSuchFileException(f.toString());
        return Nd4j.readBinary(f.toFile());
    }
}
