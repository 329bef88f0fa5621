package dev.hyperopt.dsl.ir;

/** An arithmetic operation on two numeric nodes. */
public record Binary(BinaryOp op, Node left, Node right) implements Node {

    @Override
    public Type type() {
        if (op == BinaryOp.DIV) return Type.FLOAT;
        return left.type() == Type.INT && right.type() == Type.INT ? Type.INT : Type.FLOAT;
    }

    @Override
    public <R> R accept(NodeVisitor<R> visitor) { return visitor.visitBinary(this); }
}
