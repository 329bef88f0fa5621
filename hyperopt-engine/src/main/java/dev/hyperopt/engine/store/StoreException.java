package dev.hyperopt.engine.store;

/** A store cannot do what was asked: unknown study, a rule of the trial life cycle broken, or an I/O error. */
public class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
