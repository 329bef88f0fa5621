package dev.hyperopt.engine.store;

/** A trial was finished a second time. A finished trial is final, in every store. */
public final class TrialFinishedException extends StoreException {
    public TrialFinishedException(String message) {
        super(message);
    }
}
