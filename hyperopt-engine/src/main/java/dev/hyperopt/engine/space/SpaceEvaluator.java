package dev.hyperopt.engine.space;

import dev.hyperopt.dsl.ir.Arithmetic;
import dev.hyperopt.dsl.ir.Binary;
import dev.hyperopt.dsl.ir.Call;
import dev.hyperopt.dsl.ir.Choice;
import dev.hyperopt.dsl.ir.ChoiceKind;
import dev.hyperopt.dsl.ir.DictNode;
import dev.hyperopt.dsl.ir.ExpressionException;
import dev.hyperopt.dsl.ir.Literal;
import dev.hyperopt.dsl.ir.ListNode;
import dev.hyperopt.dsl.ir.Named;
import dev.hyperopt.dsl.ir.Node;
import dev.hyperopt.dsl.ir.NodeVisitor;
import dev.hyperopt.dsl.ir.Param;
import dev.hyperopt.dsl.ir.Unary;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns an {@link Assignment} into the configuration an objective receives (Hyperopt's
 * {@code space_eval}): nested maps and lists of {@link Long}, {@link Double},
 * {@link String}, {@link Boolean} and null. A named choice becomes the one-key map
 * {@code {branch: value}}; another choice becomes the chosen option's value. Expressions
 * follow Python's rules: int op int stays int (but {@code /} gives a float), {@code %}
 * takes the divisor's sign, {@code int()} truncates, {@code round()} rounds half to even.
 */
public final class SpaceEvaluator {
    private SpaceEvaluator() {}

    /**
     * @throws EvaluationException when an expression has no value (division by zero, the
     *         log of a negative number, an integer overflow)
     */
    public static Object evaluate(Assignment assignment) {
        try {
            return assignment.space().root().accept(new Evaluator(assignment.values()));
        } catch (ExpressionException e) {
            throw new EvaluationException(e.getMessage());
        }
    }

    private static final class Evaluator implements NodeVisitor<Object> {
        private final double[] values;

        Evaluator(double[] values) {
            this.values = values;
        }

        public Object visitLiteral(Literal n) { return n.value(); }

        public Object visitParam(Param n) {
            double v = values[n.index()];
            if (Double.isNaN(v)) throw new EvaluationException("hyperparameter '" + n.label() + "' has no value");
            return n.distribution().kind().isInteger() ? (Object) (long) v : (Object) v;
        }

        public Object visitChoice(Choice n) {
            double v = values[n.index()];
            if (Double.isNaN(v)) throw new EvaluationException("choice '" + n.label() + "' has no value");
            int i = (int) v;
            Object chosen = n.options().get(i).accept(this);
            if (n.kind() == ChoiceKind.NAMED) {
                Map<String, Object> m = new LinkedHashMap<>(2);
                m.put(n.names().get(i), chosen);
                return Collections.unmodifiableMap(m);
            }
            return chosen;
        }

        public Object visitDict(DictNode n) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (DictNode.Entry e : n.entries()) m.put(e.key(), e.value().accept(this));
            return Collections.unmodifiableMap(m);
        }

        public Object visitList(ListNode n) {
            List<Object> l = new ArrayList<>(n.items().size());
            for (Node i : n.items()) l.add(i.accept(this));
            return Collections.unmodifiableList(l);
        }

        public Object visitUnary(Unary n) {
            return Arithmetic.negate(n.operand().accept(this));
        }

        public Object visitBinary(Binary n) {
            Object a = n.left().accept(this);
            Object b = n.right().accept(this);
            return Arithmetic.apply(n.op(), a, b);
        }

        public Object visitCall(Call n) {
            List<Object> args = new ArrayList<>(n.args().size());
            for (Node a : n.args()) args.add(a.accept(this));
            return Arithmetic.call(n.function(), args);
        }

        public Object visitNamed(Named n) { return n.body().accept(this); }
    }
}
