package dev.hyperopt.example;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The family reaches the command line as a user adds it: its jar on {@code HYPEROPT_CLASSPATH}
 * and {@code bin/hyperopt example tune}, with no command-line code of its own.
 */
class ExampleCommandLineIT {
    @TempDir
    Path work;

    record Run(int exit, String out, String err) {}

    private Run hyperopt(String... args) throws Exception {
        Path root = Path.of(System.getProperty("hyperopt.root", "../..")).toAbsolutePath().normalize();
        List<String> command = new ArrayList<>(List.of(root.resolve("bin/hyperopt").toString()));
        command.addAll(List.of(args));
        Path out = work.resolve("out.txt");
        Path err = work.resolve("err.txt");
        ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("HYPEROPT_CLASSPATH", System.getProperty("example.jar"));
        pb.environment().put("HYPEROPT_NO_BUILD", "1");
        pb.environment().remove("JAVA_OPTS");
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void theFamilyIsTunedThroughTheCommand() throws Exception {
        Run help = hyperopt("example", "tune", "--help");
        assertThat(help.exit()).as(help.err()).isZero();
        assertThat(help.out()).contains("--n=N", "--noise=SD", "--space=SPACE", "--max-evals=N", "--workers", "--report=FILE", "--quiet");

        Path json = work.resolve("result.json");
        Path report = work.resolve("report.html");
        Run r = hyperopt("example", "tune", "--n", "300", "--max-evals", "15", "--seed", "3", "--store", "sqlite:example.db",
                "--json", json.toString(), "--report", report.toString(), "--quiet");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("data: two moons, 300 points");
        assertThat(r.out()).contains("study:   example-knn (algo tpe, seed 3)", "trials:  15 (ok 15, fail 0)")
                .containsPattern("test: {4}error 0\\.\\d{4} on a fresh draw of 300 points");
        JsonNode doc = new ObjectMapper().readTree(json.toFile());
        assertThat(doc.get("trials")).hasSize(15);
        assertThat(doc.get("test").get("loss").asDouble()).isBetween(0.0, 0.3);
        assertThat(Files.readString(report)).contains("example-knn");

        // the study is in the store: the same command resumes it
        Run again = hyperopt("example", "tune", "--n", "300", "--max-evals", "20", "--seed", "3", "--store", "sqlite:example.db", "--quiet");
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.out()).contains("trials:  20 (ok 20, fail 0)");

        Run bad = hyperopt("example", "tune", "--noise", "-1", "--store", "memory:");
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err().strip()).isEqualTo("hyperopt: invalid value for --noise: '-1' (needs a number >= 0)");
    }
}
