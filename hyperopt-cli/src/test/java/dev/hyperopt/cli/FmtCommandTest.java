package dev.hyperopt.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FmtCommandTest {
    @TempDir
    Path dir;

    Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    @Test
    void printsCanonicalTextThatMeansTheSameSpace() throws IOException {
        Path original = write("example.hspace", SampleCommandTest.EXAMPLE);
        Cli r = Cli.run("fmt", original.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("space = {").doesNotContain("#").endsWith("\n");

        Path formatted = write("formatted.hspace", r.out());
        assertThat(Cli.run("check", formatted.toString()).exit()).isZero();
        assertThat(Cli.run("fmt", formatted.toString()).out()).as("formatting is idempotent").isEqualTo(r.out());
        for (List<String> extra : List.of(List.<String>of(), List.of("--labels"))) {
            Cli a = Cli.run(sample(formatted, extra));
            Cli b = Cli.run(sample(original, extra));
            assertThat(a.exit()).isZero();
            assertThat(a.outLines()).hasSize(7);
            assertThat(a.out()).as("same labels, priors and conditions").isEqualTo(b.out());
        }
    }

    static String[] sample(Path file, List<String> extra) {
        List<String> args = new ArrayList<>(List.of("sample", file.toString(), "--n", "7", "--seed", "5"));
        args.addAll(extra);
        return args.toArray(String[]::new);
    }

    @Test
    void checkExitsOneOnlyForTextNotInCanonicalForm() throws IOException {
        Path messy = write("messy.hspace", "space={x:uniform(0,1),   y : choice(1,2)}\n");
        Cli notCanonical = Cli.run("fmt", "--check", messy.toString());
        assertThat(notCanonical.exit()).isEqualTo(1);
        assertThat(notCanonical.out()).isEmpty();
        assertThat(notCanonical.errLines()).hasSize(1);
        assertThat(notCanonical.err()).startsWith(messy + ": not in canonical form");

        Path canonical = write("canonical.hspace", Cli.run("fmt", messy.toString()).out());
        Cli ok = Cli.run("fmt", "--check", canonical.toString());
        assertThat(ok.exit()).isZero();
        assertThat(ok.out() + ok.err()).isEmpty();
    }

    @Test
    void writeRewritesTheFileInCanonicalForm() throws IOException {
        Path messy = write("messy.hspace", "space={x:uniform(0,1),   y : choice(1,2)}\n");
        String expected = Cli.run("fmt", messy.toString()).out();
        String before = Cli.run("sample", messy.toString(), "--n", "5", "--seed", "2").out();
        Cli r = Cli.run("fmt", "--write", messy.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out() + r.err()).isEmpty();
        assertThat(Files.readString(messy)).isEqualTo(expected);
        assertThat(Cli.run("fmt", "--check", messy.toString()).exit()).isZero();
        assertThat(Cli.run("sample", messy.toString(), "--n", "5", "--seed", "2").out()).isEqualTo(before);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("messy.hspace");
        }
    }

    @Test
    void writeRefusesToDropComments() throws IOException {
        String text = "# learning rate only\nspace={lr:loguniform(1e-4,1e-1)}\n";
        Path f = write("commented.hspace", text);
        Cli r = Cli.run("fmt", "--write", f.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).contains("comments");
        assertThat(Files.readString(f)).isEqualTo(text);
    }

    @Test
    void checkAndWriteTogetherIsAUsageError() throws IOException {
        Path f = write("a.hspace", "space = { x: uniform(0, 1) }\n");
        Cli r = Cli.run("fmt", "--check", "--write", f.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.errLines().get(1)).isEqualTo("Try 'hyperopt fmt --help' for more information.");
    }

    @Test
    void missingOrInvalidFileIsExitOne() throws IOException {
        Cli missing = Cli.run("fmt", dir.resolve("none.hspace").toString());
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.errLines()).containsExactly("hyperopt: no such file: " + dir.resolve("none.hspace"));
        Path bad = write("bad.hspace", "space = { x: uniform(1, 0) }\n");
        Cli invalid = Cli.run("fmt", "--write", bad.toString());
        assertThat(invalid.exit()).isEqualTo(1);
        assertThat(invalid.err()).startsWith(bad + ":1:");
        assertThat(Files.readString(bad)).isEqualTo("space = { x: uniform(1, 0) }\n");
    }
}
