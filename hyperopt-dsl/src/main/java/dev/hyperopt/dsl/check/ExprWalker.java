package dev.hyperopt.dsl.check;

import dev.hyperopt.dsl.ast.AstFile;
import dev.hyperopt.dsl.ast.Expr;
import dev.hyperopt.dsl.ast.Statement;

import java.util.function.Consumer;

/** Visits every expression of a file, outermost first. */
final class ExprWalker {
    private ExprWalker() {}

    static void walk(AstFile file, Consumer<Expr> visit) {
        for (Statement s : file.statements()) {
            if (s instanceof Statement.Let l) walk(l.value(), visit);
            else if (s instanceof Statement.SpaceDecl d) walk(d.value(), visit);
        }
    }

    static void walk(Expr e, Consumer<Expr> visit) {
        visit.accept(e);
        e.accept(new Expr.Visitor<Void>() {
            public Void visitNumber(Expr.NumberLit n) { return null; }
            public Void visitString(Expr.StringLit n) { return null; }
            public Void visitBool(Expr.BoolLit n) { return null; }
            public Void visitNull(Expr.NullLit n) { return null; }

            public Void visitNamedChoice(Expr.NamedChoice n) {
                n.branches().forEach(b -> walk(b.value(), visit));
                n.keywords().forEach(k -> walk(k.value(), visit));
                return null;
            }

            public Void visitCall(Expr.CallExpr n) {
                for (Expr.Arg a : n.args()) {
                    if (a.weight() != null) walk(a.weight(), visit);
                    walk(a.value(), visit);
                }
                return null;
            }

            public Void visitReference(Expr.Reference n) { return null; }

            public Void visitDict(Expr.DictExpr n) {
                n.entries().forEach(en -> walk(en.value(), visit));
                return null;
            }

            public Void visitList(Expr.ListExpr n) {
                n.items().forEach(i -> walk(i, visit));
                return null;
            }

            public Void visitNegate(Expr.Negate n) { walk(n.operand(), visit); return null; }

            public Void visitBinary(Expr.BinaryExpr n) {
                walk(n.left(), visit);
                walk(n.right(), visit);
                return null;
            }

            public Void visitCast(Expr.Cast n) { walk(n.value(), visit); return null; }
        });
    }
}
