package dev.hyperopt.dsl.print;

import dev.hyperopt.dsl.ir.Binary;
import dev.hyperopt.dsl.ir.Call;
import dev.hyperopt.dsl.ir.Choice;
import dev.hyperopt.dsl.ir.ChoiceKind;
import dev.hyperopt.dsl.ir.Condition;
import dev.hyperopt.dsl.ir.DictNode;
import dev.hyperopt.dsl.ir.Distribution;
import dev.hyperopt.dsl.ir.Hyperparameter;
import dev.hyperopt.dsl.ir.ListNode;
import dev.hyperopt.dsl.ir.Literal;
import dev.hyperopt.dsl.ir.Named;
import dev.hyperopt.dsl.ir.Node;
import dev.hyperopt.dsl.ir.NodeVisitor;
import dev.hyperopt.dsl.ir.Num;
import dev.hyperopt.dsl.ir.Param;
import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.dsl.ir.Unary;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The graph of a search space for people and tools: Graphviz text to draw it, and a plain
 * structure of maps and lists that a JSON writer can serialize as it is. A node used in
 * several places (a {@code let}) appears once, with one edge from each place.
 */
public final class GraphExporter {
    private GraphExporter() {}

    /**
     * Graphviz DOT: one vertex per graph node, named {@code n0} (the root), {@code n1}, ...
     * in pre-order; hyperparameters show their label, index and prior; edges carry the dict
     * key, list index, branch name, option index or probability they stand for.
     */
    public static String dot(SearchSpace space) {
        Walk w = new Walk(space.root());
        StringBuilder sb = new StringBuilder();
        sb.append("digraph space {\n");
        sb.append("  rankdir=LR;\n");
        sb.append("  node [fontname=\"Helvetica\", fontsize=10];\n");
        sb.append("  edge [fontname=\"Helvetica\", fontsize=9];\n");
        for (Node n : w.nodes) {
            sb.append("  ").append(w.ids.get(n)).append(" [").append(dotStyle(n)).append(", label=\"")
                    .append(dotEscape(caption(n))).append("\"];\n");
        }
        for (Edge e : w.edges) {
            sb.append("  ").append(e.from).append(" -> ").append(e.to);
            if (e.label != null) sb.append(" [label=\"").append(dotEscape(e.label)).append("\"]");
            sb.append(";\n");
        }
        return sb.append("}\n").toString();
    }

    /**
     * A JSON-ready description: {@code hyperparameters} (label, index, kind, prior or options,
     * and the condition as a list of {@code {choice, option}}, empty when always active) and
     * {@code graph} ({@code root}, {@code nodes} with ids and kinds, {@code edges}). Only maps,
     * lists, strings, numbers, booleans and null appear; non-finite numbers become strings.
     */
    public static Map<String, Object> tree(SearchSpace space) {
        Walk w = new Walk(space.root());
        List<Object> hps = new ArrayList<>();
        for (Hyperparameter h : space.hyperparameters()) hps.add(hyperparameter(space, h, w));
        List<Object> nodes = new ArrayList<>();
        for (Node n : w.nodes) nodes.add(nodeEntry(n, w));
        List<Object> edges = new ArrayList<>();
        for (Edge e : w.edges) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("from", e.from);
            m.put("to", e.to);
            m.put("position", e.position);
            if (e.label != null) m.put("label", e.label);
            m.putAll(e.extra);
            edges.add(m);
        }
        Map<String, Object> graph = new LinkedHashMap<>();
        graph.put("root", w.ids.get(space.root()));
        graph.put("nodes", nodes);
        graph.put("edges", edges);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("hyperparameters", hps);
        out.put("graph", graph);
        return out;
    }

    private static Map<String, Object> hyperparameter(SearchSpace space, Hyperparameter h, Walk w) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("label", h.label());
        m.put("index", h.index());
        m.put("explicitLabel", h.explicitLabel());
        m.put("type", h.type().display());
        if (h instanceof Param p) {
            Distribution d = p.distribution();
            m.put("kind", "param");
            m.put("distribution", d.kind().keyword());
            m.put("parameters", parameters(d));
            m.put("text", d.toString());
        } else {
            Choice c = (Choice) h;
            m.put("kind", "choice");
            m.put("distribution", c.kind() == ChoiceKind.WEIGHTED ? "pchoice" : "choice");
            m.put("choice", c.kind().name().toLowerCase(java.util.Locale.ROOT));
            List<Object> options = new ArrayList<>();
            List<Object> weights = new ArrayList<>();
            for (int i = 0; i < c.size(); i++) {
                options.add(c.labelValue(i));
                weights.add(number(c.weights().get(i)));
            }
            m.put("options", options);
            m.put("weights", weights);
        }
        List<Object> condition = new ArrayList<>();
        for (Condition.Atom a : space.condition(h.index()).anyOf()) {
            Choice c = (Choice) space.hyperparameter(a.choice());
            Map<String, Object> atom = new LinkedHashMap<>();
            atom.put("choice", c.label());
            atom.put("option", c.labelValue(a.option()));
            condition.add(atom);
        }
        m.put("condition", condition);
        m.put("node", w.ids.get(h));
        return m;
    }

    private static Map<String, Object> parameters(Distribution d) {
        Map<String, Object> m = new LinkedHashMap<>();
        boolean ints = d.kind().isInteger();
        m.put(d.kind().isBounded() ? "low" : "mu", ints ? (Object) (long) d.a() : number(d.a()));
        m.put(d.kind().isBounded() ? "high" : "sigma", ints ? (Object) (long) d.b() : number(d.b()));
        if (d.kind().isQuantized()) m.put("q", number(d.q()));
        return m;
    }

    private static Object number(double x) {
        return Double.isFinite(x) ? (Object) x : Num.format(x);
    }

    private static Map<String, Object> nodeEntry(Node node, Walk w) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", w.ids.get(node));
        node.accept(new NodeVisitor<Void>() {
            public Void visitLiteral(Literal n) {
                m.put("kind", "literal");
                Object v = n.value();
                m.put("value", v instanceof Double d ? number(d) : v);
                return null;
            }

            public Void visitParam(Param n) {
                m.put("kind", "param");
                m.put("label", n.label());
                m.put("index", n.index());
                m.put("text", n.distribution().toString());
                return null;
            }

            public Void visitChoice(Choice n) {
                m.put("kind", "choice");
                m.put("label", n.label());
                m.put("index", n.index());
                m.put("choice", n.kind().name().toLowerCase(java.util.Locale.ROOT));
                return null;
            }

            public Void visitDict(DictNode n) {
                m.put("kind", "dict");
                List<Object> keys = new ArrayList<>();
                for (DictNode.Entry e : n.entries()) keys.add(e.key());
                m.put("keys", keys);
                return null;
            }

            public Void visitList(ListNode n) {
                m.put("kind", "list");
                m.put("size", n.items().size());
                return null;
            }

            public Void visitUnary(Unary n) {
                m.put("kind", "unary");
                m.put("op", "-");
                return null;
            }

            public Void visitBinary(Binary n) {
                m.put("kind", "binary");
                m.put("op", n.op().symbol());
                return null;
            }

            public Void visitCall(Call n) {
                m.put("kind", "call");
                m.put("function", n.function().keyword());
                return null;
            }

            public Void visitNamed(Named n) {
                m.put("kind", "let");
                m.put("name", n.name());
                return null;
            }
        });
        m.put("type", node.type().display());
        return m;
    }

    // ---- DOT ----

    private static String dotStyle(Node node) {
        return node.accept(new NodeVisitor<String>() {
            public String visitLiteral(Literal n) { return "shape=plaintext"; }
            public String visitParam(Param n) { return "shape=ellipse, style=filled, fillcolor=\"#dbe9f6\""; }
            public String visitChoice(Choice n) { return "shape=diamond, style=filled, fillcolor=\"#fde9c9\""; }
            public String visitDict(DictNode n) { return "shape=box"; }
            public String visitList(ListNode n) { return "shape=box"; }
            public String visitUnary(Unary n) { return "shape=circle"; }
            public String visitBinary(Binary n) { return "shape=circle"; }
            public String visitCall(Call n) { return "shape=circle"; }
            public String visitNamed(Named n) { return "shape=box, style=rounded"; }
        });
    }

    /** The text inside a vertex. */
    private static String caption(Node node) {
        return node.accept(new NodeVisitor<String>() {
            public String visitLiteral(Literal n) {
                return n.value() instanceof Double d ? Num.format(d) : Syntax.literal(n.value());
            }

            public String visitParam(Param n) {
                return n.label() + " #" + n.index() + "\n" + n.distribution();
            }

            public String visitChoice(Choice n) {
                String kind = switch (n.kind()) {
                    case NAMED -> "choice {}";
                    case UNNAMED -> "choice()";
                    case WEIGHTED -> "pchoice()";
                };
                return n.label() + " #" + n.index() + "\n" + kind;
            }

            public String visitDict(DictNode n) { return "dict"; }
            public String visitList(ListNode n) { return "list"; }
            public String visitUnary(Unary n) { return "-"; }
            public String visitBinary(Binary n) { return n.op().symbol(); }
            public String visitCall(Call n) { return n.function().keyword() + "()"; }
            public String visitNamed(Named n) { return "let " + n.name(); }
        });
    }

    /** A DOT double-quoted string body; line breaks become DOT's centred {@code \n}. */
    private static String dotEscape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                case '\n' -> sb.append("\\n");
                case '\r' -> { }
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    // ---- the walk ----

    /** An edge: its ends, its position among the parent's children, its label and any extra fields. */
    private record Edge(String from, String to, int position, String label, Map<String, Object> extra) {}

    /** Numbers the nodes in pre-order, each once, and lists every edge. */
    private static final class Walk {
        final Map<Node, String> ids = new IdentityHashMap<>();
        final List<Node> nodes = new ArrayList<>();
        final List<Edge> edges = new ArrayList<>();

        Walk(Node root) {
            visit(root);
        }

        private void visit(Node node) {
            if (ids.containsKey(node)) return;
            ids.put(node, "n" + nodes.size());
            nodes.add(node);
            List<Node> children = Graph.children(node);
            for (int i = 0; i < children.size(); i++) {
                Node child = children.get(i);
                visit(child);
                Map<String, Object> extra = new LinkedHashMap<>();
                String label = edgeLabel(node, i, children.size(), extra);
                edges.add(new Edge(ids.get(node), ids.get(child), i, label, extra));
            }
        }

        private static String edgeLabel(Node parent, int i, int count, Map<String, Object> extra) {
            return parent.accept(new NodeVisitor<String>() {
                public String visitLiteral(Literal n) { return null; }
                public String visitParam(Param n) { return null; }

                public String visitChoice(Choice n) {
                    extra.put("option", n.labelValue(i));
                    return switch (n.kind()) {
                        case NAMED -> n.names().get(i);
                        case UNNAMED -> Integer.toString(i);
                        case WEIGHTED -> {
                            extra.put("weight", number(n.weights().get(i)));
                            yield i + " (p=" + Num.format(n.weights().get(i)) + ")";
                        }
                    };
                }

                public String visitDict(DictNode n) { return n.entries().get(i).key(); }
                public String visitList(ListNode n) { return "[" + i + "]"; }
                public String visitUnary(Unary n) { return null; }
                public String visitBinary(Binary n) { return i == 0 ? "left" : "right"; }
                public String visitCall(Call n) { return count > 1 ? Integer.toString(i) : null; }
                public String visitNamed(Named n) { return null; }
            });
        }
    }
}
