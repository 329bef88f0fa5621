package dev.hyperopt.dsl.ir;

import java.util.List;

/** A built-in function applied to numeric nodes. */
public record Call(Function function, List<Node> args) implements Node {

    public Call {
        args = List.copyOf(args);
    }

    @Override
    public Type type() {
        return switch (function) {
            case INT, ROUND -> Type.INT;
            case FLOAT, LOG, EXP, SQRT -> Type.FLOAT;
            case ABS -> args.get(0).type();
            case MIN, MAX -> {
                Type t = args.get(0).type();
                for (Node a : args) t = t.join(a.type());
                yield t;
            }
        };
    }

    @Override
    public <R> R accept(NodeVisitor<R> visitor) { return visitor.visitCall(this); }
}
