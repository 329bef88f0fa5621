package dev.hyperopt.dsl;

import dev.hyperopt.dsl.diag.Diagnostic;
import dev.hyperopt.dsl.diag.DiagnosticCode;
import dev.hyperopt.dsl.source.Source;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One broken file per diagnostic under {@code resources/diagnostics}, each with the exact
 * headlines ({@code FILE:LINE:COL: error: MESSAGE [CODE]}) it must produce in
 * {@code NAME.expected}.
 */
class DiagnosticGoldenTest {

    static Path dir() throws URISyntaxException {
        return Path.of(DiagnosticGoldenTest.class.getResource("/diagnostics").toURI());
    }

    static Stream<String> cases() throws Exception {
        try (Stream<Path> files = Files.list(dir())) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".hspace") && Files.exists(dirUnchecked().resolve(n.replace(".hspace", ".expected"))))
                    .sorted().toList().stream();
        }
    }

    private static Path dirUnchecked() {
        try {
            return dir();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void producesExactlyTheExpectedDiagnostics(String name) throws Exception {
        Path file = dir().resolve(name);
        CompileResult result = compile(file);
        String expected = Files.readString(dir().resolve(name.replace(".hspace", ".expected")));
        String actual = result.diagnostics().stream().map(d -> d.headline() + "\n").collect(Collectors.joining());
        assertThat(actual).isEqualTo(expected);
        assertThat(result.ok()).isFalse();
        assertThat(result.space()).isNull();
        if (name.startsWith("HS")) {
            String code = name.substring(0, 5);
            assertThat(result.diagnostics()).extracting(d -> d.code().id()).containsOnly(code);
        }
    }

    /** Names files as a user would see them: relative, with imports resolved next to them. */
    static CompileResult compile(Path file) throws IOException {
        return new HSpaceCompiler().compile(file.getFileName().toString(), file);
    }

    @Test
    void everyCodeHasAGoldenFile() throws Exception {
        Set<String> covered;
        try (Stream<String> names = cases()) {
            covered = names.filter(n -> n.startsWith("HS")).map(n -> n.substring(0, 5)).collect(Collectors.toSet());
        }
        Set<String> all = EnumSet.allOf(DiagnosticCode.class).stream().map(DiagnosticCode::id).collect(Collectors.toSet());
        assertThat(covered).containsExactlyInAnyOrderElementsOf(all);
    }

    @Test
    void codesAreUniqueAndStable() {
        List<String> ids = Arrays.stream(DiagnosticCode.values()).map(DiagnosticCode::id).toList();
        assertThat(ids).doesNotHaveDuplicates().allMatch(id -> id.matches("HS\\d{3}"));
        assertThat(DiagnosticCode.SYNTAX.id()).isEqualTo("HS001");
        assertThat(DiagnosticCode.NUMBER_RANGE.id()).isEqualTo("HS025");
    }

    @Test
    void rendersSourceLineAndCaret() throws Exception {
        CompileResult r = compile(dir().resolve("HS013-undefined-name.hspace"));
        Diagnostic d = r.diagnostics().get(0);
        assertThat(dev.hyperopt.dsl.diag.DiagnosticRenderer.render(d)).isEqualTo(
                "HS013-undefined-name.hspace:2:15: error: undefined name 'rte'; did you mean 'rate'? [HS013]\n"
                        + "  space = { lr: rte }\n"
                        + "                ^^^\n");
    }
}
