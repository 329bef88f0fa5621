package dev.hyperopt.nd4j;

/** Hears the validation error after each epoch of training, and may stop it there (a pruned trial). */
@FunctionalInterface
public interface EpochListener {
    /** Hears nothing and never stops. */
    EpochListener NONE = (epoch, validError) -> false;

    /** @return true to stop training now */
    boolean afterEpoch(int epoch, double validError);
}
