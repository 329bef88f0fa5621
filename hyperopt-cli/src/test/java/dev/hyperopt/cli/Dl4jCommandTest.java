package dev.hyperopt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

class Dl4jCommandTest {
    @TempDir
    Path dir;

    private static final String[] SMALL = {"--train-size", "150", "--valid-size", "80", "--test-size", "80", "--max-units", "16",
            "--max-seconds", "3", "--store", "memory:"};

    private static String[] args(String... first) {
        String[] all = new String[first.length + SMALL.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(SMALL, 0, all, first.length, SMALL.length);
        return all;
    }

    @Test
    void tunesRefitsAndSavesAModelDl4jCanLoad() throws IOException {
        Path model = dir.resolve("m.zip");
        Cli c = Cli.run(args("dl4j", "tune", "--data", "rectangles", "--space", "mlp", "--max-evals", "2", "--seed", "1",
                "--model", model.toString(), "--ensemble", "0"));
        assertThat(c.exit()).as(c.err()).isZero();
        assertThat(c.err()).contains("data: rectangles, 150 training, 80 validation, 80 test examples of 784 inputs, 2 classes")
                .contains("trial 1/2: ").contains("trial 2/2: ");
        assertThat(c.out()).contains("study:   dl4j-mlp-rectangles (algo tpe, seed 1)").contains("trials:  2 (ok ")
                .containsPattern("best:    trial \\d, loss 0\\.\\d+")
                .containsPattern("refit:   validation error [0-9.]+, test error [0-9.]+ \\(accuracy [0-9.]+\\) on 80 test examples")
                .contains("model:   " + model);
        MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(model.toFile());
        assertThat(net.layerInputSize(0)).isEqualTo(784);
        assertThat(c.hasStackTrace()).isFalse();
    }

    @Test
    void theDefaultSpaceStartsFromDl4jsUsualMlpAndReportsEveryEpochToThePruner() throws IOException {
        Path json = dir.resolve("r.json");
        Cli c = Cli.run(args("dl4j", "tune", "--data", "rectangles", "--max-evals", "4", "--seed", "1", "--algo", "rand",
                "--pruner", "median:n_startup_trials=1", "--model", dir.resolve("m.zip").toString(), "--json", json.toString()));
        assertThat(c.exit()).as(c.err()).isZero();
        assertThat(c.out()).contains("study:   dl4j-modern-rectangles");
        JsonNode trials = new ObjectMapper().readTree(json.toFile()).get("trials");
        JsonNode first = trials.get(0).get("config");
        assertThat(first.get("layers").findValuesAsText("units")).containsExactly("256", "128");
        assertThat(first.get("optimizer").get("adam").get("lr").asDouble()).isEqualTo(1e-3);
        assertThat(first.get("activation").asText()).isEqualTo("relu");
        for (JsonNode t : trials) {
            if (!t.get("status").asText().equals("fail")) assertThat(t.get("intermediate").size()).as(t.toString()).isPositive();
        }
        // The usual MLP is refitted unless the best trial beats it by more than one standard error on the 80 validation examples.
        JsonNode doc = new ObjectMapper().readTree(json.toFile());
        double best = doc.get("best").get("loss").asDouble();
        double se = Math.sqrt(best * (1 - best) / 80);
        JsonNode usual = trials.get(0);
        boolean usualKept = usual.get("status").asText().equals("ok") && usual.get("loss").asDouble() <= best + se;
        assertThat(doc.get("refitted_trial").asLong()).as(doc.toString()).isEqualTo(usualKept ? 0 : doc.get("best").get("trial").asLong());
        if (usualKept && doc.get("best").get("trial").asLong() != 0) {
            assertThat(c.out()).contains("choice:  trial 0 (DL4J's usual MLP, ").contains("refit:   ");
        }

        Cli without = Cli.run(args("dl4j", "tune", "--data", "rectangles", "--max-evals", "1", "--seed", "1", "--no-defaults",
                "--model", dir.resolve("m2.zip").toString(), "--json", json.toString()));
        assertThat(without.exit()).as(without.err()).isZero();
        JsonNode alone = new ObjectMapper().readTree(json.toFile()).get("trials").get(0).get("config");
        assertThat(alone.get("layers").toString()).isNotEqualTo(first.get("layers").toString());
    }

    @Test
    void anMlpIsRefittedOnTheTrainingAndValidationExamplesForTheEpochsItsTrialKept() throws IOException {
        Path json = dir.resolve("r.json");
        Path model = dir.resolve("m.zip");
        Cli c = Cli.run(args("dl4j", "tune", "--data", "rectangles", "--max-evals", "1", "--seed", "2", "--ensemble", "0",
                "--model", model.toString(), "--json", json.toString()));
        assertThat(c.exit()).as(c.err()).isZero();
        JsonNode doc = new ObjectMapper().readTree(json.toFile());
        int epochs = doc.get("trials").get(0).get("attachments").get("best_epoch").asInt();
        assertThat(c.out()).contains("refit:   " + epochs + " epochs on the 230 training and validation examples, test error ");
        assertThat(doc.get("refit").get("examples").asInt()).isEqualTo(230);
        assertThat(doc.get("refit").get("epochs").asInt()).isEqualTo(epochs);
        assertThat(ModelSerializer.restoreMultiLayerNetwork(model.toFile()).layerInputSize(0)).isEqualTo(784);
    }

    @Test
    void theModelIsAnEnsembleOfTheBestNetsRefittedOnAllExamplesWithTheBestAloneBesideIt() throws IOException {
        Path model = dir.resolve("e.zip");
        Path json = dir.resolve("e.json");
        // Trials end by patience, not by time, so that the run is the same on a busy machine.
        Cli c = Cli.run("dl4j", "tune", "--data", "rectangles", "--train-size", "150", "--valid-size", "80", "--test-size", "80",
                "--max-units", "16", "--max-seconds", "0", "--store", "memory:", "--max-evals", "6", "--seed", "2", "--algo", "rand",
                "--model", model.toString(), "--json", json.toString(), "--quiet");
        assertThat(c.exit()).as(c.err()).isZero();
        assertThat(c.out()).containsPattern("ensemble: \\d nets \\(trial \\d x\\d+(, trial \\d x\\d+)+\\), validation error 0\\.\\d+ against")
                .containsPattern("refit:   (\\d+) of the \\1 nets on the 230 training and validation examples")
                .containsPattern("test:    error 0\\.\\d+ \\(accuracy 0\\.\\d+\\) on 80 test examples; trial \\d alone");
        JsonNode doc = new ObjectMapper().readTree(json.toFile());
        assertThat(doc.get("refit").get("examples").asInt()).isEqualTo(230);
        assertThat(doc.get("refit").get("nets").asInt()).isGreaterThanOrEqualTo(doc.get("ensemble").get("members").size());
        assertThat(doc.get("ensemble").get("validation_error").asDouble()).isLessThanOrEqualTo(doc.get("best").get("loss").asDouble());
        assertThat(doc.get("ensemble").get("members").size()).isGreaterThanOrEqualTo(2);
        ComputationGraph graph = ModelSerializer.restoreComputationGraph(model.toFile());
        assertThat(graph.getNumInputArrays()).isEqualTo(1);
        MultiLayerNetwork alone = ModelSerializer.restoreMultiLayerNetwork(doc.get("single").get("model").asText());
        assertThat(alone.layerInputSize(0)).isEqualTo(784);
        assertThat(c.hasStackTrace()).isFalse();
    }

    @Test
    void theBaselineReportsATestError() {
        Cli c = Cli.run("dl4j", "baseline", "--data", "rectangles", "--train-size", "100", "--valid-size", "20", "--test-size", "50",
                "--epochs", "1");
        assertThat(c.exit()).as(c.err()).isZero();
        assertThat(c.out()).containsPattern("baseline: rectangles, 100 training examples, 1 epochs: test error [0-9.]+ \\(accuracy [0-9.]+\\) on 50 test examples");
    }

    private void assertOneLine(Cli c, String expected) {
        assertThat(c.exit()).as(c.out() + c.err()).isEqualTo(1);
        assertThat(c.errLines()).as(c.err()).hasSize(1);
        assertThat(c.err()).startsWith("hyperopt: ").contains(expected);
        assertThat(c.hasStackTrace()).isFalse();
    }

    @Test
    void badInputGetsOneClearLine() throws IOException {
        assertOneLine(Cli.run(args("dl4j", "tune", "--data", dir.resolve("nosuch.csv").toString())), "no such file or data set");

        Path empty = dir.resolve("empty.csv");
        Files.writeString(empty, "a,b,class\n");
        assertOneLine(Cli.run(args("dl4j", "tune", "--data", empty.toString())), "the data set is empty");

        Path oneClass = dir.resolve("one-class.csv");
        Files.writeString(oneClass, "a,class\n1,x\n2,x\n3,x\n4,x\n5,x\n6,x\n");
        assertOneLine(Cli.run(args("dl4j", "tune", "--data", oneClass.toString())),
                oneClass + ": every example has the same class (a classifier needs examples of two classes at least)");

        Path onlyClass = dir.resolve("only-class.arff");
        Files.writeString(onlyClass, "@relation c\n@attribute c {x,y}\n@data\nx\ny\nx\ny\nx\n");
        assertOneLine(Cli.run(args("dl4j", "tune", "--data", onlyClass.toString())), "needs at least one input attribute and a class attribute");

        Path negative = dir.resolve("neg.csv");
        Files.writeString(negative, "1,2,0\n3,4,1\n5,6,-3\n7,8,1\n9,9,0\n");
        assertOneLine(Cli.run(args("dl4j", "tune", "--data", negative.toString())), "label -3");

        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(b); DataOutputStream d = new DataOutputStream(gz)) {
            d.writeInt(0x803);
            d.writeInt(5);
            d.writeInt(28);
            d.writeInt(28);
            d.write(new byte[5 * 28 * 28]);
        }
        byte[] bytes = b.toByteArray();
        for (int i = 20; i < bytes.length - 8; i++) bytes[i] ^= 0x33;
        Path corrupt = dir.resolve("c-images-idx3-ubyte.gz");
        Files.write(corrupt, bytes);
        assertOneLine(Cli.run(args("dl4j", "tune", "--data", corrupt.toString())), "corrupt gzip");

        Path dims = dir.resolve("d-images-idx3-ubyte");
        try (DataOutputStream d = new DataOutputStream(Files.newOutputStream(dims))) {
            d.writeInt(0x803);
            d.writeInt(5);
            d.writeInt(-28);
            d.writeInt(28);
        }
        assertOneLine(Cli.run(args("dl4j", "tune", "--data", dims.toString())), "bad image dimensions -28x28");

        assertOneLine(Cli.run(args("dl4j", "tune", "--data", "rectangles", "--space", "nosuch")), "invalid value for --space: 'nosuch'");
        assertOneLine(Cli.run("dl4j", "tune", "--data", "rectangles", "--train-size", "0"), "invalid value for --train-size: '0'");
        assertOneLine(Cli.run("dl4j", "tune", "--data", "rectangles", "--max-units", "many"), "invalid value for --max-units: 'many' is not an integer");
        assertOneLine(Cli.run(args("dl4j", "tune", "--data", "rectangles", "--algo", "nope")),
                "invalid value for --algo");
    }

    @Test
    void aMissingSubCommandIsAUsageError() {
        Cli c = Cli.run("dl4j");
        assertThat(c.exit()).isEqualTo(2);
        assertThat(c.err()).contains("missing sub-command");
    }
}
