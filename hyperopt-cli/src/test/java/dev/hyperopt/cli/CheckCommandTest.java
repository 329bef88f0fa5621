package dev.hyperopt.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CheckCommandTest {
    @TempDir
    Path dir;

    Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    @Test
    void validFileIsSilentAndExitsZero() throws IOException {
        Path f = write("ok.hspace", SampleCommandTest.EXAMPLE);
        Cli r = Cli.run("check", f.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEmpty();
    }

    @Test
    void everyExampleOfTheProjectChecks() throws IOException {
        Path examples = Path.of("..", "examples");
        List<Path> files;
        try (var s = Files.list(examples)) {
            files = s.filter(p -> p.toString().endsWith(".hspace")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        for (Path f : files) {
            Cli r = Cli.run("check", f.toString());
            assertThat(r.err()).as(f.toString()).isEmpty();
            assertThat(r.exit()).as(f.toString()).isZero();
        }
    }

    @Test
    void invalidFileGivesCompilerStyleLinesAndExitsOne() throws IOException {
        Path f = write("bad.hspace", """
                space = {
                  lr: loguniform(0, 1),
                  a: uniform(1, 2),
                  a: normal(0, -1),
                }
                """);
        Cli r = Cli.run("check", f.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        List<String> headlines = r.errLines().stream().filter(l -> l.startsWith(f + ":")).toList();
        assertThat(headlines).hasSizeGreaterThanOrEqualTo(3);
        for (String h : headlines) assertThat(h).matches("\\Q" + f + "\\E:\\d+:\\d+: error: .+");
        assertThat(headlines).anySatisfy(h -> assertThat(h).startsWith(f + ":2:"));
        assertThat(headlines).anySatisfy(h -> assertThat(h).startsWith(f + ":4:"));
        assertThat(r.hasStackTrace()).isFalse();
    }

    @Test
    void syntaxErrorPointsAtTheToken() throws IOException {
        Path f = write("syntax.hspace", "space = {\n  a: uniform(0, 1)\n  b: 2,\n}\n");
        Cli r = Cli.run("check", f.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.errLines().get(0)).startsWith(f + ":3:3: error: ");
    }

    @Test
    void missingFileIsOneLineAndExitOneAndOtherFilesAreStillChecked() throws IOException {
        Path ok = write("ok.hspace", "space = { x: uniform(0, 1) }\n");
        Path bad = write("bad.hspace", "space = { x: uniform(0, 1), x: 2 }\n");
        Path missing = dir.resolve("missing.hspace");
        Cli r = Cli.run("check", missing.toString(), ok.toString(), bad.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.errLines().get(0)).isEqualTo("hyperopt: no such file: " + missing);
        assertThat(r.err()).contains(bad + ":1:");
        assertThat(r.err()).doesNotContain(ok.toString());

        Cli alone = Cli.run("check", missing.toString());
        assertThat(alone.exit()).isEqualTo(1);
        assertThat(alone.errLines()).containsExactly("hyperopt: no such file: " + missing);
    }

    @Test
    void directoryIsOneLineAndExitOne() {
        Cli r = Cli.run("check", dir.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.errLines()).containsExactly("hyperopt: is a directory: " + dir);
    }

    @Test
    void deeplyNestedInputIsAnErrorNotAStackTrace() throws IOException {
        Path f = write("deep.hspace", "space = " + "(".repeat(200_000) + "1" + ")".repeat(200_000) + "\n");
        Cli r = Cli.run("check", f.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isNotEmpty();
        assertThat(r.hasStackTrace()).isFalse();
    }

    @Test
    void noFileIsAUsageError() {
        Cli r = Cli.run("check");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.errLines()).hasSize(2);
        assertThat(r.errLines().get(1)).isEqualTo("Try 'hyperopt check --help' for more information.");
    }

    @Test
    void anImportOutsideTheFilesFolderIsRefusedUnlessAnImportRootAllowsIt() throws IOException {
        Path shared = Files.createDirectories(dir.resolve("shared"));
        Files.writeString(shared.resolve("opt.hspace"), "space = choice(\"sgd\", \"adam\")\n");
        Path project = Files.createDirectories(dir.resolve("project"));
        Path f = project.resolve("space.hspace");
        Files.writeString(f, "import \"../shared/opt.hspace\" as opt\nspace = { o: opt.space }\n");

        Cli refused = Cli.run("check", f.toString());
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.errLines().get(0)).startsWith(f + ":1:8: error: cannot import '../shared/opt.hspace': it is outside the folder of " + f)
                .endsWith("[HS026]");

        Cli allowed = Cli.run("check", "--import-root", shared.toString(), f.toString());
        assertThat(allowed.err()).isEmpty();
        assertThat(allowed.exit()).isZero();
    }

    @Test
    void aFileThatIsNotUtf8NamesItsFirstBadByte() throws IOException {
        Path f = dir.resolve("latin1.hspace");
        Files.write(f, "space = { a: uniform(0, 1) }  # d\u00e9j\u00e0\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        Cli r = Cli.run("check", f.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.errLines().get(0)).isEqualTo(f + ":1:34: error: this file is not UTF-8 text: byte 0xE9 at offset 33 "
                + "is not valid UTF-8 (save it as UTF-8) [HS027]");
        assertThat(r.err()).doesNotContain("Input length");
    }
}
