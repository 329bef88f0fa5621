package dev.hyperopt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hyperopt.dsl.HSpaceCompiler;
import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.engine.sample.Seeds;
import dev.hyperopt.engine.sample.random.PriorSampler;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SampleCommandTest {
    /** The example of the language contract, every form once. */
    static final String EXAMPLE = """
            # Comments run from '#' (or '//') to the end of the line.

            let lr = loguniform(1e-5, 1e-1)          # a named hyperparameter, reusable

            space = {                                # exactly one `space` per file is the default export
              learning_rate: lr,
              batch_size: 2 ** randint(4, 9),        # an expression over a hyperparameter: 16..256
              units: quniform(16, 512, 16) as int,   # a cast; `int(...)` works too
              momentum: uniform(0.0, 0.99),
              l2: normal(0.0, 1.0),
              layers: choice(1, 2, 3),               # unnamed alternatives: the value is the option itself
              optimizer: choice {                    # named alternatives: conditional sub-spaces
                sgd:  { nesterov: choice(true, false) },
                adam: { beta1: uniform(0.8, 0.999), beta2: 0.999 },
              },
              dropout: pchoice(0.3: 0.0, 0.7: uniform(0.1, 0.5)),   # weighted alternatives
              name: "run-a",                         # literals: numbers, strings, true/false, null
              widths: [quniform(8, 64, 8), 128],     # lists
            }
            """;

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Path file;

    @BeforeAll
    static void writeExample() throws IOException {
        file = dir.resolve("example.hspace");
        Files.writeString(file, EXAMPLE);
    }

    static List<JsonNode> parse(Cli r) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : r.outLines()) out.add(JSON.readTree(line));
        return out;
    }

    static Set<String> keys(JsonNode object) {
        Set<String> keys = new HashSet<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) keys.add(it.next());
        return keys;
    }

    @Test
    void printsOneMaterializedConfigurationPerLine() throws IOException {
        Cli r = Cli.run("sample", file.toString(), "--n", "40", "--seed", "7");
        assertThat(r.exit()).isZero();
        assertThat(r.err()).isEmpty();
        List<JsonNode> samples = parse(r);
        assertThat(samples).hasSize(40);
        Set<String> branches = new HashSet<>();
        Set<Double> dropouts = new HashSet<>();
        for (JsonNode s : samples) {
            assertThat(keys(s)).containsExactlyInAnyOrder("learning_rate", "batch_size", "units", "momentum", "l2",
                    "layers", "optimizer", "dropout", "name", "widths");
            assertThat(s.get("learning_rate").isDouble()).isTrue();
            assertThat(s.get("learning_rate").asDouble()).isBetween(1e-5, 1e-1);
            assertThat(s.get("batch_size").isIntegralNumber()).as("2 ** randint is an integer: %s", s).isTrue();
            assertThat(s.get("batch_size").asLong()).isIn(16L, 32L, 64L, 128L, 256L);
            assertThat(s.get("units").isIntegralNumber()).as("a cast to int prints as an integer: %s", s).isTrue();
            assertThat(s.get("units").asLong() % 16).isZero();
            assertThat(s.get("momentum").isDouble()).isTrue();
            assertThat(s.get("momentum").asDouble()).isBetween(0.0, 0.99);
            assertThat(s.get("l2").isDouble()).isTrue();
            assertThat(s.get("layers").isIntegralNumber()).isTrue();
            assertThat(s.get("layers").asLong()).isBetween(1L, 3L);
            JsonNode opt = s.get("optimizer");
            assertThat(keys(opt)).hasSize(1);
            String branch = opt.fieldNames().next();
            branches.add(branch);
            if (branch.equals("sgd")) {
                assertThat(keys(opt.get("sgd"))).containsExactly("nesterov");
                assertThat(opt.get("sgd").get("nesterov").isBoolean()).isTrue();
            } else {
                assertThat(branch).isEqualTo("adam");
                assertThat(opt.get("adam").get("beta1").asDouble()).isBetween(0.8, 0.999);
                assertThat(opt.get("adam").get("beta2").asDouble()).isEqualTo(0.999);
            }
            JsonNode dropout = s.get("dropout");
            assertThat(dropout.isDouble()).as("pchoice gives the option's own value: %s", s).isTrue();
            assertThat(dropout.asDouble() == 0.0 || (dropout.asDouble() >= 0.1 && dropout.asDouble() <= 0.5)).isTrue();
            dropouts.add(dropout.asDouble() == 0.0 ? 0.0 : 1.0);
            assertThat(s.get("name").asText()).isEqualTo("run-a");
            JsonNode widths = s.get("widths");
            assertThat(widths.isArray()).isTrue();
            assertThat(widths).hasSize(2);
            assertThat(widths.get(0).isDouble()).as("quniform without a cast stays a float: %s", s).isTrue();
            assertThat(widths.get(1).isIntegralNumber()).isTrue();
            assertThat(widths.get(1).asLong()).isEqualTo(128);
        }
        assertThat(branches).containsExactlyInAnyOrder("sgd", "adam");
        assertThat(dropouts).containsExactlyInAnyOrder(0.0, 1.0);
    }

    @Test
    void labelsHoldOnlyTheActiveHyperparameters() throws IOException {
        Cli r = Cli.run("sample", file.toString(), "--n", "40", "--seed", "7", "--labels");
        assertThat(r.exit()).isZero();
        List<JsonNode> samples = parse(r);
        assertThat(samples).hasSize(40);
        for (JsonNode s : samples) {
            Set<String> keys = keys(s);
            assertThat(keys).contains("lr", "batch_size", "units", "momentum", "l2", "layers", "optimizer", "dropout", "widths[0]");
            assertThat(keys).doesNotContain("learning_rate", "name");
            assertThat(s.get("batch_size").isIntegralNumber()).as("randint stores its integer before the expression").isTrue();
            assertThat(s.get("batch_size").asLong()).isBetween(4L, 8L);
            assertThat(s.get("units").isDouble()).as("stored before the cast").isTrue();
            assertThat(s.get("layers").isIntegralNumber()).as("unnamed choice stores the index").isTrue();
            assertThat(s.get("layers").asLong()).isBetween(0L, 2L);
            String branch = s.get("optimizer").asText();
            assertThat(branch).as("named choice stores the branch name").isIn("sgd", "adam");
            assertThat(keys.contains("optimizer.sgd.nesterov")).isEqualTo(branch.equals("sgd"));
            assertThat(keys.contains("optimizer.adam.beta1")).isEqualTo(branch.equals("adam"));
            if (branch.equals("sgd")) assertThat(s.get("optimizer.sgd.nesterov").asLong()).isBetween(0L, 1L);
            assertThat(s.get("dropout").isIntegralNumber()).as("pchoice stores the index").isTrue();
            long dropout = s.get("dropout").asLong();
            assertThat(dropout).isBetween(0L, 1L);
            assertThat(keys.contains("dropout[1]")).isEqualTo(dropout == 1);
        }
    }

    @Test
    void labelsAndConfigurationsOfOneSeedDescribeTheSameDraws() throws IOException {
        List<JsonNode> configs = parse(Cli.run("sample", file.toString(), "--n", "20", "--seed", "3"));
        List<JsonNode> labels = parse(Cli.run("sample", file.toString(), "--n", "20", "--seed", "3", "--labels"));
        for (int i = 0; i < 20; i++) {
            JsonNode c = configs.get(i);
            JsonNode l = labels.get(i);
            assertThat(c.get("learning_rate").asDouble()).isEqualTo(l.get("lr").asDouble());
            assertThat(c.get("batch_size").asLong()).isEqualTo(1L << l.get("batch_size").asLong());
            assertThat(c.get("layers").asLong()).isEqualTo(l.get("layers").asLong() + 1);
            assertThat(c.get("optimizer").fieldNames().next()).isEqualTo(l.get("optimizer").asText());
            assertThat(c.get("units").asLong()).isEqualTo((long) l.get("units").asDouble());
        }
    }

    @Test
    void sampleIIsTrialIOfTheSeed() throws IOException {
        SearchSpace space = new HSpaceCompiler().compile(file).orThrow();
        List<String> lines = Cli.run("sample", file.toString(), "--n", "5", "--seed", "11", "--labels").outLines();
        for (int i = 0; i < 5; i++) {
            var expected = PriorSampler.sample(space, Seeds.stream(11, i)).labels();
            assertThat(lines.get(i)).isEqualTo(JSON.writeValueAsString(expected));
        }
    }

    @Test
    void sameSeedSameLinesOtherSeedOtherLines() {
        Cli a = Cli.run("sample", file.toString(), "--n", "5", "--seed", "42");
        Cli b = Cli.run("sample", file.toString(), "--seed", "42", "--n", "5");
        Cli c = Cli.run("sample", file.toString(), "--n", "5", "--seed", "43");
        assertThat(a.outLines()).hasSize(5);
        assertThat(a.out()).isEqualTo(b.out());
        assertThat(a.out()).isNotEqualTo(c.out());
        // Fewer samples are a prefix of more.
        Cli two = Cli.run("sample", file.toString(), "--n", "2", "--seed", "42");
        assertThat(a.outLines().subList(0, 2)).isEqualTo(two.outLines());
    }

    @Test
    void withoutSeedARandomSeedIsPrintedAndReproduces() {
        Cli r = Cli.run("sample", file.toString(), "--n", "3");
        assertThat(r.exit()).isZero();
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).matches("seed: \\d+\\R");
        String seed = r.err().strip().substring("seed: ".length());
        assertThat(Cli.run("sample", file.toString(), "--n", "3", "--seed", seed).out()).isEqualTo(r.out());
    }

    @Test
    void oneSampleByDefaultAndNoneForZero() {
        assertThat(Cli.run("sample", file.toString(), "--seed", "1").outLines()).hasSize(1);
        Cli none = Cli.run("sample", file.toString(), "--seed", "1", "--n", "0");
        assertThat(none.exit()).isZero();
        assertThat(none.out()).isEmpty();
    }

    @Test
    void badValuesAreOneLineUserErrors() {
        for (String[] args : List.of(new String[] {"--n", "abc"}, new String[] {"--n", "-1"}, new String[] {"--seed", "x1"})) {
            List<String> full = new ArrayList<>(List.of("sample", file.toString()));
            full.addAll(List.of(args));
            Cli r = Cli.run(full.toArray(String[]::new));
            assertThat(r.exit()).as("%s", full).isEqualTo(1);
            assertThat(r.errLines()).as("%s", full).hasSize(1);
            assertThat(r.err()).startsWith("hyperopt: ");
            assertThat(r.out()).isEmpty();
            assertThat(r.hasStackTrace()).isFalse();
        }
    }

    @Test
    void unknownFlagOrMissingFileArgumentIsAUsageError() {
        for (String[] args : List.of(new String[] {"sample", file.toString(), "--bogus"}, new String[] {"sample"},
                new String[] {"sample", file.toString(), "--n"})) {
            Cli r = Cli.run(args);
            assertThat(r.exit()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.errLines()).hasSize(2);
            assertThat(r.errLines().get(1)).isEqualTo("Try 'hyperopt sample --help' for more information.");
            assertThat(r.hasStackTrace()).isFalse();
        }
    }

    @Test
    void missingOrInvalidFileIsExitOne() throws IOException {
        Cli missing = Cli.run("sample", dir.resolve("nope.hspace").toString(), "--seed", "1");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("hyperopt: no such file: " + dir.resolve("nope.hspace") + "\n");
        assertThat(missing.out()).isEmpty();

        Path bad = dir.resolve("bad.hspace");
        Files.writeString(bad, "space = { a: uniform(1, 0) }\n");
        Cli invalid = Cli.run("sample", bad.toString(), "--seed", "1");
        assertThat(invalid.exit()).isEqualTo(1);
        assertThat(invalid.out()).isEmpty();
        assertThat(invalid.errLines().get(0)).startsWith(bad + ":1:");
        assertThat(invalid.hasStackTrace()).isFalse();
    }

    @Test
    void anExpressionWithoutValueFailsThatSampleInOneLine() throws IOException {
        Path f = dir.resolve("div.hspace");
        Files.writeString(f, "let a = randint(0, 2)\nlet b = randint(0, 2)\nspace = { x: 1 / (a - b) }\n");
        Cli r = Cli.run("sample", f.toString(), "--n", "200", "--seed", "5");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).contains("sample ").contains("division by zero");
        assertThat(r.hasStackTrace()).isFalse();
        // Samples before the failing one were printed.
        for (String line : r.outLines()) assertThat(line).startsWith("{\"x\":");
    }
}
