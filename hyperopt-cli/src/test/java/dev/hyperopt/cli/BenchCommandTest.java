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

    static final Path MF_PROBLEMS = Path.of("..", "bench", "multifidelity", "problems.json");

    @Test
    void multiFidelitySmallRunSpendsItsBudgetOfStepsOnEveryProblemAndArm() throws IOException {
        Path out = dir.resolve("mf.json");
        Cli r = Cli.run("bench", "--multi-fidelity", "--problems", MF_PROBLEMS.toString(), "--arm", "tpe+asha", "--seeds", "1",
                "--budget", "60", "--out", out.toString());
        assertThat(r.err()).contains("bench: 6 multi-fidelity runs");
        assertThat(r.exit()).isZero();
        assertThat(r.hasStackTrace()).isFalse();

        JsonNode results = Json.MAPPER.readTree(out.toFile());
        assertThat(results.path("schema").asText()).isEqualTo("hyperopt-bench-multifidelity-results/1");
        assertThat(results.path("baseline").asText()).isEqualTo("tpe");
        assertThat(results.path("runs")).hasSize(6);
        for (JsonNode run : results.path("runs")) {
            assertThat(run.path("steps_used").asInt()).as(run.toString()).isEqualTo(60);
            assertThat(run.path("budget").asInt()).isEqualTo(60);
        }
        for (String problem : new String[] {"synthetic_hartmann", "dl4j_fashion", "weka_folds"}) {
            JsonNode arms = results.path("summary").path(problem).path("arms");
            assertThat(fieldNames(arms)).containsExactly("tpe", "tpe+asha");
            // The baseline reaches its own final loss in exactly its own steps.
            assertThat(arms.path("tpe").path("steps_ratio_median").asDouble()).isEqualTo(1.0);
            assertThat(arms.path("tpe+asha").path("pruned_mean").asDouble()).isPositive();
            assertThat(arms.path("tpe").path("pruned_mean").asDouble()).isZero();
        }
        String report = Files.readString(dir.resolve("mf.md"));
        assertThat(report).contains("## Final loss at the budget").contains("| dl4j_fashion | 60 epochs |")
                .contains("## The best pruner with `tpe` against `tpe` alone\n")
                .contains("### weka_folds").contains("| tpe+asha |");
    }

    @Test
    void multiFidelityRunsTheOptunaAnchorsSideBySide() throws IOException {
        String python = System.getenv().getOrDefault("HYPEROPT_BENCH_PYTHON", "python3");
        if (!imports(python, "optuna")) TuneCommandTestSupport.missing(python + " cannot import optuna (Debian: python3-optuna)");
        Path out = dir.resolve("mf.json");
        Cli r = Cli.run("bench", "--multi-fidelity", "--problems", MF_PROBLEMS.toString(), "--problem", "weka_folds", "--arm", "tpe+wilcoxon",
                "--optuna", "--python", python, "--seeds", "2", "--budget", "40", "--jobs", "2", "--out", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode results = Json.MAPPER.readTree(out.toFile());
        assertThat(results.path("optuna").asText()).matches("\\d+\\.\\d+.*");
        JsonNode arms = results.path("summary").path("weka_folds").path("arms");
        assertThat(fieldNames(arms)).containsExactly("tpe", "tpe+wilcoxon", "optuna:none", "optuna:hyperband", "optuna:sha");
        assertThat(arms.path("optuna:sha").path("n_seeds").asInt()).isEqualTo(2);
        for (JsonNode run : results.path("runs")) assertThat(run.path("steps_used").asInt()).as(run.toString()).isEqualTo(40);
        assertThat(Files.readString(dir.resolve("mf.md"))).contains("| optuna:hyperband |");
    }

    @Test
    void multiFidelityMistakesAreOneLineErrors() {
        Path out = dir.resolve("mf.json");
        Cli noPython = Cli.run("bench", "--multi-fidelity", "--problems", MF_PROBLEMS.toString(), "--optuna", "--python",
                "/nonexistent/python3", "--seeds", "1", "--out", out.toString());
        assertThat(noPython.exit()).isEqualTo(1);
        assertThat(noPython.err()).contains("cannot start '/nonexistent/python3' for the Optuna anchors").doesNotContain("\tat ");
        Cli pruner = Cli.run("bench", "--multi-fidelity", "--problems", MF_PROBLEMS.toString(), "--arm", "tpe+nope", "--out", out.toString());
        assertThat(pruner.exit()).isEqualTo(1);
        assertThat(pruner.err()).contains("unknown pruner 'nope'");
        Cli algo = Cli.run("bench", "--multi-fidelity", "--problems", MF_PROBLEMS.toString(), "--algo", "rand", "--out", out.toString());
        assertThat(algo.err()).contains("--algo does not go with --multi-fidelity");
        Cli budget = Cli.run("bench", "--multi-fidelity", "--problems", MF_PROBLEMS.toString(), "--budget", "5", "--out", out.toString());
        assertThat(budget.err()).contains("--budget 5 is less than one full run of synthetic_hartmann (27 steps)");
        Cli plain = Cli.run("bench", "--problems", PROBLEMS.toString(), "--optuna", "--out", out.toString());
        assertThat(plain.err()).contains("--arm and --optuna go with --multi-fidelity");
        assertThat(Files.exists(out)).isFalse();
    }

    private static boolean imports(String python, String module) {
        try {
            Process p = new ProcessBuilder(python, "-c", "import " + module).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
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
