package dev.hyperopt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hyperopt.engine.api.Trial;
import dev.hyperopt.engine.api.TrialState;
import dev.hyperopt.engine.inject.Engine;
import dev.hyperopt.engine.store.TrialStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code tune --pruner} and {@code --enqueue} with a protocol objective that reports and obeys prune answers. */
@Timeout(300)
class PruningCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @BeforeAll
    static void needsPython() {
        TuneCommandTestSupport.require("python3");
    }

    private Path branin() throws Exception {
        Path f = dir.resolve("branin.hspace");
        Files.writeString(f, "space = {\n  x: uniform(-5.0, 10.0),\n  y: uniform(0.0, 15.0),\n}\n");
        return f;
    }

    @Test
    void ashaStopsPoorTrialsAndTheirValuesReachTheDocumentTheStoreAndTheReport() throws Exception {
        String store = "sqlite:" + dir.resolve("p.db");
        Path json = dir.resolve("result.json");
        Path report = dir.resolve("report.html");
        Cli run = Cli.run("tune", branin().toString(), "--objective-cmd", TuneCommandTest.plan("curve"), "--algo", "rand",
                "--max-evals", "30", "--seed", "1", "--pruner", "asha:min_resource=1,reduction_factor=2", "--store", store,
                "--study", "p", "--json", json.toString(), "--report", report.toString(), "--quiet");
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode doc = JSON.readTree(json.toFile());
        int ok = 0;
        int pruned = 0;
        for (JsonNode t : doc.get("trials")) {
            JsonNode values = t.get("intermediate");
            double x = t.get("labels").get("x").asDouble();
            double y = t.get("labels").get("y").asDouble();
            assertThat(values.get(0).get("step").asLong()).isEqualTo(1);
            assertThat(values.get(0).get("value").asDouble()).isEqualTo(2 * (x * x + y * y));
            switch (t.get("status").asText()) {
                case "ok" -> {
                    ok++;
                    assertThat(values).hasSize(4);
                    assertThat(t.get("loss").asDouble()).isEqualTo(x * x + y * y);
                }
                case "pruned" -> {
                    pruned++;
                    assertThat(values.size()).isBetween(1, 3);
                    assertThat(t.get("loss").isNull()).isTrue();
                    assertThat(t.get("error").isNull()).isTrue();
                }
                default -> throw new AssertionError("unexpected trial " + t);
            }
        }
        assertThat(ok).isPositive();
        assertThat(pruned).isPositive();
        assertThat(ok + pruned).isEqualTo(30);
        assertThat(run.out()).contains("trials:  30 (ok " + ok + ", fail 0, pruned " + pruned + ")");

        try (TrialStore s = Engine.standard().openStore(store)) {
            List<Trial> trials = s.trials("p");
            assertThat(trials.stream().filter(t -> t.state() == TrialState.PRUNED)).hasSize(pruned);
            for (int i = 0; i < trials.size(); i++) {
                assertThat(trials.get(i).intermediate()).hasSize(doc.get("trials").get(i).get("intermediate").size());
            }
        }
        JsonNode again = JSON.readTree(Cli.run("trials", "--store", store, "--study", "p", "--json").out());
        assertThat(again.get("trials")).isEqualTo(doc.get("trials"));
        assertThat(Files.readString(report)).contains("\"intermediate\"");
    }

    @Test
    void aBadPrunerIsOneLine() throws Exception {
        Cli unknown = Cli.run("tune", branin().toString(), "--objective-cmd", "true", "--store", "memory:", "--pruner", "sometimes");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err().strip()).startsWith("hyperopt: invalid value for --pruner: unknown pruner 'sometimes'; this build has ")
                .contains("asha").contains("hyperband").contains("median").contains("none").contains("percentile").contains("wilcoxon");
        Cli key = Cli.run("tune", branin().toString(), "--objective-cmd", "true", "--store", "memory:", "--pruner", "asha:eta=3");
        assertThat(key.exit()).isEqualTo(1);
        assertThat(key.err()).startsWith("hyperopt: invalid value for --pruner: pruner 'asha' has no option 'eta'");
        assertThat(key.errLines()).hasSize(1);
    }

    @Test
    void queuedConfigurationsAndLabelsAreEvaluatedFirstAndOnlyOnce() throws Exception {
        Path space = dir.resolve("kinds.hspace");
        Files.writeString(space, "space = {\n  x: uniform(-5, 10),\n  kind: choice { a: {}, b: { y: uniform(0, 1) } },\n}\n");
        Path queue = dir.resolve("first.jsonl");
        Files.writeString(queue, "{\"x\": 1.0, \"kind\": {\"b\": {\"y\": 0.5}}}\n\n{\"x\": 2.0, \"kind\": \"a\"}\n");
        String store = "sqlite:" + dir.resolve("q.db");
        Cli first = Cli.run("tune", space.toString(), "--objective-cmd", TuneCommandTest.plan("ok"), "--max-evals", "3",
                "--seed", "2", "--store", store, "--enqueue", queue.toString(), "--quiet");
        assertThat(first.exit()).as(first.err()).isZero();
        Cli second = Cli.run("tune", space.toString(), "--objective-cmd", TuneCommandTest.plan("ok"), "--max-evals", "6",
                "--store", store, "--enqueue", queue.toString(), "--quiet");
        assertThat(second.exit()).as(second.err()).isZero();
        JsonNode trials = JSON.readTree(Cli.run("trials", "--store", store, "--study", "kinds", "--json").out()).get("trials");
        assertThat(trials).hasSize(6);
        assertThat(trials.get(0).get("labels")).isEqualTo(JSON.readTree("{\"x\": 1.0, \"kind\": \"b\", \"kind.b.y\": 0.5}"));
        assertThat(trials.get(1).get("labels")).isEqualTo(JSON.readTree("{\"x\": 2.0, \"kind\": \"a\"}"));
        for (int i = 2; i < 6; i++) {
            assertThat(trials.get(i).get("labels").get("x").asDouble()).isNotIn(1.0, 2.0);
        }

        Files.writeString(queue, "{\"x\": 1.0, \"kind\": \"a\"}\n{\"x\": 1.0, \"kind\": \"c\"}\n");
        Cli bad = Cli.run("tune", space.toString(), "--objective-cmd", TuneCommandTest.plan("ok"), "--store", "memory:",
                "--enqueue", queue.toString());
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.errLines()).hasSize(1);
        assertThat(bad.err()).startsWith("hyperopt: " + queue + ":2: ");
    }

    @Test
    void workersJudgeReportsWithTheDriversPruner() throws Exception {
        String store = "sqlite:" + dir.resolve("w.db");
        Process worker = Jvm.start(dir, dir.resolve("worker.txt"), "worker", "--store", store, "--study", "w");
        Process driver = Jvm.start(dir, dir.resolve("driver.txt"), "tune", branin().toString(), "--workers",
                "--objective-cmd", TuneCommandTest.plan("curve"), "--algo", "rand", "--max-evals", "20", "--seed", "4",
                "--pruner", "median:n_startup_trials=3", "--store", store, "--study", "w", "--quiet");
        assertThat(driver.waitFor(240, TimeUnit.SECONDS)).as("the driver finishes").isTrue();
        String driverOut = Files.readString(dir.resolve("driver.txt"));
        assertThat(driver.exitValue()).as(driverOut).isZero();
        assertThat(worker.waitFor(60, TimeUnit.SECONDS)).as("the worker sees the run is over").isTrue();
        String workerOut = Files.readString(dir.resolve("worker.txt"));
        assertThat(workerOut).containsPattern("hyperopt: trial \\d+ pruned at step \\d");
        try (TrialStore s = Engine.standard().openStore(store)) {
            List<Trial> trials = s.trials("w");
            assertThat(trials).hasSize(20).allMatch(Trial::isFinished);
            long pruned = trials.stream().filter(t -> t.state() == TrialState.PRUNED).count();
            assertThat(pruned).isPositive();
            assertThat(driverOut).contains("pruned " + pruned + ")");
            assertThat(workerOut).contains("pruned " + pruned + ")");
        }
    }
}
