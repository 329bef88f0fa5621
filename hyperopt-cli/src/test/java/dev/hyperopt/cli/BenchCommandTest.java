package dev.hyperopt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A small run of {@code hyperopt bench} (a few seeds, small budgets): the results have the
 * reference results' shape, the report sits next to the reference numbers, and TPE beats
 * random search on average where there is something to learn.
 */
class BenchCommandTest {
    static final Path PROBLEMS = Path.of("..", "bench", "problems.json");

    @TempDir
    Path dir;

    @Test
    void smallRunWritesResultsInTheReferenceShapeAndTpeBeatsRandom() throws IOException {
        Path out = dir.resolve("results.json");
        Cli r = Cli.run("bench", "--problems", PROBLEMS.toString(), "--problem", "branin", "--problem", "logsphere10",
                "--problem", "n_arms", "--algo", "tpe", "--algo", "rand", "--seeds", "4", "--budget", "60", "--out", out.toString());
        assertThat(r.err()).contains("bench: 24 runs");
        assertThat(r.exit()).isZero();
        assertThat(r.hasStackTrace()).isFalse();

        JsonNode results = Json.MAPPER.readTree(out.toFile());
        JsonNode anchors = Json.MAPPER.readTree(PROBLEMS.resolveSibling("anchors").resolve("quality.json").toFile());
        assertThat(results.path("schema").asText()).isEqualTo(anchors.path("schema").asText());
        assertThat(fieldNames(results)).containsAll(fieldNames(anchors).stream().filter(f -> !f.equals("other_runs_kept")).toList());
        assertThat(results.path("runs")).hasSize(24);
        JsonNode run = results.path("runs").get(0);
        assertThat(fieldNames(run)).containsExactlyInAnyOrderElementsOf(fieldNames(anchors.path("runs").get(0)));
        assertThat(run.path("checkpoints").toString()).isEqualTo("[10,25,50,60]");

        JsonNode branin = results.path("summary").path("branin");
        assertThat(fieldNames(branin)).containsExactlyInAnyOrderElementsOf(fieldNames(anchors.path("summary").path("branin")));
        JsonNode tpe = branin.path("algos").path("tpe");
        assertThat(fieldNames(tpe)).containsExactlyInAnyOrderElementsOf(fieldNames(anchors.path("summary").path("branin").path("algos").path("hp_tpe")));
        assertThat(fieldNames(tpe.path("best").get(0))).containsExactlyInAnyOrder("n", "mean", "median", "se", "min", "max");
        assertThat(tpe.path("n_seeds").asInt()).isEqualTo(4);
        assertThat(results.path("summary").path("n_arms").path("stochastic").asBoolean()).isTrue();

        for (String problem : new String[] {"branin", "logsphere10"}) {
            double tpeMean = finalMean(results, problem, "tpe");
            double randMean = finalMean(results, problem, "rand");
            assertThat(tpeMean).as(problem).isLessThan(randMean);
        }

        String report = Files.readString(dir.resolve("results.md"));
        assertThat(report).contains("| branin |").contains("hp_tpe").contains("optuna_tpe").contains("### n_arms")
                .contains("incumbent true loss");
    }

    @Test
    void unknownProblemOrAlgorithmIsOneLineError() {
        Path out = dir.resolve("r.json");
        Cli r = Cli.run("bench", "--problems", PROBLEMS.toString(), "--problem", "nope", "--out", out.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("no problem 'nope'").doesNotContain("\tat ");
        Cli a = Cli.run("bench", "--problems", PROBLEMS.toString(), "--algo", "nope", "--seeds", "1", "--out", out.toString());
        assertThat(a.exit()).isEqualTo(1);
        assertThat(a.err()).contains("unknown algorithm 'nope'");
        assertThat(Files.exists(out)).isFalse();
    }

    private static double finalMean(JsonNode results, String problem, String algo) {
        JsonNode best = results.path("summary").path(problem).path("algos").path(algo).path("best");
        return best.get(best.size() - 1).path("mean").asDouble();
    }

    private static java.util.List<String> fieldNames(JsonNode n) {
        java.util.List<String> out = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
