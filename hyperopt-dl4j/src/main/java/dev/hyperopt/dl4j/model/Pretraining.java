package dev.hyperopt.dl4j.model;

/** What pretraining one layer did: epochs completed and the reconstruction error before and after. */
public record Pretraining(String method, int epochs, double errorBefore, double errorAfter, double seconds) {

    /** A layer that was not pretrained. */
    public static Pretraining none() {
        return new Pretraining("none", 0, Double.NaN, Double.NaN, 0);
    }
}
