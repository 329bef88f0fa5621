package dev.hyperopt.cli;

import dev.hyperopt.dsl.CompileResult;
import dev.hyperopt.dsl.diag.DiagnosticRenderer;
import dev.hyperopt.dsl.diag.Severity;
import dev.hyperopt.dsl.ir.SearchSpace;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reading and compiling the {@code .hspace} files that commands are given. */
final class SpaceFiles {
    private SpaceFiles() {}

    /** Compiles a file; on error prints its diagnostics to {@code err}. */
    static CompileResult compile(Path file, ImportRoots roots, PrintWriter err) {
        if (!Files.isRegularFile(file)) {
            throw new UserError(Files.isDirectory(file) ? "is a directory: " + file : "no such file: " + file);
        }
        CompileResult result;
        try {
            result = roots.compiler().compile(file);
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + UserError.describe(e));
        }
        if (!result.diagnostics().isEmpty()) {
            err.print(DiagnosticRenderer.render(result.diagnostics()));
            err.flush();
        }
        return result;
    }

    /** The space of a file, or a user error (exit 1) after printing the diagnostics. */
    static SearchSpace load(Path file, ImportRoots roots, PrintWriter err) {
        CompileResult result = compile(file, roots, err);
        if (!result.ok()) {
            long errors = result.diagnostics().stream().filter(d -> d.severity() == Severity.ERROR).count();
            throw new UserError(file + " has " + errors + (errors == 1 ? " error" : " errors") + ", listed above");
        }
        return result.space();
    }
}
