package dev.hyperopt.dsl;

import dev.hyperopt.dsl.diag.Diagnostic;
import dev.hyperopt.dsl.diag.DiagnosticCode;
import dev.hyperopt.dsl.diag.DiagnosticRenderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * File imports stay inside the compiled file's folder tree and the import roots, and no
 * diagnostic quotes a file that is not a {@code .hspace} file; text that is not UTF-8 is a
 * diagnostic at its first invalid byte.
 */
class ImportBoundaryTest {
    @TempDir
    Path dir;

    private Path project;
    private Path outside;

    private void layout() throws Exception {
        project = Files.createDirectories(dir.resolve("project"));
        Files.createDirectories(project.resolve("lib"));
        outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(project.resolve("lib/opt.hspace"), "space = choice(\"sgd\", \"adam\")\n");
        Files.writeString(outside.resolve("shared.hspace"), "space = uniform(0, 1)\n");
        Files.writeString(outside.resolve("secret.txt"), "root:x:0:0:root:/root:/bin/bash\n");
    }

    private CompileResult compile(String text, Path... roots) throws Exception {
        Path main = project.resolve("main.hspace");
        Files.writeString(main, text);
        return new HSpaceCompiler().withImportRoots(List.of(roots)).compile(main);
    }

    private static String rendered(CompileResult r) {
        return DiagnosticRenderer.render(r.diagnostics());
    }

    @Test
    void importsInsideTheFilesFolderTreeAreRead() throws Exception {
        layout();
        assertThat(compile("import \"lib/opt.hspace\" as o\nspace = { o: o.space }\n").ok()).isTrue();
    }

    @Test
    void anAbsolutePathOutsideIsRefusedAtTheImportWithoutQuotingTheFile() throws Exception {
        layout();
        Path secret = outside.resolve("secret.txt");
        CompileResult r = compile("import \"" + secret + "\" as p\nspace = p.space\n");
        assertThat(r.diagnostics()).extracting(Diagnostic::code).containsExactly(DiagnosticCode.IMPORT_REFUSED);
        assertThat(r.diagnostics().get(0).headline()).startsWith(project.resolve("main.hspace") + ":1:8: error: cannot import '");
        assertThat(rendered(r)).doesNotContain("root:x");

        CompileResult hspace = compile("import \"" + outside.resolve("shared.hspace") + "\" as p\nspace = p.space\n");
        assertThat(hspace.diagnostics()).extracting(Diagnostic::code).containsExactly(DiagnosticCode.IMPORT_REFUSED);
        assertThat(hspace.diagnostics().get(0).message()).contains("is outside the folder of " + project.resolve("main.hspace")).contains("--import-root");
    }

    @Test
    void dotDotCannotLeaveTheFolderTree() throws Exception {
        layout();
        CompileResult r = compile("import \"../outside/shared.hspace\" as s\nspace = s.space\n");
        assertThat(r.diagnostics()).extracting(Diagnostic::code).containsExactly(DiagnosticCode.IMPORT_REFUSED);
        // An imported file's own imports are held to the same folders.
        Files.writeString(project.resolve("lib/up.hspace"), "import \"../../outside/shared.hspace\" as s\nspace = s.space\n");
        CompileResult nested = compile("import \"lib/up.hspace\" as u\nspace = u.space\n");
        assertThat(nested.diagnostics()).extracting(d -> d.code() + " " + d.file())
                .containsExactly(DiagnosticCode.IMPORT_REFUSED + " " + project.resolve("lib/up.hspace"));
    }

    @Test
    void anImportRootWidensTheBoundary() throws Exception {
        layout();
        CompileResult r = compile("import \"../outside/shared.hspace\" as s\nspace = { x: s.space }\n", outside);
        assertThat(r.ok()).as(rendered(r)).isTrue();
    }

    @Test
    void onlySpaceFilesAreImportedEvenInsideTheFolder() throws Exception {
        layout();
        Files.writeString(project.resolve("notes.txt"), "private: do not show\n");
        CompileResult r = compile("import \"notes.txt\" as n\nspace = n.space\n");
        assertThat(r.diagnostics()).extracting(Diagnostic::code).containsExactly(DiagnosticCode.IMPORT_REFUSED);
        assertThat(rendered(r)).doesNotContain("private");
    }

    @Test
    void aSymbolicLinkCannotLeadOutside() throws Exception {
        layout();
        Path link = project.resolve("lib/linked.hspace");
        try {
            Files.createSymbolicLink(link, outside.resolve("shared.hspace"));
        } catch (UnsupportedOperationException | java.io.IOException e) {
            assumeTrue(false, "no symbolic links here");
        }
        CompileResult r = compile("import \"lib/linked.hspace\" as l\nspace = l.space\n");
        assertThat(r.diagnostics()).extracting(Diagnostic::code).containsExactly(DiagnosticCode.IMPORT_REFUSED);
    }

    @Test
    void textHeldInMemoryImportsFilesOnlyFromAnImportRoot() throws Exception {
        layout();
        CompileResult r = new HSpaceCompiler().compile("sent.hspace", "import \"" + outside.resolve("shared.hspace") + "\" as s\nspace = s.space\n");
        assertThat(r.diagnostics()).extracting(Diagnostic::code).containsExactly(DiagnosticCode.IMPORT_REFUSED);
        CompileResult widened = new HSpaceCompiler().withImportRoots(List.of(outside))
                .compile("sent.hspace", "import \"" + outside.resolve("shared.hspace") + "\" as s\nspace = { x: s.space }\n");
        assertThat(widened.ok()).as(rendered(widened)).isTrue();
    }

    @Test
    void aFileThatIsNotUtf8IsOneDiagnosticNamingTheByte() throws Exception {
        layout();
        Path latin1 = project.resolve("latin1.hspace");
        // "# café" in ISO-8859-1 on line 2: é is the single byte 0xE9, 27 bytes into the file.
        byte[] text = "space = uniform(0, 1)\n# caf\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Files.write(latin1, text);
        CompileResult r = new HSpaceCompiler().compile(latin1);
        assertThat(r.ok()).isFalse();
        assertThat(r.diagnostics()).hasSize(1);
        Diagnostic d = r.diagnostics().get(0);
        assertThat(d.code()).isEqualTo(DiagnosticCode.NOT_UTF8);
        assertThat(d.headline()).isEqualTo(latin1 + ":2:6: error: this file is not UTF-8 text: byte 0xE9 at offset 27 "
                + "is not valid UTF-8 (save it as UTF-8) [HS027]");

        // The same in an imported file: the diagnostic is in that file.
        Files.write(project.resolve("lib/bad.hspace"), text);
        CompileResult imported = compile("import \"lib/bad.hspace\" as b\nspace = b.space\n");
        assertThat(imported.diagnostics()).extracting(x -> x.code() + " " + x.file() + ":" + x.line())
                .containsExactly(DiagnosticCode.NOT_UTF8 + " " + project.resolve("lib/bad.hspace") + ":2");
    }

    @Test
    void aByteOrderMarkIsNotAnError() throws Exception {
        layout();
        Path bom = project.resolve("bom.hspace");
        Files.write(bom, ("\uFEFFspace = uniform(0, 1)\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(new HSpaceCompiler().compile(bom).ok()).isTrue();
    }
}
