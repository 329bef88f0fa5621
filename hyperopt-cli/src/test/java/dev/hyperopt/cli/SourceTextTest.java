package dev.hyperopt.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SourceTextTest {
    @Test
    void findsCommentsOfEveryKind() {
        assertThat(SourceText.lostByFormatting("space = 1 # one\n")).isEqualTo("comments");
        assertThat(SourceText.lostByFormatting("// head\nspace = 1\n")).isEqualTo("comments");
        assertThat(SourceText.lostByFormatting("space = /* x */ 1\n")).isEqualTo("comments");
    }

    @Test
    void commentMarksInsideStringsAreText() {
        assertThat(SourceText.lostByFormatting("space = { a: \"#1\", b: '//', c: \"/*\", d: \"\\\"#\" }\n")).isNull();
    }

    @Test
    void findsImportsButNotAKeyNamedImport() {
        assertThat(SourceText.lostByFormatting("import \"a.hspace\" as a\nspace = a.space\n")).isEqualTo("imports");
        assertThat(SourceText.lostByFormatting("  import weka.classifiers as w\nspace = w.space\n")).isEqualTo("imports");
        assertThat(SourceText.lostByFormatting("space = {\n  import: 1,\n  import : 2,\n}\n")).isNull();
        assertThat(SourceText.lostByFormatting("import \"a.hspace\" as a # lib\nspace = a.space\n"))
                .isEqualTo("comments and imports");
    }
}
