package dev.hyperopt.engine;

import dev.hyperopt.dsl.ir.Binary;
import dev.hyperopt.dsl.ir.BinaryOp;
import dev.hyperopt.dsl.ir.Choice;
import dev.hyperopt.dsl.ir.DictNode;
import dev.hyperopt.dsl.ir.Dist;
import dev.hyperopt.dsl.ir.Distribution;
import dev.hyperopt.dsl.ir.Literal;
import dev.hyperopt.dsl.ir.Node;
import dev.hyperopt.dsl.ir.Param;
import dev.hyperopt.dsl.ir.SearchSpace;

import java.util.ArrayList;
import java.util.List;

/** Small search spaces built from IR nodes, for tests that need no compiler. */
public final class TestSpaces {
    private TestSpaces() {}

    /** {@code {x: uniform(-5, 10), y: uniform(0, 15)}}: Branin's domain. */
    public static SearchSpace branin() {
        return SearchSpace.of(dict("x", uniform(-5, 10), "y", uniform(0, 15)));
    }

    /** {@code {x: uniform(-1, 1)}}. */
    public static SearchSpace line() {
        return SearchSpace.of(dict("x", uniform(-1, 1)));
    }

    /**
     * {@code {model: choice { svm: {C: loguniform(0.01, 100)}, tree: {depth: uniformint(1, 8)} }, lr: uniform(0, 1)}}.
     */
    public static SearchSpace conditional() {
        Node model = Choice.named(null, List.of("svm", "tree"), List.of(
                dict("C", Param.of(Distribution.of(Dist.LOGUNIFORM, 0.01, 100))),
                dict("depth", Param.of(Distribution.of(Dist.UNIFORMINT, 1, 8)))));
        return SearchSpace.of(dict("model", model, "lr", uniform(0, 1)));
    }

    /** {@code {x: 1 / randint(0, 2)}}: the space cannot be evaluated when the draw is 0. */
    public static SearchSpace divides() {
        Node d = Param.of(Distribution.of(Dist.RANDINT, 0, 2));
        return SearchSpace.of(dict("x", new Binary(BinaryOp.DIV, Literal.of(1L), d)));
    }

    public static Node uniform(double lo, double hi) {
        return Param.of(Distribution.of(Dist.UNIFORM, lo, hi));
    }

    /** A dict from alternating keys and nodes. */
    public static DictNode dict(Object... kv) {
        List<DictNode.Entry> es = new ArrayList<>();
        for (int i = 0; i < kv.length; i += 2) es.add(new DictNode.Entry((String) kv[i], (Node) kv[i + 1]));
        return new DictNode(es);
    }
}
