package dev.hyperopt.dsl.ir;

/**
 * A node of the search-space graph. Nodes are immutable; a node object used in several
 * places (a {@code let}) is one shared node, so its hyperparameters are drawn once.
 */
public sealed interface Node permits Literal, Hyperparameter, DictNode, ListNode, Unary, Binary, Call, Named {

    /** The static type of the value this node evaluates to. */
    Type type();

    <R> R accept(NodeVisitor<R> visitor);
}
