package dev.hyperopt.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MainTest {
    static final List<String> COMMANDS = List.of("check", "sample", "fmt", "graph");

    @Test
    void versionNamesTheBuiltVersion() {
        Cli r = Cli.run("--version");
        assertThat(r.exit()).isZero();
        assertThat(r.outLines().get(0)).matches("hyperopt \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        for (String c : COMMANDS) assertThat(Cli.run(c, "--version").out()).isEqualTo(r.out());
    }

    @Test
    void helpEverywhere() {
        Cli top = Cli.run("--help");
        assertThat(top.exit()).isZero();
        assertThat(top.out()).startsWith("Usage: hyperopt ");
        for (String c : COMMANDS) {
            assertThat(top.out()).contains("  " + c + " ");
            Cli r = Cli.run(c, "--help");
            assertThat(r.exit()).as(c).isZero();
            assertThat(r.out()).as(c).startsWith("Usage: hyperopt " + c + " ");
            assertThat(r.err()).isEmpty();
            assertThat(Cli.run("help", c).out()).isEqualTo(r.out());
        }
    }

    @Test
    void usageErrorsExitTwoWithOneLineAndAHint() {
        for (String[] args : List.of(new String[] {}, new String[] {"--bogus"}, new String[] {"bogus"},
                new String[] {"check", "--bogus", "x.hspace"})) {
            Cli r = Cli.run(args);
            assertThat(r.exit()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.errLines()).as(String.join(" ", args)).hasSize(2);
            assertThat(r.errLines().get(0)).startsWith("hyperopt: ");
            assertThat(r.errLines().get(1)).matches("Try 'hyperopt( check)? --help' for more information\\.");
            assertThat(r.out()).isEmpty();
        }
    }
}
