package dev.hyperopt.dsl.check;

import dev.hyperopt.dsl.ast.AstFile;
import dev.hyperopt.dsl.ast.Statement;
import dev.hyperopt.dsl.diag.Diagnostic;
import dev.hyperopt.dsl.diag.DiagnosticCode;
import dev.hyperopt.dsl.source.SourceSpan;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/** HS018: a name bound twice at the top of a file (two lets, a let and an import alias, two spaces). */
final class DuplicateDefinitions implements FileCheck {
    @Override
    public void check(AstFile file, Consumer<Diagnostic> report) {
        Map<String, SourceSpan> seen = new HashMap<>();
        for (Statement s : file.statements()) {
            String name;
            SourceSpan at;
            if (s instanceof Statement.Let l) {
                name = l.name();
                at = l.nameSpan();
            } else if (s instanceof Statement.Import i) {
                name = i.alias();
                at = i.aliasSpan();
            } else {
                name = "space";
                at = s.span();
            }
            SourceSpan first = seen.putIfAbsent(name, at);
            if (first != null) {
                report.accept(Diagnostic.error(DiagnosticCode.DUPLICATE_DEFINITION, at,
                        "'" + name + "' is already defined at line " + first.line()));
            }
        }
    }
}
