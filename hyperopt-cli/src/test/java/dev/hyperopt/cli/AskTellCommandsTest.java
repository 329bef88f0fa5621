package dev.hyperopt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code hyperopt ask}, {@code tell} and {@code enqueue}: a study driven by hand, from several shells at once. */
@Timeout(300)
class AskTellCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path space() throws Exception {
        Path f = dir.resolve("branin.hspace");
        Files.writeString(f, "space = {\n  x: uniform(-5.0, 10.0),\n  y: uniform(0.0, 15.0),\n}\n");
        return f;
    }

    private static JsonNode json(String line) throws Exception {
        return JSON.readTree(line);
    }

    @Test
    void aStudyDrivenByHandOnSqlite() throws Exception {
        roundTrip("sqlite:" + dir.resolve("s.db"));
    }

    @Test
    void aStudyDrivenByHandOnPostgres() throws Exception {
        roundTrip(TestStores.postgres());
    }

    private void roundTrip(String store) throws Exception {
        Cli q = Cli.run("enqueue", "--store", store, "--study", "b", "--space", space().toString(), "--labels", "{\"x\": 1.5, \"y\": 2}");
        assertThat(q.exit()).as(q.err()).isZero();
        assertThat(json(q.out().strip())).isEqualTo(json("{\"x\": 1.5, \"y\": 2.0}"));

        Cli a = Cli.run("ask", "--store", store, "--study", "b");
        assertThat(a.exit()).as(a.err()).isZero();
        JsonNode first = json(a.out().strip());
        assertThat(first.get("trial").asLong()).isZero();
        assertThat(first.get("labels")).isEqualTo(json("{\"x\": 1.5, \"y\": 2.0}"));
        assertThat(first.get("config")).isEqualTo(first.get("labels"));

        JsonNode second = json(Cli.run("ask", "--store", store, "--study", "b").out().strip());
        assertThat(second.get("trial").asLong()).isEqualTo(1);

        Cli t0 = Cli.run("tell", "--store", store, "--study", "b", "--trial", "0", "--loss", "0.25", "--attachments", "{\"accuracy\": 0.75}");
        assertThat(t0.exit()).as(t0.err()).isZero();
        assertThat(t0.out()).contains("trial 0 ok loss 0.25");
        assertThat(Cli.run("tell", "--store", store, "--study", "b", "--trial", "1", "--pruned").exit()).isZero();

        Cli again = Cli.run("tell", "--store", store, "--study", "b", "--trial", "0", "--loss", "0.1");
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.errLines()).hasSize(1);
        assertThat(again.err()).contains("already finished");

        Cli added = Cli.run("tell", "--store", store, "--study", "b", "--labels", "{\"x\": 3.0, \"y\": 2.0}", "--loss", "0.4");
        assertThat(added.exit()).as(added.err()).isZero();
        assertThat(added.out()).contains("trial 2 ok loss 0.4");

        Cli trials = Cli.run("trials", "--store", store, "--study", "b", "--json");
        JsonNode doc = json(trials.out());
        assertThat(doc.get("trials")).hasSize(3);
        assertThat(doc.get("trials").get(2).get("labels")).isEqualTo(json("{\"x\": 3.0, \"y\": 2.0}"));
        assertThat(doc.get("trials").get(0).get("status").asText()).isEqualTo("ok");
        assertThat(doc.get("trials").get(0).get("attachments").get("accuracy").asDouble()).isEqualTo(0.75);
        assertThat(doc.get("trials").get(1).get("status").asText()).isEqualTo("pruned");
        assertThat(doc.get("trials").get(1).get("loss").isNull()).isTrue();
    }

    @Test
    void mistakesAreOneLine() throws Exception {
        String store = "sqlite:" + dir.resolve("m.db");
        Cli noStudy = Cli.run("ask", "--store", store, "--study", "none");
        assertThat(noStudy.exit()).isEqualTo(1);
        assertThat(noStudy.err().strip()).isEqualTo("hyperopt: no study 'none' in " + store + "; give --space FILE to create it");

        Cli memory = Cli.run("ask", "--store", "memory:", "--study", "m", "--space", space().toString());
        assertThat(memory.exit()).isEqualTo(1);
        assertThat(memory.errLines()).hasSize(1);

        assertThat(Cli.run("ask", "--store", store, "--study", "m", "--space", space().toString()).exit()).isZero();
        Cli unknown = Cli.run("tell", "--store", store, "--study", "m", "--trial", "7", "--loss", "1");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("has no trial 7");

        Cli both = Cli.run("tell", "--store", store, "--study", "m", "--trial", "0", "--loss", "1", "--pruned");
        assertThat(both.exit()).as("a usage error").isEqualTo(2);
        Cli neither = Cli.run("tell", "--store", store, "--study", "m", "--trial", "0");
        assertThat(neither.exit()).isEqualTo(2);

        Cli badLoss = Cli.run("tell", "--store", store, "--study", "m", "--trial", "0", "--loss", "lots");
        assertThat(badLoss.exit()).isEqualTo(1);
        assertThat(badLoss.err().strip()).isEqualTo("hyperopt: invalid value for --loss: 'lots' is not a number");

        Cli badLabels = Cli.run("enqueue", "--store", store, "--study", "m", "--labels", "{\"x\": 1}");
        assertThat(badLabels.exit()).isEqualTo(1);
        assertThat(badLabels.err()).startsWith("hyperopt: invalid value for --labels: ").contains("'y'");
        assertThat(badLabels.errLines()).hasSize(1);

        Path other = dir.resolve("other.hspace");
        Files.writeString(other, "space = { z: uniform(0, 1) }\n");
        Cli wrongSpace = Cli.run("ask", "--store", store, "--study", "m", "--space", other.toString());
        assertThat(wrongSpace.exit()).isEqualTo(1);
        assertThat(wrongSpace.err()).contains("is not the space of study 'm'");
        for (Cli c : List.of(noStudy, memory, unknown, badLoss, badLabels, wrongSpace)) assertThat(c.hasStackTrace()).isFalse();
    }

    @Test
    void twoShellsAskAndTellAtOnceOnSqlite() throws Exception {
        twoShellsAskAndTellAtOnceWithoutLosingOrRepeatingATrial("sqlite:" + dir.resolve("two.db"));
    }

    @Test
    void twoShellsAskAndTellAtOnceOnPostgres() throws Exception {
        twoShellsAskAndTellAtOnceWithoutLosingOrRepeatingATrial(TestStores.postgres());
    }

    private void twoShellsAskAndTellAtOnceWithoutLosingOrRepeatingATrial(String store) throws Exception {
        assertThat(Cli.run("enqueue", "--store", store, "--study", "two", "--space", space().toString(),
                "--labels", "{\"x\": 0.5, \"y\": 0.5}").exit()).isZero();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String hyperopt = "'" + java + "' -Xmx256m -XX:TieredStopAtLevel=1 -cp '" + System.getProperty("java.class.path") + "' "
                + Main.class.getName();
        // Each shell asks, "trains" (loss = x), and tells, five times.
        String loop = "for i in 1 2 3 4 5; do\n"
                + "  line=$(" + hyperopt + " ask --store " + store + " --study two) || exit 1\n"
                + "  echo \"$line\" >> \"$1\"\n"
                + "  n=$(printf '%s' \"$line\" | sed -E 's/^\\{\"trial\":([0-9]+).*/\\1/')\n"
                + "  x=$(printf '%s' \"$line\" | sed -E 's/.*\"labels\":\\{\"x\":([-0-9.eE]+).*/\\1/')\n"
                + "  " + hyperopt + " tell --store " + store + " --study two --trial \"$n\" --loss \"$x\" > /dev/null || exit 1\n"
                + "done\n";
        Path script = dir.resolve("shell.sh");
        Files.writeString(script, loop);
        List<Process> shells = new ArrayList<>();
        for (int s = 0; s < 2; s++) {
            shells.add(new ProcessBuilder("bash", script.toString(), dir.resolve("asked" + s + ".txt").toString())
                    .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("shell" + s + ".log").toFile()).start());
        }
        for (int s = 0; s < 2; s++) {
            assertThat(shells.get(s).waitFor()).as(Files.readString(dir.resolve("shell" + s + ".log"))).isZero();
        }
        Set<Long> asked = new HashSet<>();
        for (int s = 0; s < 2; s++) {
            for (String line : Files.readAllLines(dir.resolve("asked" + s + ".txt"))) assertThat(asked.add(json(line).get("trial").asLong())).isTrue();
        }
        assertThat(asked).hasSize(10);
        JsonNode doc = json(Cli.run("trials", "--store", store, "--study", "two", "--json").out());
        assertThat(doc.get("trials")).hasSize(10);
        int queuedSeen = 0;
        for (JsonNode t : doc.get("trials")) {
            assertThat(t.get("status").asText()).isEqualTo("ok");
            assertThat(t.get("loss").asDouble()).isEqualTo(t.get("labels").get("x").asDouble());
            if (t.get("labels").equals(json("{\"x\": 0.5, \"y\": 0.5}"))) queuedSeen++;
        }
        assertThat(queuedSeen).as("the queued configuration is evaluated exactly once").isEqualTo(1);
    }

    @Test
    void concurrentAsksOnPostgresHandOutEachTrialOnce() throws Exception {
        String store = TestStores.postgres();
        assertThat(Cli.run("ask", "--store", store, "--study", "p", "--space", space().toString(), "--seed", "3").exit()).isZero();
        int threads = 4;
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Long> numbers = new CopyOnWriteArrayList<>();
        List<String> failures = new CopyOnWriteArrayList<>();
        List<Thread> all = new ArrayList<>();
        for (int k = 0; k < threads; k++) {
            Thread t = new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < 5; i++) {
                        Cli a = Cli.run("ask", "--store", store, "--study", "p");
                        if (a.exit() != 0) {
                            failures.add(a.err());
                            return;
                        }
                        long n = json(a.out().strip()).get("trial").asLong();
                        numbers.add(n);
                        Cli t2 = Cli.run("tell", "--store", store, "--study", "p", "--trial", Long.toString(n), "--loss", "1");
                        if (t2.exit() != 0) failures.add(t2.err());
                    }
                } catch (Exception e) {
                    failures.add(e.toString());
                }
            });
            all.add(t);
            t.start();
        }
        for (Thread t : all) t.join();
        assertThat(failures).isEmpty();
        assertThat(new HashSet<>(numbers)).hasSize(20).doesNotContain(0L);
    }
}
