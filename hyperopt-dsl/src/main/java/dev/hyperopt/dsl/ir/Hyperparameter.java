package dev.hyperopt.dsl.ir;

/**
 * A node that an optimizer assigns a value to: a numeric {@link Param} or a categorical
 * {@link Choice}. Within a {@link SearchSpace} each has a unique label and an index.
 */
public sealed interface Hyperparameter extends Node permits Param, Choice {

    /** The label: explicit, or filled in from the node's path by {@link SearchSpace#of}. */
    String label();

    /** The position in {@link SearchSpace#hyperparameters()}; -1 before the space is built. */
    int index();

    /** Whether the label was given explicitly ({@code label=} or a {@code let} name). */
    boolean explicitLabel();
}
