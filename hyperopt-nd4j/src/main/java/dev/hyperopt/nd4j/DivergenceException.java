package dev.hyperopt.nd4j;

/** Training produced a loss or parameters that are not finite: the trial fails with this message. */
public final class DivergenceException extends RuntimeException {
    public DivergenceException(String message) {
        super(message);
    }
}
