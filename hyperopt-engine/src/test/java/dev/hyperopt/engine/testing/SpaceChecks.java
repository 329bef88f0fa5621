package dev.hyperopt.engine.testing;

import dev.hyperopt.dsl.ir.Binary;
import dev.hyperopt.dsl.ir.Call;
import dev.hyperopt.dsl.ir.Choice;
import dev.hyperopt.dsl.ir.Condition;
import dev.hyperopt.dsl.ir.DictNode;
import dev.hyperopt.dsl.ir.Distribution;
import dev.hyperopt.dsl.ir.Hyperparameter;
import dev.hyperopt.dsl.ir.ListNode;
import dev.hyperopt.dsl.ir.Literal;
import dev.hyperopt.dsl.ir.Named;
import dev.hyperopt.dsl.ir.Node;
import dev.hyperopt.dsl.ir.NodeVisitor;
import dev.hyperopt.dsl.ir.Param;
import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.dsl.ir.Unary;
import dev.hyperopt.engine.sample.Seeds;
import dev.hyperopt.engine.sample.random.PriorSampler;
import dev.hyperopt.engine.space.Assignment;
import dev.hyperopt.engine.space.SpaceEvaluator;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * The properties every space must have, whatever built it: checked against oracles that
 * walk the graph themselves instead of trusting the space's conditions.
 */
public final class SpaceChecks {
    private SpaceChecks() {}

    /** Distinct hyperparameter nodes reachable in an unbuilt graph (a shared let counts once). */
    public static int countHyperparameters(Node root) {
        Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        walkAll(root, seen);
        int n = 0;
        for (Node x : seen) if (x instanceof Hyperparameter) n++;
        return n;
    }

    private static void walkAll(Node node, Set<Node> seen) {
        if (!seen.add(node)) return;
        for (Node child : children(node)) walkAll(child, seen);
    }

    private static List<Node> children(Node node) {
        return node.accept(new NodeVisitor<List<Node>>() {
            public List<Node> visitLiteral(Literal n) { return List.of(); }
            public List<Node> visitParam(Param n) { return List.of(); }
            public List<Node> visitChoice(Choice n) { return n.options(); }
            public List<Node> visitDict(DictNode n) {
                return n.entries().stream().map(DictNode.Entry::value).toList();
            }
            public List<Node> visitList(ListNode n) { return n.items(); }
            public List<Node> visitUnary(Unary n) { return List.of(n.operand()); }
            public List<Node> visitBinary(Binary n) { return List.of(n.left(), n.right()); }
            public List<Node> visitCall(Call n) { return n.args(); }
            public List<Node> visitNamed(Named n) { return List.of(n.body()); }
        });
    }

    /** Indices of the hyperparameters that evaluating the graph with these values reaches. */
    public static Set<Integer> reached(SearchSpace space, double[] values) {
        Set<Integer> out = new TreeSet<>();
        reach(space.root(), values, out);
        return out;
    }

    private static void reach(Node node, double[] values, Set<Integer> out) {
        if (node instanceof Hyperparameter h) {
            out.add(h.index());
            if (node instanceof Choice c) {
                double v = values[c.index()];
                assertThat(v).as("reached choice %s has a value", c.label()).isNotNaN();
                reach(c.options().get((int) v), values, out);
            }
            return;
        }
        for (Node child : children(node)) reach(child, values, out);
    }

    /** Structure of a built space: indices, labels, and choices before what they condition. */
    public static void assertWellFormed(SearchSpace space) {
        assertThat(space.labels()).hasSize(space.size());
        for (int i = 0; i < space.size(); i++) {
            Hyperparameter h = space.hyperparameter(i);
            assertThat(h.index()).isEqualTo(i);
            assertThat(space.byLabel(h.label())).isSameAs(h);
            for (Condition.Atom a : space.condition(i).anyOf()) {
                assertThat(a.choice()).as("condition of %s", h.label()).isLessThan(i);
                Hyperparameter c = space.hyperparameter(a.choice());
                assertThat(c).isInstanceOf(Choice.class);
                assertThat(a.option()).isBetween(0, ((Choice) c).size() - 1);
            }
        }
        assertThat(countHyperparameters(space.root())).isEqualTo(space.size());
    }

    /** Draws {@code samples} assignments and checks each against the oracles. */
    public static void assertSamplesAreValid(SearchSpace space, long seed, int samples) {
        for (int t = 0; t < samples; t++) {
            Assignment a = PriorSampler.sample(space, Seeds.stream(seed, t));
            double[] v = a.values();
            Set<Integer> reached = reached(space, v);
            for (int i = 0; i < space.size(); i++) {
                Hyperparameter h = space.hyperparameter(i);
                boolean active = !Double.isNaN(v[i]);
                assertThat(active).as("trial %d: %s active exactly when evaluation reaches it", t, h.label())
                        .isEqualTo(reached.contains(i));
                assertThat(space.isActive(i, v)).as("trial %d: %s active exactly when its condition holds", t, h.label())
                        .isEqualTo(active);
                if (active) assertInSupport(h, v[i]);
            }
            assertThatCode(() -> SpaceEvaluator.evaluate(a)).as("trial %d evaluates", t).doesNotThrowAnyException();
            assertThat(Assignment.fromLabels(space, a.labels())).isEqualTo(a);
        }
    }

    /** A value the hyperparameter's prior can produce: in bounds, on its grid, integral where it must be. */
    public static void assertInSupport(Hyperparameter h, double v) {
        if (h instanceof Choice c) {
            assertThat(v).as("%s option", c.label()).isEqualTo(Math.rint(v)).isBetween(0.0, c.size() - 1.0);
            return;
        }
        Distribution d = ((Param) h).distribution();
        String what = h.label() + " ~ " + d;
        assertThat(Double.isFinite(v)).as("%s = %s is finite", what, v).isTrue();
        double lo = d.a();
        double hi = d.b();
        if (d.kind().isLog() && d.kind().isBounded()) {
            lo = Math.nextDown(lo * (1 - 1e-12));
            hi = Math.nextUp(hi * (1 + 1e-12));
        }
        if (d.kind().isQuantized()) {
            assertThat(d.quantize(v)).as("%s = %s on its grid", what, v).isEqualTo(v);
            if (d.kind().isBounded()) {
                lo = d.quantize(lo);
                hi = d.quantize(hi);
            }
        }
        switch (d.kind()) {
            case UNIFORM, QUNIFORM, LOGUNIFORM, QLOGUNIFORM, UNIFORMINT ->
                    assertThat(v).as("%s = %s in bounds", what, v).isBetween(lo, hi);
            case RANDINT -> assertThat(v).as("%s = %s in [low, high)", what, v).isGreaterThanOrEqualTo(lo).isLessThan(hi);
            case LOGNORMAL, QLOGNORMAL -> assertThat(v).as("%s = %s not negative", what, v).isGreaterThanOrEqualTo(0.0);
            case NORMAL, QNORMAL -> { }
        }
        if (d.kind().isInteger()) assertThat(v).as("%s = %s integral", what, v).isEqualTo(Math.rint(v));
    }
}
