package dev.hyperopt.dsl.ir;

import java.util.List;

/** A list of value nodes. */
public record ListNode(List<Node> items) implements Node {

    public ListNode {
        items = List.copyOf(items);
    }

    @Override
    public Type type() { return Type.LIST; }

    @Override
    public <R> R accept(NodeVisitor<R> visitor) { return visitor.visitList(this); }
}
