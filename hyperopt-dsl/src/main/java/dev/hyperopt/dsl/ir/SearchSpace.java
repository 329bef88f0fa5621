package dev.hyperopt.dsl.ir;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A compiled search space: the root of the graph and its hyperparameters, each with its
 * unique label, its index, and the {@link Condition} under which it is active.
 *
 * <p>Hyperparameters are ordered so that every choice comes before the hyperparameters
 * it conditions: drawing them in index order, skipping those whose condition fails,
 * samples the space correctly.
 *
 * <p>Labels are paths from the root: {@code a.b} for dict keys, {@code a[0]} for list
 * items and unnamed options, {@code a.branch} inside a named branch; a {@link Named}
 * node starts a new path at its name; an explicit label is kept as given.
 */
public final class SearchSpace {

    private final Node root;
    private final List<Hyperparameter> hyperparameters;
    private final List<Condition> conditions;
    private final Map<String, Hyperparameter> byLabel;

    private SearchSpace(Node root, List<Hyperparameter> hyperparameters, List<Condition> conditions) {
        this.root = root;
        this.hyperparameters = List.copyOf(hyperparameters);
        this.conditions = List.copyOf(conditions);
        Map<String, Hyperparameter> m = new LinkedHashMap<>();
        for (Hyperparameter h : hyperparameters) m.put(h.label(), h);
        this.byLabel = Collections.unmodifiableMap(m);
    }

    /**
     * Builds a space from a graph: labels unlabelled hyperparameters by path, numbers them,
     * and works out their conditions.
     *
     * @throws SpaceException when two hyperparameters get the same label
     */
    public static SearchSpace of(Node root) {
        return new Builder().build(root);
    }

    public Node root() { return root; }

    /** All hyperparameters, choices before what they condition. */
    public List<Hyperparameter> hyperparameters() { return hyperparameters; }

    public int size() { return hyperparameters.size(); }

    public Hyperparameter hyperparameter(int index) { return hyperparameters.get(index); }

    /** The hyperparameter with this label, or null. */
    public Hyperparameter byLabel(String label) { return byLabel.get(label); }

    public Set<String> labels() { return byLabel.keySet(); }

    /** When hyperparameter {@code index} is active. */
    public Condition condition(int index) { return conditions.get(index); }

    /** Whether hyperparameter {@code index} is active given the values of the others (NaN = inactive). */
    public boolean isActive(int index, double[] values) {
        return conditions.get(index).holds(values);
    }

    /** A readable form of a condition: {@code optimizer == adam || model == 1}. */
    public String describe(Condition c) {
        if (c.isAlways()) return "always";
        List<String> parts = new ArrayList<>();
        for (Condition.Atom a : c.anyOf()) {
            Choice ch = (Choice) hyperparameters.get(a.choice());
            parts.add(ch.label() + " == " + ch.labelValue(a.option()));
        }
        return String.join(" || ", parts);
    }

    /** Walks the graph once to rebuild it with labels, indices and conditions. */
    private static final class Builder {
        private final Map<Node, Node> rebuilt = new IdentityHashMap<>();
        private final Map<Node, Set<Condition.Atom>> reachedUnder = new IdentityHashMap<>();
        private final Map<Node, List<Condition.Atom>> conditionOf = new IdentityHashMap<>();
        private final List<Hyperparameter> order = new ArrayList<>();
        private final List<SpaceException.Problem> problems = new ArrayList<>();
        private final Map<String, Node> labelOwner = new HashMap<>();
        private static final Condition.Atom ALWAYS = new Condition.Atom(-1, -1);

        SearchSpace build(Node root) {
            // First pass: labels and indices in pre-order (rebuild keeps sharing).
            Node newRoot = rebuild(root, "");
            if (!problems.isEmpty()) throw new SpaceException(problems);
            // Second pass: conditions, walking every place a shared node is used.
            collect(newRoot, ALWAYS);
            List<Hyperparameter> sorted = topological();
            Map<Node, Integer> finalIndex = new IdentityHashMap<>();
            for (int i = 0; i < sorted.size(); i++) finalIndex.put(sorted.get(i), i);
            if (!isIdentity(sorted)) {
                // Re-number so that index order is a valid drawing order.
                rebuilt.clear();
                Map<Node, Integer> want = finalIndex;
                newRoot = renumber(newRoot, want);
                List<Hyperparameter> renumbered = new ArrayList<>(sorted.size());
                for (int i = 0; i < sorted.size(); i++) renumbered.add(null);
                collectRenumbered(newRoot, renumbered);
                Map<Node, List<Condition.Atom>> oldConds = new IdentityHashMap<>(conditionOf);
                List<Condition> conds = new ArrayList<>();
                for (int i = 0; i < sorted.size(); i++) {
                    conds.add(toCondition(oldConds.get(sorted.get(i)), finalIndex, sorted));
                }
                return new SearchSpace(newRoot, renumbered, conds);
            }
            List<Condition> conds = new ArrayList<>();
            for (Hyperparameter h : sorted) conds.add(toCondition(conditionOf.get(h), finalIndex, sorted));
            return new SearchSpace(newRoot, sorted, conds);
        }

        private boolean isIdentity(List<Hyperparameter> sorted) {
            for (int i = 0; i < sorted.size(); i++) if (sorted.get(i).index() != i) return false;
            return true;
        }

        private Condition toCondition(List<Condition.Atom> atoms, Map<Node, Integer> finalIndex, List<Hyperparameter> sorted) {
            if (atoms == null || atoms.contains(ALWAYS)) return Condition.ALWAYS;
            List<Condition.Atom> out = new ArrayList<>();
            for (Condition.Atom a : atoms) {
                out.add(new Condition.Atom(finalIndex.get(order.get(a.choice())), a.option()));
            }
            return new Condition(out);
        }

        private Node rebuild(Node node, String path) {
            Node done = rebuilt.get(node);
            if (done != null) return done;
            Node out = node.accept(new NodeVisitor<Node>() {
                public Node visitLiteral(Literal n) { return n; }

                public Node visitParam(Param n) {
                    String label = n.explicitLabel() ? n.label() : labelFor(path);
                    Param p = n.withIndex(label, order.size());
                    order.add(p);
                    claim(n, label);
                    return p;
                }

                public Node visitChoice(Choice n) {
                    String label = n.explicitLabel() ? n.label() : labelFor(path);
                    int index = order.size();
                    order.add(null); // reserve the slot: a choice precedes its options
                    claim(n, label);
                    List<Node> opts = new ArrayList<>();
                    for (int i = 0; i < n.size(); i++) {
                        String sub = n.kind() == ChoiceKind.NAMED ? join(label, n.names().get(i)) : indexed(label, i);
                        opts.add(rebuild(n.options().get(i), sub));
                    }
                    Choice c = n.rebuilt(label, index, opts);
                    order.set(index, c);
                    return c;
                }

                public Node visitDict(DictNode n) {
                    List<DictNode.Entry> es = new ArrayList<>();
                    for (DictNode.Entry e : n.entries()) es.add(new DictNode.Entry(e.key(), rebuild(e.value(), join(path, e.key()))));
                    return new DictNode(es);
                }

                public Node visitList(ListNode n) {
                    List<Node> items = new ArrayList<>();
                    for (int i = 0; i < n.items().size(); i++) items.add(rebuild(n.items().get(i), indexed(path, i)));
                    return new ListNode(items);
                }

                public Node visitUnary(Unary n) { return new Unary(rebuild(n.operand(), path)); }

                public Node visitBinary(Binary n) {
                    return new Binary(n.op(), rebuild(n.left(), path), rebuild(n.right(), path));
                }

                public Node visitCall(Call n) {
                    List<Node> args = new ArrayList<>();
                    for (Node a : n.args()) args.add(rebuild(a, path));
                    return new Call(n.function(), args);
                }

                public Node visitNamed(Named n) { return new Named(n.name(), rebuild(n.body(), n.name())); }
            });
            rebuilt.put(node, out);
            return out;
        }

        /** Records who owns a label; problems name the node as it was given, so callers can find its source. */
        private void claim(Hyperparameter h, String label) {
            Node previous = labelOwner.putIfAbsent(label, h);
            if (previous != null) {
                problems.add(new SpaceException.Problem(h, previous, "label '" + label + "' names two hyperparameters"
                        + (h.explicitLabel() ? "" : "; bind one with `let` or give it a `label=`")));
            }
        }

        /** Second pass: which choice options reach each hyperparameter. */
        private void collect(Node node, Condition.Atom under) {
            Set<Condition.Atom> seen = reachedUnder.computeIfAbsent(node, k -> new LinkedHashSet<>());
            if (!seen.add(under)) return;
            if (node instanceof Hyperparameter h) {
                conditionOf.computeIfAbsent(h, k -> new ArrayList<>()).add(under);
            }
            node.accept(new NodeVisitor<Void>() {
                public Void visitLiteral(Literal n) { return null; }
                public Void visitParam(Param n) { return null; }

                public Void visitChoice(Choice n) {
                    for (int i = 0; i < n.size(); i++) collect(n.options().get(i), new Condition.Atom(n.index(), i));
                    return null;
                }

                public Void visitDict(DictNode n) {
                    for (DictNode.Entry e : n.entries()) collect(e.value(), under);
                    return null;
                }

                public Void visitList(ListNode n) {
                    for (Node i : n.items()) collect(i, under);
                    return null;
                }

                public Void visitUnary(Unary n) { collect(n.operand(), under); return null; }

                public Void visitBinary(Binary n) {
                    collect(n.left(), under);
                    collect(n.right(), under);
                    return null;
                }

                public Void visitCall(Call n) {
                    for (Node a : n.args()) collect(a, under);
                    return null;
                }

                public Void visitNamed(Named n) { collect(n.body(), under); return null; }
            });
        }

        /** Pre-order, moved only where a shared hyperparameter precedes a choice it depends on. */
        private List<Hyperparameter> topological() {
            List<Hyperparameter> out = new ArrayList<>();
            Set<Integer> placed = new java.util.HashSet<>();
            for (Hyperparameter h : order) place(h, out, placed);
            return out;
        }

        private void place(Hyperparameter h, List<Hyperparameter> out, Set<Integer> placed) {
            if (placed.contains(h.index())) return;
            List<Condition.Atom> atoms = conditionOf.get(h);
            if (atoms != null && !atoms.contains(ALWAYS)) {
                placed.add(h.index()); // no cycles in a let graph, but guard anyway
                for (Condition.Atom a : atoms) place(order.get(a.choice()), out, placed);
                placed.remove(h.index());
            }
            if (placed.add(h.index())) out.add(h);
        }

        private Node renumber(Node node, Map<Node, Integer> want) {
            Node done = rebuilt.get(node);
            if (done != null) return done;
            Node out = node.accept(new NodeVisitor<Node>() {
                public Node visitLiteral(Literal n) { return n; }
                public Node visitParam(Param n) { return n.withIndex(n.label(), want.get(n)); }

                public Node visitChoice(Choice n) {
                    List<Node> opts = new ArrayList<>();
                    for (Node o : n.options()) opts.add(renumber(o, want));
                    return n.rebuilt(n.label(), want.get(n), opts);
                }

                public Node visitDict(DictNode n) {
                    List<DictNode.Entry> es = new ArrayList<>();
                    for (DictNode.Entry e : n.entries()) es.add(new DictNode.Entry(e.key(), renumber(e.value(), want)));
                    return new DictNode(es);
                }

                public Node visitList(ListNode n) {
                    List<Node> items = new ArrayList<>();
                    for (Node i : n.items()) items.add(renumber(i, want));
                    return new ListNode(items);
                }

                public Node visitUnary(Unary n) { return new Unary(renumber(n.operand(), want)); }
                public Node visitBinary(Binary n) { return new Binary(n.op(), renumber(n.left(), want), renumber(n.right(), want)); }

                public Node visitCall(Call n) {
                    List<Node> args = new ArrayList<>();
                    for (Node a : n.args()) args.add(renumber(a, want));
                    return new Call(n.function(), args);
                }

                public Node visitNamed(Named n) { return new Named(n.name(), renumber(n.body(), want)); }
            });
            rebuilt.put(node, out);
            return out;
        }

        private void collectRenumbered(Node node, List<Hyperparameter> into) {
            if (node instanceof Hyperparameter h) into.set(h.index(), h);
            if (node instanceof Choice c) for (Node o : c.options()) collectRenumbered(o, into);
            else if (node instanceof DictNode d) for (DictNode.Entry e : d.entries()) collectRenumbered(e.value(), into);
            else if (node instanceof ListNode l) for (Node i : l.items()) collectRenumbered(i, into);
            else if (node instanceof Unary u) collectRenumbered(u.operand(), into);
            else if (node instanceof Binary b) { collectRenumbered(b.left(), into); collectRenumbered(b.right(), into); }
            else if (node instanceof Call c) for (Node a : c.args()) collectRenumbered(a, into);
            else if (node instanceof Named n) collectRenumbered(n.body(), into);
        }
    }

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    static String indexed(String path, int i) {
        return (path.isEmpty() ? "space" : path) + "[" + i + "]";
    }

    private static String labelFor(String path) {
        return path.isEmpty() ? "space" : path;
    }
}
