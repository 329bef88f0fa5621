package dev.hyperopt.vision.cnn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hyperopt.nd4j.TimeBudget;
import dev.hyperopt.nd4j.data.DataException;
import dev.hyperopt.vision.data.Images;
import dev.hyperopt.vision.model.VisionModel;
import dev.hyperopt.vision.model.VisionModels;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CnnModelTest {
    @TempDir
    Path dir;

    @Test
    void aFittedNetLearnsSavesAndLoadsToTheSamePredictions() throws IOException {
        Images train = CnnTestData.halves(200, 1);
        Images test = CnnTestData.halves(100, 2);
        CnnModel m = CnnModel.fit(CnnTestData.config(List.of(CnnTestData.block(4, 3, "max")), 16, 4, 100_000), train);
        assertThat(m.kind()).isEqualTo("cnn");
        assertThat(m.inputShape()).containsExactly(1, 8, 8);
        assertThat(m.classNames()).containsExactly("left", "right");
        assertThat(m.error(test)).isLessThan(0.1);

        m.save(dir);
        JsonNode json = new ObjectMapper().readTree(dir.resolve("model.json").toFile());
        assertThat(json.get("kind").asText()).isEqualTo("cnn");
        VisionModel back = VisionModels.load(dir);
        assertThat(back).isInstanceOf(CnnModel.class);
        assertThat(back.classNames()).containsExactly("left", "right");
        assertThat(back.inputShape()).containsExactly(1, 8, 8);
        assertThat(back.predict(test.pixels())).containsExactly(m.predict(test.pixels()));
        // the network file alone is a plain DL4J network
        MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(dir.resolve(CnnModel.NETWORK_FILE).toFile());
        assertThat(net.output(test.pixels()).argMax(1).toIntVector()).containsExactly(m.predict(test.pixels()));
        assertThatThrownBy(() -> m.predict(CnnTestData.halves(3, 1).pixels().reshape(3, 1, 4, 16)))
                .hasMessageContaining("the model takes images shaped [n, 1, 8, 8]");
    }

    @Test
    void everyOptionBuildsAndTrains() {
        Images train = CnnTestData.halves(64, 3);
        Images valid = CnnTestData.halves(32, 4);
        CnnSpec spec = new CnnSpec(List.of(new CnnSpec.Block(4, 3, CnnSpec.Pool.AVG), new CnnSpec.Block(4, 2, CnnSpec.Pool.NONE)), true, 0.3, 8,
                0.01, new CnnSpec.Exponential(0.5), 1e-4, 16, 2, 5, 100_000, 60);
        CnnTrainer.Training t = CnnTrainer.train(spec, train, valid, TimeBudget.unlimited(), null);
        assertThat(t.epochs()).isEqualTo(2);
        assertThat(t.bestEpoch()).isBetween(1, 2);
        assertThat(t.validError()).isBetween(0.0, 1.0);
        // 4x1x3x3+4, batch norm 4x4, 4x4x2x2+4, batch norm 4x4, dense 4x2x2x8+8, output 8x2+2
        assertThat(t.parameters()).isEqualTo(40 + 16 + 68 + 16 + 136 + 18);
        assertThat(t.model().network().numParams()).isEqualTo(t.parameters());
        CnnSpec linear = new CnnSpec(spec.blocks(), false, 0, 0, 0.01, new CnnSpec.Linear(), 0, 16, 2, 5, 100_000, 60);
        assertThat(CnnTrainer.train(linear, train, valid, TimeBudget.unlimited(), null).epochs()).isEqualTo(2);
    }

    @Test
    void aSpentTimeBudgetTrainsNoEpoch() {
        Images train = CnnTestData.halves(256, 5);
        CnnSpec spec = CnnSpec.from(CnnTestData.config(List.of(CnnTestData.block(4, 3, "max")), 0, 50, 100_000));
        CnnTrainer.Training t = CnnTrainer.train(spec, train, CnnTestData.halves(20, 6), TimeBudget.seconds(0, () -> false), null);
        assertThat(t.stoppedBy()).isEqualTo("time");
        assertThat(t.epochs()).isZero();
    }

    @Test
    void loadingSomethingElseSaysWhat() throws IOException {
        assertThatThrownBy(() -> VisionModels.load(dir.resolve("nosuch"))).isInstanceOf(DataException.class)
                .hasMessageStartingWith("no such model folder:");
        assertThatThrownBy(() -> VisionModels.load(dir)).hasMessageEndingWith("not a saved model (no model.json)");
        Files.writeString(dir.resolve("model.json"), "{\"kind\": \"forest\"}");
        assertThatThrownBy(() -> VisionModels.load(dir)).hasMessageContaining("unknown model kind 'forest'");
        Files.writeString(dir.resolve("model.json"), "{\"kind\": ");
        assertThatThrownBy(() -> VisionModels.load(dir)).hasMessageContaining("not valid JSON");
        new ObjectMapper().writeValue(dir.resolve("model.json").toFile(), Map.of("kind", "cnn", "input", List.of(1, 8, 8),
                "classes", List.of("a", "b")));
        assertThatThrownBy(() -> VisionModels.load(dir)).hasMessageContaining("the network file network.zip is missing");
        Files.writeString(dir.resolve("network.zip"), "not a zip");
        assertThatThrownBy(() -> VisionModels.load(dir)).isInstanceOf(DataException.class).hasMessageContaining("not a DL4J network");
    }
}
