package dev.hyperopt.vision.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hyperopt.nd4j.data.DataException;
import dev.hyperopt.vision.cnn.CnnModel;
import dev.hyperopt.vision.convnet.ConvnetModel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads a saved {@link VisionModel} of any kind: {@code model.json} names the kind, and that kind reads its own folder. */
public final class VisionModels {
    private VisionModels() {}

    /**
     * @throws DataException when {@code dir} holds no saved model, or one of an unknown kind
     * @throws IOException   when a file of the model cannot be read
     */
    public static VisionModel load(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) throw new DataException(Files.exists(dir) ? "not a folder: " + dir : "no such model folder: " + dir);
        Path json = dir.resolve("model.json");
        if (!Files.isRegularFile(json)) throw new DataException(dir + ": not a saved model (no model.json)");
        JsonNode m;
        try {
            m = new ObjectMapper().readTree(json.toFile());
        } catch (IOException e) {
            throw new DataException(json + ": not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        String kind = m == null ? "" : m.path("kind").asText("");
        return switch (kind) {
            case CnnModel.KIND -> CnnModel.load(dir);
            case ConvnetModel.KIND -> ConvnetModel.load(dir);
            default -> throw new DataException(json + ": unknown model kind '" + kind + "' (known: " + ConvnetModel.KIND + ", " + CnnModel.KIND + ")");
        };
    }
}
