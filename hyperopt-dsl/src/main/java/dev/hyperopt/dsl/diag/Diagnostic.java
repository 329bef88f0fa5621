package dev.hyperopt.dsl.diag;

import dev.hyperopt.dsl.source.SourceSpan;

/** One problem in a {@code .hspace} file, at the token it concerns. */
public record Diagnostic(DiagnosticCode code, Severity severity, SourceSpan span, String message) {

    public static Diagnostic error(DiagnosticCode code, SourceSpan span, String message) {
        return new Diagnostic(code, Severity.ERROR, span, message);
    }

    public String file() { return span.source().name(); }
    public int line() { return span.line(); }
    public int column() { return span.column(); }

    /** {@code FILE:LINE:COL: error: MESSAGE [code]}, the first line a compiler prints. */
    public String headline() {
        return file() + ":" + line() + ":" + column() + ": " + severity.display() + ": " + message + " [" + code.id() + "]";
    }
}
