package dev.hyperopt.dsl.print;

import dev.hyperopt.dsl.ir.Binary;
import dev.hyperopt.dsl.ir.Call;
import dev.hyperopt.dsl.ir.Choice;
import dev.hyperopt.dsl.ir.DictNode;
import dev.hyperopt.dsl.ir.Hyperparameter;
import dev.hyperopt.dsl.ir.ListNode;
import dev.hyperopt.dsl.ir.Literal;
import dev.hyperopt.dsl.ir.Named;
import dev.hyperopt.dsl.ir.Node;
import dev.hyperopt.dsl.ir.NodeVisitor;
import dev.hyperopt.dsl.ir.Param;
import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.dsl.ir.Unary;

import java.util.ArrayList;
import java.util.List;

/**
 * What two spaces must share to be the same space: the value structure (lets seen through,
 * since a let only names a node), and per hyperparameter its label, prior and condition.
 */
final class Shapes {
    private Shapes() {}

    /** The structure as text; a let is transparent, hyperparameters appear by label and prior. */
    static String structure(Node node) {
        return node.accept(new NodeVisitor<String>() {
            public String visitLiteral(Literal n) {
                Object v = n.value();
                return v == null ? "null" : v.getClass().getSimpleName() + ":" + v;
            }

            public String visitParam(Param n) { return "param<" + n.label() + "|" + n.distribution() + ">"; }

            public String visitChoice(Choice n) {
                List<String> opts = new ArrayList<>();
                for (Node o : n.options()) opts.add(structure(o));
                return "choice<" + n.label() + "|" + n.kind() + "|" + n.names() + "|" + n.weights() + ">" + opts;
            }

            public String visitDict(DictNode n) {
                List<String> es = new ArrayList<>();
                for (DictNode.Entry e : n.entries()) es.add(e.key() + "=" + structure(e.value()));
                return "dict" + es;
            }

            public String visitList(ListNode n) {
                List<String> items = new ArrayList<>();
                for (Node i : n.items()) items.add(structure(i));
                return "list" + items;
            }

            public String visitUnary(Unary n) { return "neg(" + structure(n.operand()) + ")"; }

            public String visitBinary(Binary n) {
                return n.op() + "(" + structure(n.left()) + ", " + structure(n.right()) + ")";
            }

            public String visitCall(Call n) {
                List<String> args = new ArrayList<>();
                for (Node a : n.args()) args.add(structure(a));
                return n.function().keyword() + args;
            }

            public String visitNamed(Named n) { return structure(n.body()); }
        });
    }

    /** Label, kind, prior and condition of every hyperparameter, in index order. */
    static List<String> hyperparameters(SearchSpace space) {
        List<String> out = new ArrayList<>();
        for (Hyperparameter h : space.hyperparameters()) {
            String prior = h instanceof Param p ? p.distribution().toString()
                    : ((Choice) h).kind() + " " + ((Choice) h).names() + " " + ((Choice) h).weights() + " x" + ((Choice) h).size();
            out.add(h.index() + " " + h.label() + " " + prior + " when " + space.describe(space.condition(h.index())));
        }
        return out;
    }
}
