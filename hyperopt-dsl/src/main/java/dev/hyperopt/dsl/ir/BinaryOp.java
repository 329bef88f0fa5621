package dev.hyperopt.dsl.ir;

/** Arithmetic operators, with Python's semantics for ints and floats. */
public enum BinaryOp {
    ADD("+", 1), SUB("-", 1), MUL("*", 2), DIV("/", 2), MOD("%", 2), POW("**", 4);

    private final String symbol;
    private final int precedence;

    BinaryOp(String symbol, int precedence) {
        this.symbol = symbol;
        this.precedence = precedence;
    }

    public String symbol() { return symbol; }

    /** Higher binds tighter; unary minus sits at 3, between {@code *} and {@code **}. */
    public int precedence() { return precedence; }

    public static BinaryOp bySymbol(String s) {
        for (BinaryOp op : values()) if (op.symbol.equals(s)) return op;
        return null;
    }
}
