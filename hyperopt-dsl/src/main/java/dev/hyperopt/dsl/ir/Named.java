package dev.hyperopt.dsl.ir;

/**
 * A value bound to a name with {@code let}: one shared sub-graph. Hyperparameters inside
 * it are labelled from the name ({@code lr}, {@code block.units}) rather than from
 * wherever the name is used.
 */
public record Named(String name, Node body) implements Node {

    @Override
    public Type type() { return body.type(); }

    @Override
    public <R> R accept(NodeVisitor<R> visitor) { return visitor.visitNamed(this); }
}
