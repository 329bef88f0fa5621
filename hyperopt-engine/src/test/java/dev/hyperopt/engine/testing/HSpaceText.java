package dev.hyperopt.engine.testing;

import dev.hyperopt.dsl.ir.Binary;
import dev.hyperopt.dsl.ir.Call;
import dev.hyperopt.dsl.ir.Choice;
import dev.hyperopt.dsl.ir.DictNode;
import dev.hyperopt.dsl.ir.Distribution;
import dev.hyperopt.dsl.ir.ListNode;
import dev.hyperopt.dsl.ir.Literal;
import dev.hyperopt.dsl.ir.Named;
import dev.hyperopt.dsl.ir.Node;
import dev.hyperopt.dsl.ir.NodeVisitor;
import dev.hyperopt.dsl.ir.Num;
import dev.hyperopt.dsl.ir.Param;
import dev.hyperopt.dsl.ir.Unary;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes a generated, expression-free graph as {@code .hspace} text, written here from the
 * language reference rather than with the project's printer, so a compiled space can be
 * compared with the graph it came from.
 */
public final class HSpaceText {
    private HSpaceText() {}

    public static String write(RandomSpaces gen) {
        StringBuilder sb = new StringBuilder("# generated\n");
        for (Named let : gen.lets()) sb.append("let ").append(let.name()).append(" = ").append(expr(let.body())).append('\n');
        sb.append("space = ").append(expr(gen.root())).append('\n');
        return sb.toString();
    }

    public static String expr(Node node) {
        return node.accept(new NodeVisitor<String>() {
            public String visitLiteral(Literal n) {
                Object v = n.value();
                if (v == null) return "null";
                if (v instanceof String s) return "\"" + s + "\"";
                if (v instanceof Double d) return Num.format(d);
                return v.toString();
            }

            public String visitParam(Param n) {
                Distribution d = n.distribution();
                List<String> args = new ArrayList<>();
                args.add(number(d, d.a()));
                args.add(number(d, d.b()));
                if (d.kind().isQuantized()) args.add(Num.format(d.q()));
                return d.kind().keyword() + "(" + String.join(", ", args) + ")";
            }

            private String number(Distribution d, double x) {
                return d.kind().isInteger() ? Long.toString((long) x) : Num.format(x);
            }

            public String visitChoice(Choice n) {
                List<String> parts = new ArrayList<>();
                for (int i = 0; i < n.size(); i++) {
                    String o = expr(n.options().get(i));
                    parts.add(switch (n.kind()) {
                        case UNNAMED -> o;
                        case NAMED -> n.names().get(i) + ": " + o;
                        case WEIGHTED -> Num.format(n.weights().get(i)) + ": " + o;
                    });
                }
                return switch (n.kind()) {
                    case UNNAMED -> "choice(" + String.join(", ", parts) + ")";
                    case NAMED -> "choice { " + String.join(", ", parts) + " }";
                    case WEIGHTED -> "pchoice(" + String.join(", ", parts) + ")";
                };
            }

            public String visitDict(DictNode n) {
                List<String> parts = new ArrayList<>();
                for (DictNode.Entry e : n.entries()) parts.add(e.key() + ": " + expr(e.value()));
                return "{ " + String.join(", ", parts) + " }";
            }

            public String visitList(ListNode n) {
                List<String> parts = new ArrayList<>();
                for (Node i : n.items()) parts.add(expr(i));
                return "[" + String.join(", ", parts) + "]";
            }

            public String visitUnary(Unary n) { return "-(" + expr(n.operand()) + ")"; }

            public String visitBinary(Binary n) {
                return "(" + expr(n.left()) + " " + n.op().symbol() + " " + expr(n.right()) + ")";
            }

            public String visitCall(Call n) {
                List<String> parts = new ArrayList<>();
                for (Node a : n.args()) parts.add(expr(a));
                return n.function().keyword() + "(" + String.join(", ", parts) + ")";
            }

            public String visitNamed(Named n) { return n.name(); }
        });
    }
}
