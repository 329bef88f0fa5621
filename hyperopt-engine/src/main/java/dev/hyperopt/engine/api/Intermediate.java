package dev.hyperopt.engine.api;

/**
 * One value a trial reported before it finished: its loss-like measure after {@code step}
 * units of resource (epochs, folds, hundreds of examples). A trial's steps increase.
 */
public record Intermediate(long step, double value) {

    public Intermediate {
        if (step < 0) throw new IllegalArgumentException("a step is >= 0, got " + step);
        if (!Double.isFinite(value)) throw new IllegalArgumentException("an intermediate value must be finite, got " + value + " at step " + step);
    }
}
