package dev.hyperopt.cli;

import dev.hyperopt.dsl.diag.DiagnosticCode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compiles every {@code hspace} block of the documentation, so that the pages cannot drift
 * from the compiler: {@code hspace} blocks must check clean, {@code hspace-error} blocks
 * must fail, with the code of their {@code ## HSxxx} section where they are in one. Blocks
 * are compiled as files in a copy of {@code docs/} next to a copy of {@code examples/}, which
 * is an import root. HS027's trigger, bytes that are not UTF-8, cannot be shown on a UTF-8
 * page: its golden file in the compiler's tests stands for it.
 */
class DocSnippetsTest {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Pattern BLOCK = Pattern.compile("^## (HS\\d{3})\\b|^```(hspace(?:-error)?)(?: +(\\S+))?\\n(.*?)^```",
            Pattern.MULTILINE | Pattern.DOTALL);

    record Snippet(String page, int line, boolean mustFail, String code, String fileName, String text) {}

    @TempDir
    Path dir;

    static List<Snippet> snippets(Path page) throws IOException {
        String md = Files.readString(page);
        List<Snippet> out = new ArrayList<>();
        String section = null;
        Matcher m = BLOCK.matcher(md);
        while (m.find()) {
            if (m.group(1) != null) {
                section = m.group(1);
                continue;
            }
            int line = (int) md.substring(0, m.start()).lines().count() + 1;
            boolean mustFail = m.group(2).equals("hspace-error");
            out.add(new Snippet(ROOT.relativize(page).toString(), line, mustFail, mustFail ? section : null, m.group(3), m.group(4)));
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> everyBlockCompilesAsMarked() throws IOException {
        List<Path> pages = new ArrayList<>();
        try (Stream<Path> s = Files.list(ROOT.resolve("docs"))) {
            s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        pages.add(ROOT.resolve("README.md"));
        copy(ROOT.resolve("examples"), dir.resolve("examples"));
        Files.createDirectories(dir.resolve("docs"));
        List<DynamicTest> tests = new ArrayList<>();
        int n = 0;
        for (Path page : pages) {
            for (Snippet s : snippets(page)) {
                Path file = dir.resolve("docs").resolve(s.fileName() != null ? s.fileName() : "snippet" + (n++) + ".hspace");
                tests.add(DynamicTest.dynamicTest(s.page() + ":" + s.line(), () -> {
                    Files.writeString(file, s.text());
                    Cli r = Cli.run("check", "--import-root", dir.resolve("examples").toString(), file.toString());
                    if (!s.mustFail()) {
                        assertThat(r.err()).as("%s:%d should compile", s.page(), s.line()).isEmpty();
                        assertThat(r.exit()).isZero();
                    } else {
                        assertThat(r.exit()).as("%s:%d should fail to compile", s.page(), s.line()).isEqualTo(1);
                        if (s.code() != null) assertThat(r.err()).contains("[" + s.code() + "]");
                    }
                }));
            }
        }
        assertThat(tests).hasSizeGreaterThan(30);
        return tests.stream();
    }

    @org.junit.jupiter.api.Test
    void everyDiagnosticCodeHasASectionWithAFailingExample() throws IOException {
        Path page = ROOT.resolve("docs/diagnostics.md");
        String md = Files.readString(page);
        List<Snippet> examples = snippets(page);
        for (DiagnosticCode code : DiagnosticCode.values()) {
            assertThat(md).contains("<a id=\"" + code.id().toLowerCase(java.util.Locale.ROOT) + "\"></a>\n## " + code.id() + ": ");
            if (code == DiagnosticCode.NOT_UTF8) continue;
            assertThat(examples).as(code.id()).anyMatch(s -> s.mustFail() && code.id().equals(s.code()));
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> s = Files.list(from)) {
            for (Path p : s.toList()) {
                if (Files.isRegularFile(p)) Files.copy(p, to.resolve(p.getFileName()));
            }
        }
    }
}
