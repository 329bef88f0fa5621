package dev.hyperopt.dsl.ir;

/** Unary minus. */
public record Unary(Node operand) implements Node {

    @Override
    public Type type() { return operand.type(); }

    @Override
    public <R> R accept(NodeVisitor<R> visitor) { return visitor.visitUnary(this); }
}
