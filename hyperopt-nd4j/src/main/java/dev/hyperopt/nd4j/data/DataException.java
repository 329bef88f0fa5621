package dev.hyperopt.nd4j.data;

/** Input data that cannot be used: the message is one line a user can act on. */
public final class DataException extends RuntimeException {
    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
