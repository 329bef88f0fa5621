package dev.hyperopt.dsl.parse;

import dev.hyperopt.dsl.ast.AstFile;
import dev.hyperopt.dsl.ast.Expr;
import dev.hyperopt.dsl.ast.Statement;
import dev.hyperopt.dsl.ir.BinaryOp;
import dev.hyperopt.dsl.parse.antlr.HSpaceBaseVisitor;
import dev.hyperopt.dsl.parse.antlr.HSpaceParser;
import dev.hyperopt.dsl.source.Source;
import dev.hyperopt.dsl.source.SourceSpan;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

import java.util.ArrayList;
import java.util.List;

/** Converts ANTLR's parse tree into the immutable AST, giving every node its span. */
final class AstBuilder extends HSpaceBaseVisitor<Object> {
    private final Source source;

    AstBuilder(Source source) {
        this.source = source;
    }

    AstFile file(HSpaceParser.FileContext ctx) {
        List<Statement> statements = new ArrayList<>();
        for (HSpaceParser.StatementContext s : ctx.statement()) {
            Statement st = statement(s);
            if (st != null) statements.add(st);
        }
        return new AstFile(source, statements);
    }

    private Statement statement(HSpaceParser.StatementContext s) {
        if (s.importStmt() != null) {
            HSpaceParser.ImportStmtContext i = s.importStmt();
            if (i.alias == null || (i.path == null && i.module == null)) return null;
            String path = i.path == null ? null : unquote(i.path.getText());
            String module = i.module == null ? null : i.module.getText();
            SourceSpan target = i.path != null ? span(i.path) : span(i.module);
            return new Statement.Import(span(i), path, module, target, i.alias.getText(), span(i.alias));
        }
        if (s.letStmt() != null) {
            HSpaceParser.LetStmtContext l = s.letStmt();
            if (l.letName == null || l.expr() == null) return null;
            return new Statement.Let(span(l), l.letName.getText(), span(l.letName), expr(l.expr()));
        }
        HSpaceParser.SpaceStmtContext sp = s.spaceStmt();
        if (sp == null || sp.expr() == null) return null;
        return new Statement.SpaceDecl(span(sp), expr(sp.expr()));
    }

    Expr expr(HSpaceParser.ExprContext ctx) {
        return (Expr) visit(ctx);
    }

    @Override
    public Object visitPrimaryExpr(HSpaceParser.PrimaryExprContext ctx) {
        return visit(ctx.primary());
    }

    @Override
    public Object visitPowerExpr(HSpaceParser.PowerExprContext ctx) {
        return binary(ctx, ctx.op, ctx.left, ctx.right);
    }

    @Override
    public Object visitMulExpr(HSpaceParser.MulExprContext ctx) {
        return binary(ctx, ctx.op, ctx.left, ctx.right);
    }

    @Override
    public Object visitAddExpr(HSpaceParser.AddExprContext ctx) {
        return binary(ctx, ctx.op, ctx.left, ctx.right);
    }

    private Expr binary(ParserRuleContext ctx, Token op, HSpaceParser.ExprContext l, HSpaceParser.ExprContext r) {
        return new Expr.BinaryExpr(span(ctx), BinaryOp.bySymbol(op.getText()), span(op), expr(l), expr(r));
    }

    @Override
    public Object visitNegateExpr(HSpaceParser.NegateExprContext ctx) {
        return new Expr.Negate(span(ctx), expr(ctx.operand));
    }

    @Override
    public Object visitCastExpr(HSpaceParser.CastExprContext ctx) {
        return new Expr.Cast(span(ctx), expr(ctx.operand), ctx.typeName.getText(), span(ctx.typeName));
    }

    @Override
    public Object visitNumberLit(HSpaceParser.NumberLitContext ctx) {
        String text = ctx.getText();
        return new Expr.NumberLit(span(ctx), text, parseNumber(text));
    }

    /** A Long for integer literals, a Double otherwise; null when out of range. */
    static Object parseNumber(String text) {
        String digits = text.replace("_", "");
        if (digits.indexOf('.') < 0 && digits.indexOf('e') < 0 && digits.indexOf('E') < 0) {
            try {
                return Long.parseLong(digits);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        double d = Double.parseDouble(digits);
        return Double.isFinite(d) ? d : null;
    }

    @Override
    public Object visitStringLit(HSpaceParser.StringLitContext ctx) {
        return new Expr.StringLit(span(ctx), unquote(ctx.getText()));
    }

    @Override
    public Object visitTrueLit(HSpaceParser.TrueLitContext ctx) {
        return new Expr.BoolLit(span(ctx), true);
    }

    @Override
    public Object visitFalseLit(HSpaceParser.FalseLitContext ctx) {
        return new Expr.BoolLit(span(ctx), false);
    }

    @Override
    public Object visitNullLit(HSpaceParser.NullLitContext ctx) {
        return new Expr.NullLit(span(ctx));
    }

    @Override
    public Object visitNamedChoice(HSpaceParser.NamedChoiceContext ctx) {
        List<Expr.Entry> branches = new ArrayList<>();
        List<Expr.Arg> keywords = new ArrayList<>();
        for (HSpaceParser.ChoiceItemContext item : ctx.choiceItem()) {
            if (item.branch() != null) branches.add(entry(item.branch().key(), item.branch().expr()));
            else keywords.add(new Expr.Arg(span(item), item.keyword.getText(), span(item.keyword), null, expr(item.value)));
        }
        return new Expr.NamedChoice(span(ctx), branches, keywords);
    }

    @Override
    public Object visitCall(HSpaceParser.CallContext ctx) {
        List<Expr.Arg> args = new ArrayList<>();
        for (HSpaceParser.ArgumentContext a : ctx.argument()) args.add(argument(a));
        return new Expr.CallExpr(span(ctx), ctx.callee.getText(), span(ctx.callee), args);
    }

    private Expr.Arg argument(HSpaceParser.ArgumentContext a) {
        if (a instanceof HSpaceParser.KeywordArgContext k) {
            return new Expr.Arg(span(k), k.keyword.getText(), span(k.keyword), null, expr(k.value));
        }
        if (a instanceof HSpaceParser.WeightedArgContext w) {
            return new Expr.Arg(span(w), null, null, expr(w.weight), expr(w.value));
        }
        HSpaceParser.PlainArgContext p = (HSpaceParser.PlainArgContext) a;
        return new Expr.Arg(span(p), null, null, null, expr(p.value));
    }

    @Override
    public Object visitReference(HSpaceParser.ReferenceContext ctx) {
        List<String> parts = new ArrayList<>();
        for (HSpaceParser.NameContext n : ctx.target.name()) parts.add(n.getText());
        return new Expr.Reference(span(ctx), parts);
    }

    @Override
    public Object visitDict(HSpaceParser.DictContext ctx) {
        List<Expr.Entry> entries = new ArrayList<>();
        for (HSpaceParser.EntryContext e : ctx.entry()) entries.add(entry(e.key(), e.expr()));
        return new Expr.DictExpr(span(ctx), entries);
    }

    private Expr.Entry entry(HSpaceParser.KeyContext key, HSpaceParser.ExprContext value) {
        String k = key.STRING() != null ? unquote(key.getText()) : key.getText();
        return new Expr.Entry(k, span(key), expr(value));
    }

    @Override
    public Object visitList(HSpaceParser.ListContext ctx) {
        List<Expr> items = new ArrayList<>();
        for (HSpaceParser.ExprContext e : ctx.expr()) items.add(expr(e));
        return new Expr.ListExpr(span(ctx), items);
    }

    @Override
    public Object visitParens(HSpaceParser.ParensContext ctx) {
        return visit(ctx.expr());
    }

    /** The value of a quoted string literal, escapes resolved. */
    static String unquote(String quoted) {
        StringBuilder sb = new StringBuilder(quoted.length());
        for (int i = 1; i < quoted.length() - 1; i++) {
            char c = quoted.charAt(i);
            if (c == '\\' && i + 1 < quoted.length() - 1) {
                char n = quoted.charAt(++i);
                sb.append(switch (n) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    case '0' -> '\0';
                    default -> n;
                });
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private SourceSpan span(ParserRuleContext ctx) {
        Token start = ctx.getStart();
        Token stop = ctx.getStop() == null || ctx.getStop().getTokenIndex() < start.getTokenIndex() ? start : ctx.getStop();
        return new SourceSpan(source, start.getLine(), start.getCharPositionInLine() + 1,
                stop.getLine(), stop.getCharPositionInLine() + Math.max(1, stop.getText().length()));
    }

    private SourceSpan span(Token t) {
        int len = t.getType() == Token.EOF ? 1 : Math.max(1, t.getText().length());
        return new SourceSpan(source, t.getLine(), t.getCharPositionInLine() + 1, t.getLine(), t.getCharPositionInLine() + len);
    }

    @SuppressWarnings("unused")
    private SourceSpan span(TerminalNode n) {
        return span(n.getSymbol());
    }
}
