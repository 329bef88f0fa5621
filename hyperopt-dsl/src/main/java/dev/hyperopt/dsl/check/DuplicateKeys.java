package dev.hyperopt.dsl.check;

import dev.hyperopt.dsl.ast.AstFile;
import dev.hyperopt.dsl.ast.Expr;
import dev.hyperopt.dsl.diag.Diagnostic;
import dev.hyperopt.dsl.diag.DiagnosticCode;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/** HS011: a dict that names the same key twice. */
final class DuplicateKeys implements FileCheck {
    @Override
    public void check(AstFile file, Consumer<Diagnostic> report) {
        ExprWalker.walk(file, e -> {
            if (!(e instanceof Expr.DictExpr d)) return;
            Map<String, Expr.Entry> seen = new HashMap<>();
            for (Expr.Entry en : d.entries()) {
                Expr.Entry first = seen.putIfAbsent(en.key(), en);
                if (first != null) {
                    report.accept(Diagnostic.error(DiagnosticCode.DUPLICATE_KEY, en.keySpan(),
                            "duplicate key '" + en.key() + "' (first at line " + first.keySpan().line() + ")"));
                }
            }
        });
    }
}
