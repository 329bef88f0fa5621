package dev.hyperopt.dsl.ir;

/** An expression has no value (division by zero, log of a negative number, overflow). */
public final class ExpressionException extends RuntimeException {
    public ExpressionException(String message) {
        super(message);
    }
}
