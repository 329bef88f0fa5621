package dev.hyperopt.dsl.ir;

/** A constant: a {@link Long}, a {@link Double}, a {@link String}, a {@link Boolean} or null. */
public record Literal(Object value) implements Node {

    public Literal {
        if (value != null && !(value instanceof Long || value instanceof Double
                || value instanceof String || value instanceof Boolean)) {
            throw new IllegalArgumentException("not a literal value: " + value.getClass().getName());
        }
    }

    public static Literal of(long v) { return new Literal(v); }
    public static Literal of(double v) { return new Literal(v); }
    public static Literal of(String v) { return new Literal(v); }
    public static Literal of(boolean v) { return new Literal(v); }
    public static Literal ofNull() { return new Literal(null); }

    @Override
    public Type type() {
        if (value == null) return Type.NULL;
        if (value instanceof Long) return Type.INT;
        if (value instanceof Double) return Type.FLOAT;
        if (value instanceof String) return Type.STRING;
        return Type.BOOL;
    }

    @Override
    public <R> R accept(NodeVisitor<R> visitor) { return visitor.visitLiteral(this); }
}
