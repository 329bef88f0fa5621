package dev.hyperopt.docs;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

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
 * Every {@code java} block of docs/*.md must be a run of consecutive lines (compared without
 * their indentation) of a compiled source: {@link ApiExamplesTest} or the example family in
 * examples/family-example. Code in the documentation therefore compiles, and the tests run it.
 */
class DocJavaSnippetsTest {
    static final Path ROOT = ApiExamplesTest.ROOT;
    static final Pattern BLOCK = Pattern.compile("^```java\\n(.*?)^```", Pattern.MULTILINE | Pattern.DOTALL);

    private static List<String> trimmed(String text) {
        return text.lines().map(String::strip).toList();
    }

    private static List<List<String>> sources() throws IOException {
        List<List<String>> out = new ArrayList<>();
        out.add(trimmed(Files.readString(ROOT.resolve("hyperopt-cli/src/test/java/dev/hyperopt/docs/ApiExamplesTest.java"))));
        try (Stream<Path> s = Files.walk(ROOT.resolve("examples/family-example/src"))) {
            for (Path p : s.filter(Files::isRegularFile).toList()) out.add(trimmed(Files.readString(p)));
        }
        return out;
    }

    static boolean contains(List<String> source, List<String> block) {
        outer:
        for (int i = 0; i + block.size() <= source.size(); i++) {
            for (int j = 0; j < block.size(); j++) if (!source.get(i + j).equals(block.get(j))) continue outer;
            return true;
        }
        return false;
    }

    @TestFactory
    Stream<DynamicTest> everyJavaBlockIsCompiledCode() throws IOException {
        List<List<String>> sources = sources();
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> pages = Files.list(ROOT.resolve("docs"))) {
            for (Path page : pages.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                String md = Files.readString(page);
                Matcher m = BLOCK.matcher(md);
                while (m.find()) {
                    int line = (int) md.substring(0, m.start()).lines().count() + 1;
                    List<String> block = trimmed(m.group(1));
                    tests.add(DynamicTest.dynamicTest(ROOT.relativize(page) + ":" + line, () ->
                            assertThat(sources.stream().anyMatch(s -> contains(s, block)))
                                    .as("the block at %s:%d is not a run of lines of the compiled examples", page.getFileName(), line)
                                    .isTrue()));
                }
            }
        }
        assertThat(tests).as("java blocks in docs").hasSizeGreaterThan(5);
        return tests.stream();
    }

    @org.junit.jupiter.api.Test
    void aBlockMatchesOnlyConsecutiveUnchangedLines() {
        List<String> source = List.of("int a = 1;", "int b = 2;", "int c = 3;");
        assertThat(contains(source, List.of("int b = 2;", "int c = 3;"))).isTrue();
        assertThat(contains(source, List.of("int a = 1;", "int c = 3;"))).isFalse();
        assertThat(contains(source, List.of("int b = 2;", "int c = 4;"))).isFalse();
    }
}
