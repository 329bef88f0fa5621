package dev.hyperopt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GraphCommandTest {
    @TempDir
    Path dir;

    static final List<String> LABELS = List.of("lr", "batch_size", "units", "momentum", "l2", "layers", "optimizer",
            "optimizer.sgd.nesterov", "optimizer.adam.beta1", "dropout", "dropout[1]", "widths[0]");

    Path example() throws IOException {
        Path f = dir.resolve("example.hspace");
        Files.writeString(f, SampleCommandTest.EXAMPLE);
        return f;
    }

    @Test
    void dotShowsEveryHyperparameter() throws IOException {
        Cli r = Cli.run("graph", example().toString());
        assertThat(r.exit()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).startsWith("digraph space {\n").endsWith("}\n");
        for (String label : LABELS) assertThat(r.out()).contains("label=\"" + label + " #");
        assertThat(r.out()).contains("-> ");
    }

    @Test
    void jsonListsHyperparametersWithConditions() throws IOException {
        Cli r = Cli.run("graph", example().toString(), "--json");
        assertThat(r.exit()).isZero();
        assertThat(r.outLines().size()).as("pretty-printed").isGreaterThan(20);
        JsonNode tree = new ObjectMapper().readTree(r.out());
        List<String> labels = new ArrayList<>();
        for (JsonNode h : tree.get("hyperparameters")) labels.add(h.get("label").asText());
        assertThat(labels).containsExactlyInAnyOrderElementsOf(LABELS);
        for (JsonNode h : tree.get("hyperparameters")) {
            boolean conditional = h.get("label").asText().contains(".") || h.get("label").asText().equals("dropout[1]");
            assertThat(h.get("condition").isEmpty()).as(h.toString()).isEqualTo(!conditional);
        }
        assertThat(tree.get("graph").get("root").asText()).isNotEmpty();
    }

    @Test
    void missingFileIsExitOne() {
        Cli r = Cli.run("graph", dir.resolve("none.hspace").toString(), "--json");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).hasSize(1);
    }
}
