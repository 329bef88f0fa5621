package dev.hyperopt.dsl.ir;

import java.util.List;

/** A struct: ordered keys, each with its value node. */
public record DictNode(List<Entry> entries) implements Node {

    public record Entry(String key, Node value) {}

    public DictNode {
        entries = List.copyOf(entries);
    }

    @Override
    public Type type() { return Type.DICT; }

    @Override
    public <R> R accept(NodeVisitor<R> visitor) { return visitor.visitDict(this); }
}
