package dev.hyperopt.engine.space;

/** An expression of the space has no value for this assignment; the trial fails with this reason. */
public final class EvaluationException extends RuntimeException {
    public EvaluationException(String message) {
        super(message);
    }
}
