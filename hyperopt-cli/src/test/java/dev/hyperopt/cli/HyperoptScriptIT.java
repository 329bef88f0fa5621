package dev.hyperopt.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs {@code bin/hyperopt} itself, as a user would, on the build that {@code mvn verify}
 * has just packaged. {@code HYPEROPT_NO_BUILD=1} makes the script fail rather than start a
 * nested Maven build, so a launcher that wrongly thinks it must rebuild fails this test.
 */
class HyperoptScriptIT {
    static Path root;
    static Path script;

    @TempDir
    static Path work;

    @BeforeAll
    static void locate() {
        root = Path.of(System.getProperty("hyperopt.root", "..")).toAbsolutePath().normalize();
        script = root.resolve("bin/hyperopt");
        assertThat(script).isExecutable();
    }

    record Run(int exit, String out, String err) {}

    /** Runs a command in {@code cwd} with the launcher's environment, collecting its output. */
    static Run exec(Path cwd, List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile(work, "out", ".txt");
        Path err = Files.createTempFile(work, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("HYPEROPT_NO_BUILD", "1");
        pb.environment().remove("JAVA_OPTS");
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    static Run hyperopt(Path cwd, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(script.toString()));
        command.addAll(List.of(args));
        return exec(cwd, command);
    }

    @Test
    void quickstartChecksAndSamplesFromTheRoot() throws Exception {
        Run check = hyperopt(root, "check", "examples/quickstart.hspace");
        assertThat(check.err()).isEmpty();
        assertThat(check.out()).isEmpty();
        assertThat(check.exit()).isZero();

        Run sample = hyperopt(root, "sample", "examples/quickstart.hspace", "--n", "5", "--seed", "1");
        assertThat(sample.err()).isEmpty();
        assertThat(sample.exit()).isZero();
        assertThat(sample.out().lines()).hasSize(5).allSatisfy(l -> assertThat(l).startsWith("{\"learning_rate\":"));
        // The script runs exactly what the application does in-process.
        assertThat(sample.out()).isEqualTo(Cli.run("sample", root.resolve("examples/quickstart.hspace").toString(),
                "--n", "5", "--seed", "1").out());
    }

    @Test
    void worksFromAnyDirectoryAndThroughASymlink() throws Exception {
        Path link = work.resolve("hyperopt-link");
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, script);
        String example = root.resolve("examples/quickstart.hspace").toString();
        Run viaLink = exec(work, List.of(link.toString(), "sample", example, "--n", "2", "--seed", "9", "--labels"));
        Run direct = hyperopt(work, "sample", example, "--n", "2", "--seed", "9", "--labels");
        assertThat(viaLink.err()).isEmpty();
        assertThat(viaLink.exit()).isZero();
        assertThat(viaLink.out()).isEqualTo(direct.out());
        assertThat(viaLink.out().lines()).hasSize(2);
        Files.delete(link);
    }

    @Test
    void exitCodesAreForwardedWithoutStackTraces() throws Exception {
        Path bad = work.resolve("bad.hspace");
        Files.writeString(bad, "space = { x: uniform(2, 1) }\n");
        Run invalid = hyperopt(work, "check", "bad.hspace");
        assertThat(invalid.exit()).isEqualTo(1);
        assertThat(invalid.err()).startsWith("bad.hspace:1:");
        assertThat(invalid.err()).contains(": error: ");

        Run missing = hyperopt(work, "sample", "missing.hspace");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("hyperopt: no such file: missing.hspace\n");

        Run usage = hyperopt(work, "sample", "--frobnicate");
        assertThat(usage.exit()).isEqualTo(2);
        assertThat(usage.err().lines()).hasSize(2);

        for (Run r : List.of(invalid, missing, usage)) {
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Exception");
        }
    }

    @Test
    void stopsWhenTheReaderGoesAway() throws Exception {
        // Without stopping, a hundred million samples would run for many minutes.
        Run r = exec(root, List.of("bash", "-c",
                "\"$0\" sample examples/quickstart.hspace --n 100000000 --seed 1 | head -n 2", script.toString()));
        assertThat(r.exit()).isZero();
        assertThat(r.out().lines()).hasSize(2);
        assertThat(r.err()).isEmpty();
    }

    @Test
    void versionAndHelp() throws Exception {
        Run version = hyperopt(work, "--version");
        assertThat(version.exit()).isZero();
        assertThat(version.out()).startsWith("hyperopt 0.");
        assertThat(version.err()).isEmpty();
        Run help = hyperopt(work, "sample", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).startsWith("Usage: hyperopt sample ");
    }
}
