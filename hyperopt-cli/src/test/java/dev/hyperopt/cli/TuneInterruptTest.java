package dev.hyperopt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Stopping {@code hyperopt tune} with a signal, in a separate JVM, as a user would with Ctrl-C. */
@Timeout(120)
class TuneInterruptTest {

    @TempDir
    Path dir;

    @Test
    void aSignalStopsTheRunAndKeepsTheFinishedTrials() throws Exception {
        TuneCommandTest.needsPython();
        Path space = dir.resolve("s.hspace");
        Files.writeString(space, "space = {x: uniform(0, 1)}\n");
        Path json = dir.resolve("r.json");
        // Trials 0-2 answer at once; trial 3 says so on standard error, which the command passes on, and hangs.
        String objective = "python3 -c \"import json,sys,time\nfor l in sys.stdin:\n"
                + " t=json.loads(l)['trial']\n if t>=3:\n  sys.stderr.write('hanging in trial %d\\n' % t); sys.stderr.flush(); time.sleep(600)\n"
                + " print(json.dumps({'loss': t})); sys.stdout.flush()\"";
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "tune", space.toString(),
                "--objective-cmd", objective, "--algo", "rand", "--max-evals", "50", "--seed", "1",
                "--store", "memory:", "--json", json.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        StringBuilder output = new StringBuilder();
        try (BufferedReader r = p.inputReader()) {
            String line;
            while ((line = r.readLine()) != null && !line.contains("hanging in trial 3")) output.append(line).append('\n');
            assertThat(line).as("trial 3 starts; the output so far:%n%s", output).isNotNull();
            // SIGTERM runs the shutdown hook, as SIGINT from Ctrl-C does; unlike Process.destroy this keeps the output open.
            p.toHandle().destroy();
            while ((line = r.readLine()) != null) output.append(line).append('\n');
        }
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String out = output.toString();
        assertThat(out).contains("trials:  4 (ok 3, fail 1)").contains("stopped: interrupted");
        assertThat(out).as("no progress bar when the output is not a terminal").doesNotContain("%").doesNotContain("\r");
        JsonNode trials = new ObjectMapper().readTree(json.toFile()).get("trials");
        assertThat(trials).hasSize(4);
        for (int i = 0; i < 3; i++) assertThat(trials.get(i).get("status").asText()).isEqualTo("ok");
        assertThat(trials.get(3).get("status").asText()).isEqualTo("fail");
        assertThat(trials.get(3).get("error").asText()).isEqualTo("cancelled: the run was interrupted");
    }
}
