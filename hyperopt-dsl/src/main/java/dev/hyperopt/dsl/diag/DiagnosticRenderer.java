package dev.hyperopt.dsl.diag;

import java.util.List;

/** Renders diagnostics as a compiler does: the headline, the source line, a caret. */
public final class DiagnosticRenderer {
    private DiagnosticRenderer() {}

    public static String render(Diagnostic d) {
        StringBuilder sb = new StringBuilder(d.headline()).append('\n');
        String line = d.span().source().line(d.line());
        if (!line.isEmpty()) {
            sb.append("  ").append(line).append('\n').append("  ");
            int col = Math.max(1, d.column());
            for (int i = 1; i < col && i - 1 < line.length(); i++) sb.append(line.charAt(i - 1) == '\t' ? '\t' : ' ');
            int width = d.span().endLine() == d.line() ? Math.max(1, d.span().endColumn() - d.column() + 1) : 1;
            sb.append("^".repeat(Math.min(width, Math.max(1, line.length() - col + 1)))).append('\n');
        }
        return sb.toString();
    }

    public static String render(List<Diagnostic> diagnostics) {
        StringBuilder sb = new StringBuilder();
        for (Diagnostic d : diagnostics) sb.append(render(d));
        return sb.toString();
    }
}
