package dev.hyperopt.dsl.check;

import dev.hyperopt.dsl.ast.AstFile;
import dev.hyperopt.dsl.ast.Expr;
import dev.hyperopt.dsl.diag.Diagnostic;
import dev.hyperopt.dsl.diag.DiagnosticCode;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/** HS012: a named choice with two branches of the same name. */
final class DuplicateBranches implements FileCheck {
    @Override
    public void check(AstFile file, Consumer<Diagnostic> report) {
        ExprWalker.walk(file, e -> {
            if (!(e instanceof Expr.NamedChoice c)) return;
            Map<String, Expr.Entry> seen = new HashMap<>();
            for (Expr.Entry b : c.branches()) {
                Expr.Entry first = seen.putIfAbsent(b.key(), b);
                if (first != null) {
                    report.accept(Diagnostic.error(DiagnosticCode.DUPLICATE_BRANCH, b.keySpan(),
                            "duplicate branch '" + b.key() + "' (first at line " + first.keySpan().line() + ")"));
                }
            }
        });
    }
}
