package dev.hyperopt.dsl.ir;

/** A numeric hyperparameter drawn from a {@link Distribution}. */
public record Param(String label, Distribution distribution, int index, boolean explicitLabel) implements Hyperparameter {

    /** A hyperparameter that takes its label from its path. */
    public static Param of(Distribution distribution) {
        return new Param(null, distribution, -1, false);
    }

    /** A hyperparameter with an explicit label. */
    public static Param labelled(String label, Distribution distribution) {
        return new Param(label, distribution, -1, true);
    }

    Param withIndex(String newLabel, int newIndex) {
        return new Param(newLabel, distribution, newIndex, explicitLabel);
    }

    @Override
    public Type type() { return distribution.valueType(); }

    @Override
    public <R> R accept(NodeVisitor<R> visitor) { return visitor.visitParam(this); }
}
