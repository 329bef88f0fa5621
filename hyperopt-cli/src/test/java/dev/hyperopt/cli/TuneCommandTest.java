package dev.hyperopt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(120)
class TuneCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private String out;
    private String err;

    @BeforeAll
    static void needsPython() {
        TuneCommandTestSupport.require("python3");
    }

    static String plan(String plan, String... extra) {
        try {
            Path p = Path.of(TuneCommandTest.class.getResource("/objectives/plan.py").toURI());
            return "python3 '" + p + "' " + plan + (extra.length == 0 ? "" : " " + String.join(" ", extra));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path space(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    private Path branin() throws IOException {
        return space("branin.hspace", "space = {\n  x: uniform(-5.0, 10.0),\n  y: uniform(0.0, 15.0),\n}\n");
    }

    private int tune(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(o, true));
        cl.setErr(new PrintWriter(e, true));
        List<String> all = new ArrayList<>(List.of("tune"));
        all.addAll(List.of(args));
        int rc = cl.execute(all.toArray(String[]::new));
        out = o.toString();
        err = e.toString();
        return rc;
    }

    private static List<String> names(JsonNode n) {
        List<String> l = new ArrayList<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) l.add(it.next());
        return l;
    }

    @Test
    void writesTheResultDocumentInTheContractsShape() throws Exception {
        Path json = dir.resolve("out/result.json");
        int rc = tune(branin().toString(), "--objective-cmd", plan("ok,ok,nan,ok,fail"), "--algo", "rand",
                "--max-evals", "10", "--seed", "7", "--store", "memory:", "--json", json.toString());
        assertThat(rc).as(err).isZero();
        JsonNode doc = JSON.readTree(json.toFile());
        assertThat(names(doc)).containsExactly("study", "algo", "seed", "best", "trials");
        assertThat(doc.get("study").asText()).isEqualTo("branin");
        assertThat(doc.get("algo").asText()).isEqualTo("rand");
        assertThat(doc.get("seed").asLong()).isEqualTo(7);
        JsonNode trials = doc.get("trials");
        assertThat(trials).hasSize(10);
        double bestLoss = Double.POSITIVE_INFINITY;
        int bestTrial = -1;
        for (int i = 0; i < 10; i++) {
            JsonNode t = trials.get(i);
            assertThat(names(t)).containsExactly("trial", "status", "loss", "config", "labels", "attachments", "intermediate", "started", "finished", "error");
            assertThat(t.get("intermediate").isArray()).isTrue();
            assertThat(t.get("trial").asInt()).isEqualTo(i);
            assertThat(Instant.parse(t.get("started").asText())).isBeforeOrEqualTo(Instant.parse(t.get("finished").asText()));
            assertThat(t.get("started").asText()).endsWith("Z");
            assertThat(names(t.get("labels"))).containsExactly("x", "y");
            assertThat(t.get("config")).isEqualTo(t.get("labels"));
            assertThat(t.get("attachments").isObject()).isTrue();
            double x = t.get("labels").get("x").asDouble();
            double y = t.get("labels").get("y").asDouble();
            switch (i % 5) {
                case 2 -> {
                    assertThat(t.get("status").asText()).isEqualTo("fail");
                    assertThat(t.get("loss").isNull()).isTrue();
                    assertThat(t.get("error").asText()).isEqualTo("loss is NaN");
                    assertThat(t.get("attachments").size()).isZero();
                }
                case 4 -> {
                    assertThat(t.get("status").asText()).isEqualTo("fail");
                    assertThat(t.get("error").asText()).isEqualTo("diverged");
                }
                default -> {
                    assertThat(t.get("status").asText()).isEqualTo("ok");
                    assertThat(t.get("error").isNull()).isTrue();
                    assertThat(t.get("loss").asDouble()).isEqualTo(x * x + y * y);
                    assertThat(t.get("attachments").get("trial").asInt()).isEqualTo(i);
                    if (x * x + y * y < bestLoss) {
                        bestLoss = x * x + y * y;
                        bestTrial = i;
                    }
                }
            }
        }
        JsonNode best = doc.get("best");
        assertThat(names(best)).containsExactly("trial", "loss", "config", "labels");
        assertThat(best.get("trial").asInt()).isEqualTo(bestTrial);
        assertThat(best.get("loss").asDouble()).isEqualTo(bestLoss);
        assertThat(best.get("labels")).isEqualTo(trials.get(bestTrial).get("labels"));
        assertThat(out).contains("trials:  10 (ok 6, fail 4)").contains("best:    trial " + bestTrial)
                .contains("stopped: max evals reached");
        assertThat(err).isEmpty();
    }

    @Test
    void namedChoicesAppearAsTheContractSays() throws Exception {
        Path f = space("cond.hspace", "space = {\n  model: choice {\n    svm: { C: loguniform(0.01, 100.0) },\n"
                + "    tree: { depth: uniformint(1, 8) },\n  },\n  k: choice(1, 2, 3),\n}\n");
        Path json = dir.resolve("c.json");
        assertThat(tune(f.toString(), "--objective-cmd", plan("ok"), "--algo", "rand", "--max-evals", "12", "--seed", "1",
                "--store", "memory:", "--json", json.toString())).as(err).isZero();
        for (JsonNode t : JSON.readTree(json.toFile()).get("trials")) {
            String branch = t.get("labels").get("model").asText();
            assertThat(branch).isIn("svm", "tree");
            assertThat(names(t.get("config").get("model"))).containsExactly(branch);
            long k = t.get("labels").get("k").asLong();
            assertThat(t.get("config").get("k").asLong()).isEqualTo(k + 1);
            if (branch.equals("tree")) {
                assertThat(t.get("config").get("model").get("tree").get("depth").isIntegralNumber()).isTrue();
                assertThat(names(t.get("labels"))).containsExactly("model", "model.tree.depth", "k");
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameTrials() throws Exception {
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        for (Path p : List.of(a, b)) {
            assertThat(tune(branin().toString(), "--objective-cmd", plan("ok"), "--algo", "rand", "--max-evals", "15",
                    "--seed", "11", "--store", "memory:", "--json", p.toString())).isZero();
        }
        List<JsonNode> la = new ArrayList<>();
        List<JsonNode> lb = new ArrayList<>();
        JSON.readTree(a.toFile()).get("trials").forEach(t -> la.add(t.get("labels")));
        JSON.readTree(b.toFile()).get("trials").forEach(t -> lb.add(t.get("labels")));
        assertThat(la).isEqualTo(lb).hasSize(15);
    }

    @Test
    void aRandomSeedIsPrintedAndRecorded() throws Exception {
        Path json = dir.resolve("r.json");
        assertThat(tune(branin().toString(), "--objective-cmd", plan("ok"), "--algo", "rand", "--max-evals", "2",
                "--store", "memory:", "--json", json.toString(), "--study", "mine")).isZero();
        assertThat(err).matches("hyperopt: seed \\d+\\R");
        long seed = Long.parseLong(err.trim().substring("hyperopt: seed ".length()));
        JsonNode doc = JSON.readTree(json.toFile());
        assertThat(doc.get("seed").asLong()).isEqualTo(seed);
        assertThat(doc.get("study").asText()).isEqualTo("mine");
        assertThat(out).contains("seed " + seed);
    }

    @Test
    void misbehavingObjectivesFailTheirTrialsAndTheRunFinishes() throws Exception {
        Path json = dir.resolve("m.json");
        int rc = tune(branin().toString(), "--objective-cmd", plan("garbage,exit,hang,raise,inf,ok"), "--algo", "rand",
                "--max-evals", "6", "--seed", "2", "--trial-timeout", "10s", "--store", "memory:", "--json", json.toString());
        assertThat(rc).isZero();
        JsonNode trials = JSON.readTree(json.toFile()).get("trials");
        List<String> errors = new ArrayList<>();
        trials.forEach(t -> errors.add(t.get("error").isNull() ? null : t.get("error").asText()));
        assertThat(errors.get(0)).isEqualTo("reply is not JSON: epoch 1/10 done");
        assertThat(errors.get(1)).startsWith("objective program exited with status 3");
        assertThat(errors.get(2)).isEqualTo("timed out after 10s");
        assertThat(errors.get(3)).startsWith("objective program exited with status 1");
        assertThat(errors.get(4)).isEqualTo("loss is infinite");
        assertThat(errors.get(5)).isNull();
        assertThat(err).contains("[objective ").contains("ValueError: boom");
        assertThat(out).contains("trials:  6 (ok 1, fail 5)");
    }

    @Test
    void runsCopiesOfTheObjectiveInParallel() throws Exception {
        Path json = dir.resolve("p.json");
        // Each copy's first trial waits until three copies have started one: the trials overlap or fail.
        Path meeting = Files.createDirectory(dir.resolve("meeting"));
        assertThat(tune(branin().toString(), "--objective-cmd", plan("ok", "--rendezvous", "'" + meeting + "'", "3"), "--algo", "rand",
                "--max-evals", "9", "--parallel", "3", "--seed", "2", "--store", "memory:", "--json", json.toString())).isZero();
        assertThat(out).contains("trials:  9 (ok 9, fail 0)");
        java.util.Set<String> pids = new java.util.HashSet<>();
        JSON.readTree(json.toFile()).get("trials").forEach(t -> pids.add(t.get("attachments").get("pid").asText()));
        assertThat(pids).hasSize(3).containsExactlyInAnyOrder(meeting.toFile().list());
    }

    @Test
    void stopRulesEndTheRunEarly() throws Exception {
        assertThat(tune(branin().toString(), "--objective-cmd", plan("ok"), "--algo", "rand", "--max-evals", "100",
                "--seed", "2", "--store", "memory:", "--loss-threshold", "1e9")).isZero();
        assertThat(out).contains("trials:  1 (ok 1, fail 0)").contains("stopped: loss threshold reached");

        assertThat(tune(branin().toString(), "--objective-cmd", plan("fail"), "--algo", "rand", "--max-evals", "100",
                "--seed", "2", "--store", "memory:", "--early-stop", "4")).as("no trial succeeded").isEqualTo(1);
        assertThat(out).contains("trials:  4 (ok 0, fail 4)").contains("best:    none");

        // The first trial never replies: only the time limit can end the run.
        assertThat(tune(branin().toString(), "--objective-cmd", plan("hang"), "--algo", "rand",
                "--max-evals", "1000", "--seed", "2", "--store", "memory:", "--timeout", "2s")).isEqualTo(1);
        assertThat(out).contains("trials:  1 (ok 0, fail 1)").contains("stopped: time limit reached");
    }

    @Test
    void aRunInWhichNoTrialSucceedsExitsOneWithItsReasonsAndKeepsEveryTrial() throws Exception {
        Path json = dir.resolve("all-failed.json");
        Path db = dir.resolve("all-failed.db");
        int rc = tune(branin().toString(), "--objective-cmd", "no-such-objective-program", "--algo", "rand", "--max-evals", "3",
                "--seed", "1", "--store", "sqlite:" + db, "--json", json.toString(), "--quiet");
        assertThat(rc).isEqualTo(1);
        // The summary and the result document come first: the run is kept.
        assertThat(out).contains("trials:  3 (ok 0, fail 3)", "best:    none", "result:  " + json);
        List<String> lines = err.lines().toList();
        assertThat(lines.get(lines.size() - 1))
                .startsWith("hyperopt: no trial finished ok: 3 failed: ")
                .contains("objective program exited with status 127", "(it said: ", "no-such-objective-program: not found)");
        JsonNode doc = new ObjectMapper().readTree(json.toFile());
        assertThat(doc.get("trials")).hasSize(3).allMatch(t -> t.get("status").asText().equals("fail"));
        assertThat(tune(branin().toString(), "--objective-cmd", "no-such-objective-program", "--algo", "rand", "--max-evals", "3",
                "--seed", "1", "--store", "sqlite:" + db, "--quiet")).as("resumed, still nothing ok").isEqualTo(1);

        // Several reasons: the most frequent first, each counted.
        assertThat(tune(branin().toString(), "--objective-cmd", plan("fail,fail,exit"), "--algo", "rand", "--max-evals", "3",
                "--seed", "1", "--store", "memory:", "--quiet")).isEqualTo(1);
        lines = err.lines().toList();
        assertThat(lines.get(lines.size() - 1)).startsWith("hyperopt: no trial finished ok: 3 failed: 2 x diverged; 1 x objective program exited with status 3");
    }

    @Test
    void badValuesAreOneLineUserErrors() throws Exception {
        String f = branin().toString();
        String cmd = plan("ok");
        String[][] cases = {
                {"--max-evals", "many", "invalid value for --max-evals: 'many' is not an integer"},
                {"--max-evals", "0", "invalid value for --max-evals: '0' (needs an integer >= 1)"},
                {"--parallel", "0", "invalid value for --parallel: '0' (needs an integer >= 1)"},
                {"--timeout", "10 minutes", "invalid value for --timeout: invalid duration '10 minutes' (examples: 90s, 10m, 1h30m, 500ms)"},
                {"--trial-timeout", "0s", "invalid value for --trial-timeout: duration '0s' must be positive"},
                {"--loss-threshold", "low", "invalid value for --loss-threshold: 'low' is not a number"},
                {"--seed", "x", "invalid value for --seed: 'x' is not an integer"},
                {"--algo", "bayes", "invalid value for --algo: unknown algorithm 'bayes'; this build has "},
                {"--store", "sqlite:" + dir.resolve("no/such/h.db"), "does not exist"},
                {"--store", "postgresql://localhost", "is malformed; write postgresql://[user@]host[:port]/database"},
                {"--store", "postgresql://hyperopt@127.0.0.1:1/h", "cannot connect as hyperopt"},
                {"--store", "mongodb://localhost/h", "the mongodb backend is not in this build"},
                {"--store", "nowhere", "has no scheme"},
        };
        for (String[] c : cases) {
            List<String> args = new ArrayList<>(List.of(f, "--objective-cmd", cmd));
            if (!c[0].equals("--algo")) args.addAll(List.of("--algo", "rand"));
            if (!c[0].equals("--store")) args.addAll(List.of("--store", "memory:"));
            args.addAll(List.of(c[0], c[1]));
            assertThat(tune(args.toArray(String[]::new))).as(c[0] + " " + c[1]).isEqualTo(1);
            assertThat(err.lines().toList()).as(err).hasSize(1);
            assertThat(err).startsWith("hyperopt: ").contains(c[2]);
            assertThat(out).isEmpty();
        }
        assertThat(Files.exists(dir.resolve("no"))).isFalse();
    }

    @Test
    void theDefaultStoreIsAnSqliteFileInTheWorkingFolder() {
        assertThat(new CommandLine(new TuneCommand()).getCommandSpec().findOption("--store").defaultValue())
                .isEqualTo("sqlite:hyperopt.db");
    }

    @Test
    void aBadSpaceFileIsAUserError() throws Exception {
        assertThat(tune(dir.resolve("missing.hspace").toString(), "--objective-cmd", "cat", "--store", "memory:", "--algo", "rand")).isEqualTo(1);
        assertThat(err).contains("no such file");
        Path bad = space("bad.hspace", "space = {x: uniform(1, 0)}\n");
        assertThat(tune(bad.toString(), "--objective-cmd", "cat", "--store", "memory:", "--algo", "rand")).isEqualTo(1);
        assertThat(err).contains("bad.hspace:1:");
    }

    @Test
    void theObjectiveCommandIsRequired() throws Exception {
        assertThat(tune(branin().toString())).isEqualTo(2);
        assertThat(err).contains("--objective-cmd");
    }

    @Test
    void theDefaultStudyIsTheFileName() {
        assertThat(TuneCommand.defaultStudy(Path.of("bench/hspace/branin.hspace"))).isEqualTo("branin");
        assertThat(TuneCommand.defaultStudy(Path.of("space.txt"))).isEqualTo("space.txt");
    }
}
