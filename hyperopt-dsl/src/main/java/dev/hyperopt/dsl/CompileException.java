package dev.hyperopt.dsl;

import dev.hyperopt.dsl.diag.Diagnostic;
import dev.hyperopt.dsl.diag.DiagnosticRenderer;

import java.util.List;

/** Thrown by {@link CompileResult#orThrow()}; its message is the rendered diagnostics. */
public final class CompileException extends RuntimeException {
    private final transient List<Diagnostic> diagnostics;

    public CompileException(List<Diagnostic> diagnostics) {
        super(DiagnosticRenderer.render(diagnostics).strip());
        this.diagnostics = List.copyOf(diagnostics);
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}
