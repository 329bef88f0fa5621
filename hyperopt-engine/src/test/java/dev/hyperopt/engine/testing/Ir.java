package dev.hyperopt.engine.testing;

import dev.hyperopt.dsl.ir.Binary;
import dev.hyperopt.dsl.ir.BinaryOp;
import dev.hyperopt.dsl.ir.Call;
import dev.hyperopt.dsl.ir.Choice;
import dev.hyperopt.dsl.ir.DictNode;
import dev.hyperopt.dsl.ir.Dist;
import dev.hyperopt.dsl.ir.Distribution;
import dev.hyperopt.dsl.ir.Function;
import dev.hyperopt.dsl.ir.ListNode;
import dev.hyperopt.dsl.ir.Literal;
import dev.hyperopt.dsl.ir.Named;
import dev.hyperopt.dsl.ir.Node;
import dev.hyperopt.dsl.ir.Param;
import dev.hyperopt.dsl.ir.Unary;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Short builders for IR graphs, so tests read like the {@code .hspace} they stand for. */
public final class Ir {
    private Ir() {}

    /** {@code {k1: v1, k2: v2, ...}} from alternating keys and nodes. */
    public static DictNode dict(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) throw new IllegalArgumentException("keys and values must alternate");
        List<DictNode.Entry> es = new ArrayList<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            es.add(new DictNode.Entry((String) keysAndValues[i], (Node) keysAndValues[i + 1]));
        }
        return new DictNode(es);
    }

    public static ListNode list(Node... items) { return new ListNode(Arrays.asList(items)); }

    /** {@code choice(a, b, ...)}. */
    public static Choice choice(Node... options) { return Choice.unnamed(null, Arrays.asList(options)); }

    /** {@code choice { n1: v1, n2: v2, ... }} from alternating names and nodes. */
    public static Choice named(Object... namesAndOptions) {
        List<String> names = new ArrayList<>();
        List<Node> options = new ArrayList<>();
        for (int i = 0; i < namesAndOptions.length; i += 2) {
            names.add((String) namesAndOptions[i]);
            options.add((Node) namesAndOptions[i + 1]);
        }
        return Choice.named(null, names, options);
    }

    /** {@code pchoice(p1: v1, p2: v2, ...)} from alternating weights and nodes. */
    public static Choice pchoice(Object... weightsAndOptions) {
        List<Double> weights = new ArrayList<>();
        List<Node> options = new ArrayList<>();
        for (int i = 0; i < weightsAndOptions.length; i += 2) {
            weights.add(((Number) weightsAndOptions[i]).doubleValue());
            options.add((Node) weightsAndOptions[i + 1]);
        }
        return Choice.weighted(null, weights, options);
    }

    public static Named let(String name, Node body) { return new Named(name, body); }

    public static Param param(Dist kind, double a, double b) { return Param.of(Distribution.of(kind, a, b)); }

    public static Param param(Dist kind, double a, double b, double q) { return Param.of(Distribution.of(kind, a, b, q)); }

    public static Param uniform(double low, double high) { return param(Dist.UNIFORM, low, high); }

    public static Param normal(double mu, double sigma) { return param(Dist.NORMAL, mu, sigma); }

    public static Param loguniform(double low, double high) { return param(Dist.LOGUNIFORM, low, high); }

    public static Param randint(long low, long high) { return param(Dist.RANDINT, low, high); }

    public static Param uniformint(long low, long high) { return param(Dist.UNIFORMINT, low, high); }

    public static Literal lit(long v) { return Literal.of(v); }

    public static Literal lit(double v) { return Literal.of(v); }

    public static Literal lit(String v) { return Literal.of(v); }

    public static Literal lit(boolean v) { return Literal.of(v); }

    public static Literal nil() { return Literal.ofNull(); }

    public static Binary op(Node left, String symbol, Node right) {
        BinaryOp op = BinaryOp.bySymbol(symbol);
        if (op == null) throw new IllegalArgumentException("no operator " + symbol);
        return new Binary(op, left, right);
    }

    public static Unary neg(Node operand) { return new Unary(operand); }

    public static Call call(String function, Node... args) {
        Function f = Function.byKeyword(function);
        if (f == null) throw new IllegalArgumentException("no function " + function);
        return new Call(f, Arrays.asList(args));
    }
}
