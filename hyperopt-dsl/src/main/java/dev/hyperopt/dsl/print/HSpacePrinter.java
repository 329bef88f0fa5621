package dev.hyperopt.dsl.print;

import dev.hyperopt.dsl.ir.Arithmetic;
import dev.hyperopt.dsl.ir.Binary;
import dev.hyperopt.dsl.ir.BinaryOp;
import dev.hyperopt.dsl.ir.Call;
import dev.hyperopt.dsl.ir.Choice;
import dev.hyperopt.dsl.ir.ChoiceKind;
import dev.hyperopt.dsl.ir.DictNode;
import dev.hyperopt.dsl.ir.Distribution;
import dev.hyperopt.dsl.ir.ExpressionException;
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
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Writes a {@link SearchSpace} back as canonical {@code .hspace} text, which compiles to a
 * space with the same structure, labels, distributions and conditions, and prints the same
 * again. The text is what {@code fmt} shows and what {@link #fingerprint} hashes, so it
 * depends only on the graph, never on how the graph was written.
 *
 * <p>Layout rules:
 * <ul>
 * <li>every {@code let} (a {@link Named} node, or a node holding hyperparameters that is used
 *     in several places) comes before {@code space}, each after the lets it refers to, in the
 *     order they are first reached; a blank line separates a multi-line declaration from its
 *     neighbours and the lets from {@code space};</li>
 * <li>a let keeps its name where the language allows it; otherwise (an imported {@code m.lr},
 *     a keyword, a clash) it takes the nearest free name ({@code m_lr}, {@code m_lr_2});</li>
 * <li>a dict, list or choice stays on one line when nothing inside it is a non-empty dict or
 *     a named choice (let references do not count) and the one-line form has at most
 *     {@value #FLAT_LIMIT} characters; otherwise it puts one entry per line, indented by two
 *     spaces, each followed by a comma;</li>
 * <li>expressions carry only the parentheses their structure needs; casts print as calls,
 *     {@code int(x)}; expressions over constants print as their value, as the compiler folds
 *     them;</li>
 * <li>distribution arguments and probabilities that are whole numbers print without a
 *     fraction ({@code quniform(16, 512, 16)}); literals keep their type ({@code 1} vs
 *     {@code 1.0});</li>
 * <li>a hyperparameter prints {@code label="..."} as its last argument (a named choice: as its
 *     last entry) when its label was given explicitly (other than as its let's name) or when its
 *     place in the text would not give it its label, as for a let of an imported file, whose
 *     name {@code m.x} becomes {@code m_x}.</li>
 * </ul>
 */
public final class HSpacePrinter {

    /** The longest container written on one line. */
    static final int FLAT_LIMIT = 72;

    private static final String INDENT = "  ";
    private static final int ATOM = 10;
    private static final int UNARY = 3;
    private static final Object NOT_CONSTANT = new Object();

    private HSpacePrinter() {}

    /**
     * The canonical text of {@code space}.
     *
     * @throws IllegalArgumentException when the graph holds a NaN literal, which the language
     *     cannot write
     */
    public static String print(SearchSpace space) {
        return new Printer(space.root()).print();
    }

    private static final class Printer {
        private final Node root;
        /** How many edges lead to each node. */
        private final Map<Node, Integer> uses = new IdentityHashMap<>();
        /** Nodes in the order a pre-order walk first reaches them. */
        private final List<Node> reached = new ArrayList<>();
        private final Map<Node, Boolean> holdsHyperparameter = new IdentityHashMap<>();
        private final Map<Node, Boolean> holdsStructure = new IdentityHashMap<>();
        /** Nodes printed as a let, with the name printed. */
        private final Map<Node, String> letNames = new IdentityHashMap<>();
        /** Names of the Named nodes whose body is a node, printed directly in their declaration. */
        private final Map<Node, Set<String>> bodyOf = new IdentityHashMap<>();
        private final Set<String> taken = new HashSet<>();
        /** The label each hyperparameter would get from its place in the printed text. */
        private final Map<Node, String> derived = new IdentityHashMap<>();
        private final Set<Node> derivedDone = Collections.newSetFromMap(new IdentityHashMap<>());
        private final Set<Node> declared = Collections.newSetFromMap(new IdentityHashMap<>());
        private final List<String> declarations = new ArrayList<>();
        private final Map<Node, Object> constants = new IdentityHashMap<>();

        Printer(Node root) {
            this.root = root;
        }

        String print() {
            count(root);
            planLets();
            derive(root, "");
            String space = render(root, 0);
            StringBuilder out = new StringBuilder();
            boolean previousMultiline = false;
            for (int i = 0; i < declarations.size(); i++) {
                String d = declarations.get(i);
                boolean multiline = d.indexOf('\n') >= 0;
                if (i > 0 && (multiline || previousMultiline)) out.append('\n');
                out.append(d).append('\n');
                previousMultiline = multiline;
            }
            if (!declarations.isEmpty()) out.append('\n');
            return out.append("space = ").append(space).append('\n').toString();
        }

        // ---- planning ----

        private void count(Node node) {
            if (uses.merge(node, 1, Integer::sum) > 1) return;
            reached.add(node);
            for (Node c : Graph.children(node)) count(c);
        }

        private boolean holdsHyperparameter(Node node) {
            Boolean known = holdsHyperparameter.get(node);
            if (known != null) return known;
            boolean h = node instanceof Hyperparameter;
            for (Node c : Graph.children(node)) h |= holdsHyperparameter(c);
            holdsHyperparameter.put(node, h);
            return h;
        }

        /** Whether a non-empty dict or a named choice sits inside {@code node}, not counting let references. */
        private boolean holdsStructure(Node node) {
            Boolean known = holdsStructure.get(node);
            if (known != null) return known;
            boolean s = false;
            for (Node c : Graph.children(node)) {
                if (letNames.containsKey(c)) continue;
                boolean structure = c instanceof DictNode d ? !d.entries().isEmpty()
                        : c instanceof Choice ch && ch.kind() == ChoiceKind.NAMED;
                s |= structure || holdsStructure(c);
            }
            holdsStructure.put(node, s);
            return s;
        }

        /**
         * Named nodes keep their names where the language allows them (first reached wins a
         * duplicate); the others, and shared nodes that hold hyperparameters, get the nearest
         * free name. Taking valid names first keeps the names stable when the text is read back.
         */
        private void planLets() {
            List<Node> rest = new ArrayList<>();
            for (Node n : reached) {
                if (n instanceof Named named) {
                    if (constant(named) != NOT_CONSTANT) continue;
                    if (Syntax.isLetName(named.name()) && taken.add(named.name())) letNames.put(n, named.name());
                    else rest.add(n);
                } else if (uses.get(n) > 1 && holdsHyperparameter(n)) {
                    rest.add(n);
                }
            }
            for (Node n : rest) {
                String base;
                if (n instanceof Named named) base = Syntax.sanitize(named.name());
                else if (n instanceof Hyperparameter h) base = Syntax.sanitize(h.label());
                else base = "shared";
                letNames.put(n, free(base));
            }
            for (Map.Entry<Node, String> e : letNames.entrySet()) {
                if (e.getKey() instanceof Named named) {
                    bodyOf.computeIfAbsent(named.body(), k -> new HashSet<>()).add(e.getValue());
                }
            }
        }

        private String free(String base) {
            String name = base;
            for (int i = 2; !Syntax.isLetName(name) || !taken.add(name); i++) name = base + "_" + i;
            return name;
        }

        /**
         * Mirrors how {@link SearchSpace#of} labels by path, over the structure the text will
         * have. A hyperparameter whose derived label is not its own prints {@code label=}, so
         * what lies inside a choice is labelled from the choice's own label.
         */
        private void derive(Node node, String path) {
            if (!derivedDone.add(node)) return;
            String let = letNames.get(node);
            String here = let != null && !(node instanceof Named) ? let : path;
            node.accept(new NodeVisitor<Void>() {
                public Void visitLiteral(Literal n) { return null; }

                public Void visitParam(Param n) {
                    derived.put(n, here.isEmpty() ? "space" : here);
                    return null;
                }

                public Void visitChoice(Choice n) {
                    derived.put(n, here.isEmpty() ? "space" : here);
                    for (int i = 0; i < n.size(); i++) {
                        String sub = n.kind() == ChoiceKind.NAMED ? join(n.label(), n.names().get(i)) : indexed(n.label(), i);
                        derive(n.options().get(i), sub);
                    }
                    return null;
                }

                public Void visitDict(DictNode n) {
                    for (DictNode.Entry e : n.entries()) derive(e.value(), join(here, e.key()));
                    return null;
                }

                public Void visitList(ListNode n) {
                    for (int i = 0; i < n.items().size(); i++) derive(n.items().get(i), indexed(here, i));
                    return null;
                }

                public Void visitUnary(Unary n) { derive(n.operand(), here); return null; }

                public Void visitBinary(Binary n) {
                    derive(n.left(), here);
                    derive(n.right(), here);
                    return null;
                }

                public Void visitCall(Call n) {
                    for (Node a : n.args()) derive(a, here);
                    return null;
                }

                public Void visitNamed(Named n) { derive(n.body(), letNames.getOrDefault(n, here)); return null; }
            });
        }

        private boolean needsLabel(Hyperparameter h) {
            if (!h.label().equals(derived.get(h))) return true;
            if (!h.explicitLabel()) return false;
            if (h.label().equals(letNames.get(h))) return false;
            Set<String> names = bodyOf.get(h);
            return names == null || !names.contains(h.label());
        }

        // ---- rendering ----

        /** {@code node} where it is used: a let by its name, anything else written out. */
        private String render(Node node, int indent) {
            String let = letNames.get(node);
            if (let != null) {
                declare(node, let);
                return let;
            }
            return write(node, indent);
        }

        private void declare(Node node, String name) {
            if (!declared.add(node)) return;
            String body = node instanceof Named n ? render(n.body(), 0) : write(node, 0);
            declarations.add("let " + name + " = " + body);
        }

        /**
         * The value of an expression over constants, or {@link #NOT_CONSTANT}. The compiler folds
         * such expressions (and lets of them) into literals, so the text shows the literal.
         */
        private Object constant(Node node) {
            if (constants.containsKey(node)) return constants.get(node);
            Object value = node.accept(new NodeVisitor<Object>() {
                public Object visitLiteral(Literal n) { return n.value(); }
                public Object visitParam(Param n) { return NOT_CONSTANT; }
                public Object visitChoice(Choice n) { return NOT_CONSTANT; }
                public Object visitDict(DictNode n) { return NOT_CONSTANT; }
                public Object visitList(ListNode n) { return NOT_CONSTANT; }
                public Object visitNamed(Named n) { return constant(n.body()); }

                public Object visitUnary(Unary n) {
                    Object v = constant(n.operand());
                    return v == NOT_CONSTANT ? v : evaluate(() -> Arithmetic.negate(v));
                }

                public Object visitBinary(Binary n) {
                    Object l = constant(n.left());
                    Object r = constant(n.right());
                    return l == NOT_CONSTANT || r == NOT_CONSTANT ? NOT_CONSTANT : evaluate(() -> Arithmetic.apply(n.op(), l, r));
                }

                public Object visitCall(Call n) {
                    List<Object> args = new ArrayList<>(n.args().size());
                    for (Node a : n.args()) {
                        Object v = constant(a);
                        if (v == NOT_CONSTANT) return NOT_CONSTANT;
                        args.add(v);
                    }
                    return evaluate(() -> Arithmetic.call(n.function(), args));
                }
            });
            constants.put(node, value);
            return value;
        }

        /** A folded value, or NOT_CONSTANT where the expression has none (the compiler reports those). */
        private Object evaluate(Supplier<Object> compute) {
            try {
                return compute.get();
            } catch (ExpressionException e) {
                return NOT_CONSTANT;
            }
        }

        private int precedence(Node node) {
            if (letNames.containsKey(node)) return ATOM;
            Object c = constant(node);
            if (c != NOT_CONSTANT) return c instanceof Number && literal(c).startsWith("-") ? UNARY : ATOM;
            if (node instanceof Unary) return UNARY;
            if (node instanceof Binary b) return b.op().precedence();
            return ATOM;
        }

        private String operand(Node node, int indent, boolean parenthesize) {
            String s = render(node, indent);
            return parenthesize ? "(" + s + ")" : s;
        }

        private String write(Node node, int indent) {
            Object c = constant(node);
            if (c != NOT_CONSTANT) return literal(c);
            return node.accept(new NodeVisitor<String>() {
                public String visitLiteral(Literal n) { return literal(n.value()); }

                public String visitParam(Param n) {
                    Distribution d = n.distribution();
                    List<String> args = new ArrayList<>(4);
                    args.add(Syntax.parameter(d.a()));
                    args.add(Syntax.parameter(d.b()));
                    if (d.kind().isQuantized()) args.add(Syntax.parameter(d.q()));
                    if (needsLabel(n)) args.add("label=" + Syntax.quote(n.label()));
                    return d.kind().keyword() + "(" + String.join(", ", args) + ")";
                }

                public String visitChoice(Choice n) {
                    List<String> items = new ArrayList<>(n.size() + 1);
                    for (int i = 0; i < n.size(); i++) {
                        String option = render(n.options().get(i), indent + 1);
                        items.add(switch (n.kind()) {
                            case NAMED -> Syntax.key(n.names().get(i)) + ": " + option;
                            case WEIGHTED -> Syntax.parameter(n.weights().get(i)) + ": " + option;
                            case UNNAMED -> option;
                        });
                    }
                    if (needsLabel(n)) items.add("label=" + Syntax.quote(n.label()));
                    if (n.kind() == ChoiceKind.NAMED) {
                        return block(n, items, "choice { ", " }", "choice {", "}", "choice {}", indent);
                    }
                    String name = n.kind() == ChoiceKind.WEIGHTED ? "pchoice" : "choice";
                    return block(n, items, name + "(", ")", name + "(", ")", name + "()", indent);
                }

                public String visitDict(DictNode n) {
                    List<String> items = new ArrayList<>(n.entries().size());
                    for (DictNode.Entry e : n.entries()) items.add(Syntax.key(e.key()) + ": " + render(e.value(), indent + 1));
                    return block(n, items, "{ ", " }", "{", "}", "{}", indent);
                }

                public String visitList(ListNode n) {
                    List<String> items = new ArrayList<>(n.items().size());
                    for (Node i : n.items()) items.add(render(i, indent + 1));
                    return block(n, items, "[", "]", "[", "]", "[]", indent);
                }

                public String visitUnary(Unary n) {
                    return "-" + operand(n.operand(), indent, precedence(n.operand()) <= UNARY);
                }

                public String visitBinary(Binary n) {
                    int p = n.op().precedence();
                    boolean parenLeft;
                    boolean parenRight;
                    if (n.op() == BinaryOp.POW) {
                        parenLeft = precedence(n.left()) <= p;
                        parenRight = precedence(n.right()) < UNARY;
                    } else {
                        parenLeft = precedence(n.left()) < p;
                        parenRight = precedence(n.right()) <= p;
                    }
                    return operand(n.left(), indent, parenLeft) + " " + n.op().symbol() + " "
                            + operand(n.right(), indent, parenRight);
                }

                public String visitCall(Call n) {
                    List<String> args = new ArrayList<>(n.args().size());
                    for (Node a : n.args()) args.add(render(a, indent));
                    return n.function().keyword() + "(" + String.join(", ", args) + ")";
                }

                public String visitNamed(Named n) {
                    // Every Named node is a let or a constant, so neither render() nor write() gets here.
                    throw new IllegalStateException("let '" + n.name() + "' was not planned");
                }
            });
        }

        /** A container on one line, or broken one entry per line (see the class comment). */
        private String block(Node node, List<String> items, String open, String close,
                             String openBroken, String closeBroken, String empty, int indent) {
            if (items.isEmpty()) return empty;
            if (!holdsStructure(node)) {
                String flat = open + String.join(", ", items) + close;
                if (flat.length() <= FLAT_LIMIT && flat.indexOf('\n') < 0) return flat;
            }
            String inner = INDENT.repeat(indent + 1);
            StringBuilder sb = new StringBuilder(openBroken).append('\n');
            for (String item : items) sb.append(inner).append(item).append(",\n");
            return sb.append(INDENT.repeat(indent)).append(closeBroken).toString();
        }
    }

    private static String literal(Object value) {
        return Syntax.literal(value);
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static String indexed(String path, int i) {
        return (path.isEmpty() ? "space" : path) + "[" + i + "]";
    }
}
