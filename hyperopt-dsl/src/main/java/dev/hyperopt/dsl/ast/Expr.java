package dev.hyperopt.dsl.ast;

import dev.hyperopt.dsl.ir.BinaryOp;
import dev.hyperopt.dsl.source.SourceSpan;

import java.util.List;

/** An expression of the language, with where it was written. */
public sealed interface Expr {

    SourceSpan span();

    <R> R accept(Visitor<R> v);

    interface Visitor<R> {
        R visitNumber(NumberLit e);
        R visitString(StringLit e);
        R visitBool(BoolLit e);
        R visitNull(NullLit e);
        R visitNamedChoice(NamedChoice e);
        R visitCall(CallExpr e);
        R visitReference(Reference e);
        R visitDict(DictExpr e);
        R visitList(ListExpr e);
        R visitNegate(Negate e);
        R visitBinary(BinaryExpr e);
        R visitCast(Cast e);
    }

    /** A number; {@code value} is a Long for integer literals and a Double otherwise (null if out of range). */
    record NumberLit(SourceSpan span, String text, Object value) implements Expr {
        public <R> R accept(Visitor<R> v) { return v.visitNumber(this); }
    }

    record StringLit(SourceSpan span, String value) implements Expr {
        public <R> R accept(Visitor<R> v) { return v.visitString(this); }
    }

    record BoolLit(SourceSpan span, boolean value) implements Expr {
        public <R> R accept(Visitor<R> v) { return v.visitBool(this); }
    }

    record NullLit(SourceSpan span) implements Expr {
        public <R> R accept(Visitor<R> v) { return v.visitNull(this); }
    }

    /** {@code key: value} in a dict, or {@code name: value} in a named choice. */
    record Entry(String key, SourceSpan keySpan, Expr value) {}

    /**
     * {@code choice { name: value, ..., label="x" }}: the branches, and the keyword arguments
     * of the choice itself, each with its span (its place among the branches).
     */
    record NamedChoice(SourceSpan span, List<Entry> branches, List<Arg> keywords) implements Expr {
        public NamedChoice {
            branches = List.copyOf(branches);
            keywords = List.copyOf(keywords);
        }
        public <R> R accept(Visitor<R> v) { return v.visitNamedChoice(this); }
    }

    /** One argument: {@code value}, {@code weight: value} or {@code keyword=value}. */
    record Arg(SourceSpan span, String keyword, SourceSpan keywordSpan, Expr weight, Expr value) {}

    /** {@code callee(args)}: a distribution, choice, pchoice or function. */
    record CallExpr(SourceSpan span, String callee, SourceSpan calleeSpan, List<Arg> args) implements Expr {
        public CallExpr { args = List.copyOf(args); }
        public <R> R accept(Visitor<R> v) { return v.visitCall(this); }
    }

    /** A name, possibly qualified by an import alias: {@code lr}, {@code m.space}. */
    record Reference(SourceSpan span, List<String> parts) implements Expr {
        public Reference { parts = List.copyOf(parts); }
        public String text() { return String.join(".", parts); }
        public <R> R accept(Visitor<R> v) { return v.visitReference(this); }
    }

    record DictExpr(SourceSpan span, List<Entry> entries) implements Expr {
        public DictExpr { entries = List.copyOf(entries); }
        public <R> R accept(Visitor<R> v) { return v.visitDict(this); }
    }

    record ListExpr(SourceSpan span, List<Expr> items) implements Expr {
        public ListExpr { items = List.copyOf(items); }
        public <R> R accept(Visitor<R> v) { return v.visitList(this); }
    }

    record Negate(SourceSpan span, Expr operand) implements Expr {
        public <R> R accept(Visitor<R> v) { return v.visitNegate(this); }
    }

    record BinaryExpr(SourceSpan span, BinaryOp op, SourceSpan opSpan, Expr left, Expr right) implements Expr {
        public <R> R accept(Visitor<R> v) { return v.visitBinary(this); }
    }

    /** {@code value as int}. */
    record Cast(SourceSpan span, Expr value, String typeName, SourceSpan typeSpan) implements Expr {
        public <R> R accept(Visitor<R> v) { return v.visitCast(this); }
    }
}
