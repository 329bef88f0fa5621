package dev.hyperopt.engine.space;

import dev.hyperopt.dsl.ir.Arithmetic;
import dev.hyperopt.dsl.ir.Binary;
import dev.hyperopt.dsl.ir.BinaryOp;
import dev.hyperopt.dsl.ir.Call;
import dev.hyperopt.dsl.ir.Choice;
import dev.hyperopt.dsl.ir.ChoiceKind;
import dev.hyperopt.dsl.ir.DictNode;
import dev.hyperopt.dsl.ir.Dist;
import dev.hyperopt.dsl.ir.Distribution;
import dev.hyperopt.dsl.ir.ExpressionException;
import dev.hyperopt.dsl.ir.Hyperparameter;
import dev.hyperopt.dsl.ir.ListNode;
import dev.hyperopt.dsl.ir.Literal;
import dev.hyperopt.dsl.ir.Named;
import dev.hyperopt.dsl.ir.Node;
import dev.hyperopt.dsl.ir.Num;
import dev.hyperopt.dsl.ir.Param;
import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.dsl.ir.Unary;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The inverse of {@link SpaceEvaluator#evaluate}: the {@link Assignment} whose configuration
 * is a given one, so that a configuration written by hand (or printed by {@code hyperopt
 * sample}) can be queued as a trial.
 *
 * <p>A distribution's value is its hyperparameter's value, checked against the prior's
 * support (bounds, grid, integers; floats within a relative 1e-9). A named choice takes the
 * branch named by the object's single key. Another choice takes the first option, in the
 * order written, under which the whole configuration maps back. Dicts match key by key,
 * lists item by item, literals by value. An expression over one hyperparameter that is
 * {@code +}, {@code -}, {@code *}, {@code /} by constants, {@code **} with a constant base or
 * exponent, a cast, {@code round}, {@code log}, {@code exp}, {@code sqrt}, {@code abs},
 * {@code min} or {@code max} with constants is solved for it; any other expression must be
 * fully determined by hyperparameters given elsewhere. A hyperparameter used in several
 * places ({@code let}) must get the same value in each.
 *
 * <p>Integers and floats are told apart first ({@code 0} is not {@code 0.0}, as the
 * evaluator would never produce one for the other); only when no reading keeps every type
 * are numbers compared by value, so {@code 1} may stand for a float hyperparameter.
 */
public final class ConfigInversion {
    private static final double TOLERANCE = 1e-9;

    private final SearchSpace space;
    /** Hyperparameters reachable from more than one place: their value constrains other parts. */
    private final Set<Node> shared;
    /** Nodes whose subtree holds a shared hyperparameter: the choices that need backtracking. */
    private final Map<Node, Boolean> holdsShared = new IdentityHashMap<>();
    private final boolean strict;

    private double[] values;
    /** Where in the configuration each bound value came from, for conflict messages. */
    private String[] boundAt;
    /** Expressions not yet solved in the current scope (the root or a choice option). */
    private List<Goal> goals = new ArrayList<>();
    /** What is left to match; persistent, so a choice point keeps its rest by reference. */
    private Agenda agenda;
    private final Deque<ChoicePoint> points = new ArrayDeque<>();

    private ConfigInversion(SearchSpace space, Set<Node> shared, boolean strict) {
        this.space = space;
        this.shared = shared;
        this.strict = strict;
        this.values = new double[space.size()];
        Arrays.fill(values, Double.NaN);
        this.boundAt = new String[space.size()];
    }

    /**
     * The assignment that {@link SpaceEvaluator#evaluate} turns into {@code config}.
     *
     * @param config nested {@link Map}s with string keys, {@link List}s, {@link Number}s,
     *               {@link String}s, {@link Boolean}s and null, as a JSON reader gives them
     * @throws IllegalArgumentException with a one-line message saying where (a path such as
     *         {@code optimizer.adam.beta1}) and why the configuration does not map back
     */
    public static Assignment fromConfig(SearchSpace space, Object config) {
        Objects.requireNonNull(space, "space");
        Set<Node> shared = sharedHyperparameters(space.root());
        try {
            return new ConfigInversion(space, shared, true).run(config);
        } catch (Mismatch typed) {
            try {
                return new ConfigInversion(space, shared, false).run(config);
            } catch (Mismatch m) {
                throw new IllegalArgumentException(m.render());
            }
        }
    }

    // ---------------------------------------------------------------- the search

    private Assignment run(Object config) {
        agenda = new Agenda(new MatchTask(space.root(), config, ""), null);
        while (true) {
            try {
                while (agenda != null) {
                    Task t = agenda.head();
                    agenda = agenda.tail();
                    if (t instanceof MatchTask m) match(m.node(), m.value(), m.path());
                    else endOption((EndOption) t);
                }
                resolve(goals, true);
                return new Assignment(space, values);
            } catch (Mismatch m) {
                backtrack(m);
            }
        }
    }

    private void push(Node node, Object value, String path) {
        agenda = new Agenda(new MatchTask(node, value, path), agenda);
    }

    private void match(Node node, Object value, String path) {
        if (node instanceof Literal l) matchLiteral(l, value, path);
        else if (node instanceof Param p) matchParam(p, value, path);
        else if (node instanceof Choice c) matchChoice(c, value, path);
        else if (node instanceof DictNode d) matchDict(d, value, path);
        else if (node instanceof ListNode l) matchList(l, value, path);
        else if (node instanceof Named n) match(n.body(), value, path);
        else matchExpression(node, value, path);
    }

    private void matchLiteral(Literal l, Object value, String path) {
        Object want = l.value();
        boolean same = want instanceof Long || want instanceof Double
                ? value instanceof Number n && sameNumber(want, n)
                : Objects.equals(want, value);
        if (!same) {
            throw new Mismatch(path, "expected " + show(want) + ", got " + show(value),
                    !kind(want).equals(kind(value)), show(want));
        }
    }

    private void matchParam(Param p, Object value, String path) {
        if (!(value instanceof Number n)) throw shape(path, "a number", value);
        Distribution d = p.distribution();
        if (strict && isIntegral(n) != d.kind().isInteger()) {
            throw new Mismatch(path, "expected " + (d.kind().isInteger() ? "an integer" : "a float") + ", got " + show(value), false, null);
        }
        double x = n.doubleValue();
        String problem = supportProblem(d, x);
        if (problem != null) throw new Mismatch(path, show(value) + " " + problem + " (" + describe(p) + ")", false, null);
        bind(p, x, path);
    }

    private void matchDict(DictNode d, Object value, String path) {
        List<String> keys = new ArrayList<>();
        for (DictNode.Entry e : d.entries()) keys.add(e.key());
        String expected = keys.isEmpty() ? "an empty object" : "an object with keys " + String.join(", ", keys);
        if (!(value instanceof Map<?, ?> m)) throw shape(path, expected, value);
        for (Object k : m.keySet()) {
            if (!(k instanceof String) || !keys.contains(k)) {
                throw new Mismatch(path, "unexpected key '" + k + "' (expected " + (keys.isEmpty() ? "none" : String.join(", ", keys)) + ")",
                        true, expected);
            }
        }
        for (String k : keys) if (!m.containsKey(k)) throw new Mismatch(path, "missing key '" + k + "'", true, expected);
        for (int i = d.entries().size() - 1; i >= 0; i--) {
            DictNode.Entry e = d.entries().get(i);
            push(e.value(), m.get(e.key()), join(path, e.key()));
        }
    }

    private void matchList(ListNode l, Object value, String path) {
        int n = l.items().size();
        String expected = "a list of " + items(n);
        if (!(value instanceof List<?> list)) throw shape(path, expected, value);
        if (list.size() != n) throw new Mismatch(path, "expected " + expected + ", got " + items(list.size()), true, expected);
        for (int i = n - 1; i >= 0; i--) push(l.items().get(i), list.get(i), path + "[" + i + "]");
    }

    private void matchChoice(Choice c, Object value, String path) {
        int i = c.index();
        if (c.kind() == ChoiceKind.NAMED) {
            String expected = "an object with one key of " + String.join(", ", c.names());
            if (!(value instanceof Map<?, ?> m) || m.size() != 1) throw shape(path, expected, value);
            Object key = m.keySet().iterator().next();
            int branch = c.names().indexOf(key);
            if (branch < 0) {
                throw new Mismatch(path, "'" + key + "' is not a branch of choice '" + c.label() + "' ("
                        + String.join(", ", c.names()) + ")", true, expected);
            }
            if (!Double.isNaN(values[i]) && values[i] != branch) {
                throw new Mismatch(path, "choice '" + c.label() + "' is '" + key + "' here but '" + c.names().get((int) values[i])
                        + "' at " + where(boundAt[i]), false, null);
            }
            bind(c, branch, path);
            push(c.options().get(branch), m.get(key), join(path, (String) key));
        } else if (!Double.isNaN(values[i])) {
            // A shared choice already decided elsewhere: only its option there can match here.
            int option = (int) values[i];
            try {
                match(c.options().get(option), value, path);
            } catch (Mismatch m) {
                if (!m.path.equals(path)) throw m;
                throw new Mismatch(path, m.detail + " (choice '" + c.label() + "' is option " + option + " at " + where(boundAt[i]) + ")",
                        m.shallow, m.expected);
            }
        } else {
            ChoicePoint cp = new ChoicePoint(c, value, path, agenda, values.clone(), boundAt.clone(), List.copyOf(goals),
                    holdsShared(c));
            points.push(cp);
            startOption(cp, 0);
        }
    }

    private void startOption(ChoicePoint cp, int option) {
        values = cp.values.clone();
        boundAt = cp.boundAt.clone();
        goals = new ArrayList<>();
        cp.option = option;
        cp.reachedEnd = false;
        bind(cp.choice, option, cp.path);
        agenda = new Agenda(new MatchTask(cp.choice.options().get(option), cp.value, cp.path),
                new Agenda(new EndOption(cp), cp.rest));
    }

    /** An option's subtree matched: solve its expressions, and commit if nothing else can depend on it. */
    private void endOption(EndOption end) {
        ChoicePoint cp = end.point();
        // What an independent option leaves unsolved only involves its own hyperparameters: nothing later can help.
        List<Goal> open = resolve(goals, !cp.dependent);
        goals = new ArrayList<>(cp.goals);
        goals.addAll(open);
        cp.reachedEnd = true;
        if (!cp.dependent) {
            // Options nested inside were committed at their own ends, so cp is on top.
            points.remove(cp);
        }
    }

    /** Tries the next option of the innermost open choice; gives up with the best message when none is left. */
    private void backtrack(Mismatch m) {
        Mismatch failure = m;
        while (!points.isEmpty()) {
            ChoicePoint cp = points.peek();
            cp.failures[cp.option] = failure;
            cp.afterOption[cp.option] = cp.reachedEnd;
            if (cp.option + 1 < cp.choice.size()) {
                startOption(cp, cp.option + 1);
                return;
            }
            points.pop();
            failure = cp.exhausted();
        }
        throw failure;
    }

    private void bind(Hyperparameter h, double x, String path) {
        int i = h.index();
        if (Double.isNaN(values[i])) {
            values[i] = x;
            boundAt[i] = path;
            return;
        }
        boolean same = h instanceof Choice || strict || ((Param) h).distribution().kind().isInteger()
                ? values[i] == x : close(values[i], x);
        if (!same) {
            throw new Mismatch(path, "'" + h.label() + "' is " + showValue(h, x) + " here but " + showValue(h, values[i]) + " at "
                    + where(boundAt[i]), false, null);
        }
    }

    // ---------------------------------------------------------------- expressions

    private record Goal(Node node, Number target, String path) {}

    private void matchExpression(Node node, Object value, String path) {
        if (!(value instanceof Number n)) throw shape(path, "a number", value);
        Goal g = new Goal(node, n, path);
        if (unknowns(node).isEmpty()) check(g);
        else goals.add(g);
    }

    /**
     * Solves what can be solved, simplest first: expressions already determined are checked;
     * one unknown hyperparameter is solved for. What needs more than one unknown waits for
     * the enclosing scope; at the root it cannot be mapped back.
     */
    private List<Goal> resolve(List<Goal> pending, boolean root) {
        List<Goal> open = new ArrayList<>(pending);
        while (true) {
            Goal next = null;
            int best = Integer.MAX_VALUE;
            for (Goal g : open) {
                int c = cost(g.node());
                if (c < best) {
                    best = c;
                    next = g;
                }
            }
            if (next == null) break;
            open.remove(next);
            solve(next);
        }
        if (root && !open.isEmpty()) throw notInvertible(open.get(0));
        return open;
    }

    /** 0 for a determined expression, the number of steps to one unknown numeric hyperparameter, or MAX_VALUE. */
    private int cost(Node node) {
        Set<Hyperparameter> u = unknowns(node);
        if (u.isEmpty()) return 0;
        if (u.size() != 1) return Integer.MAX_VALUE;
        Hyperparameter h = u.iterator().next();
        if (h instanceof Param p) {
            int steps = chain(node, p);
            return steps < 0 ? Integer.MAX_VALUE : 1 + steps;
        }
        return 1000; // one unknown choice: try its options
    }

    private void solve(Goal g) {
        Set<Hyperparameter> u = unknowns(g.node());
        if (u.isEmpty()) {
            check(g);
            return;
        }
        Hyperparameter h = u.iterator().next();
        if (h instanceof Param p) {
            invert(g, p);
            return;
        }
        // A choice inside an expression, e.g. choice(16, 32) * 2: the first option that gives the value.
        Choice c = (Choice) h;
        double[] savedValues = values.clone();
        String[] savedAt = boundAt.clone();
        for (int i = 0; i < c.size(); i++) {
            try {
                bind(c, i, g.path());
                if (cost(g.node()) == Integer.MAX_VALUE) throw notInvertible(g);
                solve(g);
                return;
            } catch (Mismatch m) {
                values = savedValues.clone();
                boundAt = savedAt.clone();
            }
        }
        throw new Mismatch(g.path(), "no option of choice '" + c.label() + "' gives " + show(g.target()) + " for " + render(g.node()),
                false, null);
    }

    private void check(Goal g) {
        Object got;
        try {
            got = eval(g.node());
        } catch (ExpressionException e) {
            throw new Mismatch(g.path(), render(g.node()) + " has no value" + given(g.node()) + ": " + e.getMessage(), false, null);
        }
        if (!sameNumber(got, g.target())) {
            throw new Mismatch(g.path(), render(g.node()) + " is " + show(got) + given(g.node()) + ", not " + show(g.target()), false, null);
        }
    }

    /** Solves {@code g} for its one unknown {@code p}, preferring a value that reproduces the target exactly. */
    private void invert(Goal g, Param p) {
        double t = g.target().doubleValue();
        Distribution d = p.distribution();
        Double exact = null;
        Double near = null;
        Double outside = null;
        String outsideWhy = null;
        search:
        for (double raw : preimages(g.node(), p, t)) {
            if (outside == null) {
                // Out of bounds even where it rounds to: the prior excludes it, whatever the grid.
                double snapped = d.kind().isInteger() ? Math.rint(raw) : d.kind().isQuantized() ? d.quantize(raw) : raw;
                outsideWhy = boundsProblem(d, snapped);
                if (outsideWhy != null) outside = snapped;
            }
            for (double x : candidates(d, raw)) {
                if (supportProblem(d, x) != null) continue;
                Object got = forward(g.node(), p, x);
                if (got == null) continue;
                if (exactly(got, g.target())) {
                    exact = x;
                    break search;
                }
                if (near == null && sameNumber(got, g.target())) near = x;
            }
        }
        Double chosen = exact != null ? exact : near;
        if (chosen != null) {
            bind(p, chosen, g.path());
            return;
        }
        if (outside != null) {
            throw new Mismatch(g.path(), show(g.target()) + " needs '" + p.label() + "' = " + showValue(p, outside) + ", which "
                    + outsideWhy + " (" + describe(p) + ")", false, null);
        }
        throw new Mismatch(g.path(), "no value of " + describe(p) + " makes " + render(g.node()) + " = " + show(g.target()), false, null);
    }

    /** The value of {@code node} with {@code p} set to {@code x}, or null when it has none. */
    private Object forward(Node node, Param p, double x) {
        values[p.index()] = x;
        try {
            return eval(node);
        } catch (ExpressionException e) {
            return null;
        } finally {
            values[p.index()] = Double.NaN;
        }
    }

    /** Values of {@code p} that the operations between {@code node} and {@code p}, undone, give for {@code t}. */
    private List<Double> preimages(Node node, Param p, double t) {
        if (node instanceof Param q && q.index() == p.index()) return List.of(t);
        if (node instanceof Named n) return preimages(n.body(), p, t);
        if (node instanceof Choice c) return preimages(c.options().get((int) values[c.index()]), p, t);
        if (node instanceof Unary u) return preimages(u.operand(), p, -t);
        if (node instanceof Binary b) {
            boolean left = occurrences(b.left(), p) == 1;
            Node inner = left ? b.left() : b.right();
            double c;
            try {
                c = ((Number) eval(left ? b.right() : b.left())).doubleValue();
            } catch (ExpressionException e) {
                return List.of();
            }
            List<Double> ts = switch (b.op()) {
                case ADD -> List.of(t - c);
                case SUB -> List.of(left ? t + c : c - t);
                case MUL -> List.of(c == 0 ? 0.0 : t / c);
                case DIV -> left ? List.of(t * c) : t == 0 ? List.of() : List.of(c / t);
                case POW -> left ? root(t, c) : logarithm(t, c);
                case MOD -> List.of();
            };
            List<Double> out = new ArrayList<>();
            for (double ti : ts) if (Double.isFinite(ti)) out.addAll(preimages(inner, p, ti));
            return out;
        }
        Call call = (Call) node;
        Node inner = null;
        for (Node a : call.args()) if (occurrences(a, p) == 1) inner = a;
        List<Double> ts = switch (call.function()) {
            case INT, FLOAT, ROUND, MIN, MAX -> List.of(t);
            case LOG -> List.of(Math.exp(t));
            case EXP -> t > 0 ? List.of(Math.log(t)) : List.of();
            case SQRT -> t >= 0 ? List.of(t * t) : List.of();
            case ABS -> t > 0 ? List.of(t, -t) : t == 0 ? List.of(0.0) : List.of();
        };
        List<Double> out = new ArrayList<>();
        for (double ti : ts) if (Double.isFinite(ti)) out.addAll(preimages(inner, p, ti));
        return out;
    }

    /** x with x ** c = t. */
    private static List<Double> root(double t, double c) {
        if (c == 0) return List.of(1.0); // any x gives 1; the candidates move it into the support
        double r = Math.pow(Math.abs(t), 1 / c);
        return t < 0 ? List.of(-r) : List.of(r, -r);
    }

    /** x with c ** x = t. */
    private static List<Double> logarithm(double t, double c) {
        if (c == 1) return List.of(0.0);
        if (!(c > 0) || !(t > 0)) return List.of();
        return List.of(c == 10 ? Math.log10(t) : c == 2 ? Math.log(t) / Math.log(2) : Math.log(t) / Math.log(c));
    }

    /** Values near {@code raw} that the prior can produce: on its grid, integral, inside its bounds, a few ulps off. */
    private static Set<Double> candidates(Distribution d, double raw) {
        Set<Double> out = new LinkedHashSet<>();
        if (!Double.isFinite(raw)) return out;
        out.add(raw);
        Dist k = d.kind();
        if (k.isInteger()) {
            out.add(Math.rint(raw));
            out.add(Math.floor(raw));
            out.add(Math.ceil(raw));
        } else if (k.isQuantized()) {
            double g = d.quantize(raw);
            out.add(g);
            out.add(g - d.q());
            out.add(g + d.q());
        } else {
            double down = raw;
            double up = raw;
            for (int i = 0; i < 4; i++) {
                down = Math.nextDown(down);
                up = Math.nextUp(up);
                out.add(down);
                out.add(up);
            }
        }
        if (k.isBounded()) {
            double lo = d.a();
            double hi = k == Dist.RANDINT ? d.b() - 1 : d.b();
            double clamped = Math.max(lo, Math.min(hi, raw));
            out.add(clamped);
            if (k.isQuantized()) {
                double g = d.quantize(clamped);
                out.add(g);
                out.add(g - d.q());
                out.add(g + d.q());
            }
        }
        return out;
    }

    /** The hyperparameters that evaluating {@code node} needs and that have no value yet, in evaluation order. */
    private Set<Hyperparameter> unknowns(Node node) {
        Set<Hyperparameter> out = new LinkedHashSet<>();
        collectUnknowns(node, out);
        return out;
    }

    private void collectUnknowns(Node node, Set<Hyperparameter> out) {
        if (node instanceof Param p) {
            if (Double.isNaN(values[p.index()])) out.add(p);
        } else if (node instanceof Choice c) {
            if (Double.isNaN(values[c.index()])) out.add(c);
            else collectUnknowns(c.options().get((int) values[c.index()]), out);
        } else {
            for (Node child : children(node)) collectUnknowns(child, out);
        }
    }

    /** How often evaluating {@code node} reaches {@code p}. */
    private int occurrences(Node node, Param p) {
        if (node instanceof Param q) return q.index() == p.index() ? 1 : 0;
        if (node instanceof Choice c) {
            return Double.isNaN(values[c.index()]) ? 0 : occurrences(c.options().get((int) values[c.index()]), p);
        }
        int n = 0;
        for (Node child : children(node)) n += occurrences(child, p);
        return n;
    }

    /** The number of invertible operations between {@code node} and its one occurrence of {@code p}, or -1. */
    private int chain(Node node, Param p) {
        if (node instanceof Param q) return q.index() == p.index() ? 0 : -1;
        if (occurrences(node, p) != 1) return -1;
        if (node instanceof Named n) return chain(n.body(), p);
        if (node instanceof Choice c) return chain(c.options().get((int) values[c.index()]), p);
        if (node instanceof Unary u) return step(chain(u.operand(), p));
        if (node instanceof Binary b) {
            if (b.op() == BinaryOp.MOD) return -1;
            return step(chain(occurrences(b.left(), p) == 1 ? b.left() : b.right(), p));
        }
        if (node instanceof Call c) {
            for (Node a : c.args()) if (occurrences(a, p) == 1) return step(chain(a, p));
        }
        return -1;
    }

    private static int step(int steps) {
        return steps < 0 ? -1 : steps + 1;
    }

    private static List<Node> children(Node node) {
        if (node instanceof Named n) return List.of(n.body());
        if (node instanceof Unary u) return List.of(u.operand());
        if (node instanceof Binary b) return List.of(b.left(), b.right());
        if (node instanceof Call c) return c.args();
        if (node instanceof DictNode d) return d.entries().stream().map(DictNode.Entry::value).toList();
        if (node instanceof ListNode l) return l.items();
        if (node instanceof Choice c) return c.options();
        return List.of();
    }

    /** What {@link SpaceEvaluator} computes for {@code node} from the values bound so far. */
    private Object eval(Node node) {
        if (node instanceof Literal l) return l.value();
        if (node instanceof Param p) {
            double v = values[p.index()];
            return p.distribution().kind().isInteger() ? (Object) (long) v : (Object) v;
        }
        if (node instanceof Choice c) {
            Object v = eval(c.options().get((int) values[c.index()]));
            return c.kind() == ChoiceKind.NAMED ? Map.of(c.names().get((int) values[c.index()]), v) : v;
        }
        if (node instanceof Named n) return eval(n.body());
        if (node instanceof Unary u) return Arithmetic.negate(eval(u.operand()));
        if (node instanceof Binary b) return Arithmetic.apply(b.op(), eval(b.left()), eval(b.right()));
        if (node instanceof Call c) {
            List<Object> args = new ArrayList<>();
            for (Node a : c.args()) args.add(eval(a));
            return Arithmetic.call(c.function(), args);
        }
        throw new IllegalStateException("not a numeric expression: " + node.type().display());
    }

    private Mismatch notInvertible(Goal g) {
        List<String> labels = new ArrayList<>();
        for (Hyperparameter h : unknowns(g.node())) labels.add("'" + h.label() + "'");
        return new Mismatch(g.path(), "cannot map " + show(g.target()) + " back through " + render(g.node()) + " to "
                + String.join(", ", labels) + "; give the labels instead (--labels)", false, null);
    }

    /** {@code " with 'a' = 1 (from x.y)"} for the hyperparameters an expression used. */
    private String given(Node node) {
        Set<Hyperparameter> used = new LinkedHashSet<>();
        collectUsed(node, used);
        List<String> parts = new ArrayList<>();
        for (Hyperparameter h : used) {
            parts.add("'" + h.label() + "' = " + showValue(h, values[h.index()]) + " (from " + where(boundAt[h.index()]) + ")");
        }
        return parts.isEmpty() ? "" : " with " + String.join(", ", parts);
    }

    private void collectUsed(Node node, Set<Hyperparameter> out) {
        if (node instanceof Hyperparameter h) out.add(h);
        if (node instanceof Choice c) collectUsed(c.options().get((int) values[c.index()]), out);
        else for (Node child : children(node)) collectUsed(child, out);
    }

    // ---------------------------------------------------------------- numbers and supports

    private static boolean isIntegral(Object n) {
        return n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte || n instanceof BigInteger;
    }

    /** Equal as the mode asks: strictly, the same type and value; otherwise the same number within the tolerance. */
    private boolean sameNumber(Object want, Number given) {
        if (exactly(want, given)) return true;
        if (strict) return false;
        double a = ((Number) want).doubleValue();
        double b = given.doubleValue();
        if (isIntegral(want) && isIntegral(given)) return false; // integers are exact, and exactly() said no
        return close(a, b);
    }

    private static boolean exactly(Object want, Number given) {
        if (!(want instanceof Number w) || isIntegral(w) != isIntegral(given)) return false;
        if (isIntegral(w)) {
            BigInteger a = w instanceof BigInteger bw ? bw : BigInteger.valueOf(w.longValue());
            BigInteger b = given instanceof BigInteger bg ? bg : BigInteger.valueOf(given.longValue());
            return a.equals(b);
        }
        return Double.valueOf(w.doubleValue()).equals(given.doubleValue());
    }

    private static boolean close(double a, double b) {
        return a == b || Math.abs(a - b) <= TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
    }

    /**
     * Why the prior cannot produce {@code x} ("is outside [0, 1]"), or null when it can. Bounds
     * and grid get a relative slack of 1e-9, since samples and hand-written decimals round.
     */
    private static String supportProblem(Distribution d, double x) {
        if (!Double.isFinite(x)) return "is not a finite number";
        Dist k = d.kind();
        if (k.isInteger() && x != Math.rint(x)) return "is not an integer";
        if (k.isQuantized()) {
            double g = d.quantize(x);
            if (!close(g, x) && Math.abs(g - x) > TOLERANCE * d.q()) return "is not a multiple of " + Num.format(d.q());
        }
        return boundsProblem(d, x);
    }

    /** Why {@code x} lies beyond the prior's range, or null when it does not. */
    private static String boundsProblem(Distribution d, double x) {
        if (!Double.isFinite(x)) return "is not a finite number";
        Dist k = d.kind();
        if (k.isInteger()) {
            double hi = k == Dist.RANDINT ? d.b() - 1 : d.b();
            if (x < d.a() || x > hi) return "is outside [" + Num.display(d.a()) + ", " + Num.display(hi) + "]";
            return null;
        }
        double lo = Double.NEGATIVE_INFINITY;
        double hi = Double.POSITIVE_INFINITY;
        if (k.isBounded()) {
            lo = k.isQuantized() ? d.quantize(d.a()) : d.a();
            hi = k.isQuantized() ? d.quantize(d.b()) : d.b();
        } else if (k.isLog()) {
            lo = 0;
        }
        double slack = TOLERANCE * Math.max(Double.isFinite(lo) ? Math.abs(lo) : 0, Double.isFinite(hi) ? Math.abs(hi) : 0);
        if (x < lo - slack || x > hi + slack) {
            return Double.isInfinite(hi) ? "is negative" : "is outside [" + Num.format(lo) + ", " + Num.format(hi) + "]";
        }
        return null;
    }

    // ---------------------------------------------------------------- which choices need backtracking

    /** Hyperparameters reachable from the root along more than one path. */
    private static Set<Node> sharedHyperparameters(Node root) {
        Map<Node, Integer> parents = new IdentityHashMap<>();
        countParents(root, parents, Collections.newSetFromMap(new IdentityHashMap<>()));
        Set<Node> out = Collections.newSetFromMap(new IdentityHashMap<>());
        markShared(root, false, parents, out, Collections.newSetFromMap(new IdentityHashMap<>()),
                Collections.newSetFromMap(new IdentityHashMap<>()));
        return out;
    }

    private static void countParents(Node node, Map<Node, Integer> parents, Set<Node> seen) {
        if (!seen.add(node)) return;
        for (Node child : children(node)) {
            parents.merge(child, 1, Integer::sum);
            countParents(child, parents, seen);
        }
    }

    private static void markShared(Node node, boolean under, Map<Node, Integer> parents, Set<Node> out,
                                   Set<Node> seenPlain, Set<Node> seenShared) {
        boolean s = under || parents.getOrDefault(node, 0) > 1;
        if (!(s ? seenShared : seenPlain).add(node)) return;
        if (s && node instanceof Hyperparameter) out.add(node);
        for (Node child : children(node)) markShared(child, s, parents, out, seenPlain, seenShared);
    }

    private boolean holdsShared(Node node) {
        Boolean known = holdsShared.get(node);
        if (known != null) return known;
        boolean r = shared.contains(node);
        for (Node child : children(node)) r |= holdsShared(child);
        holdsShared.put(node, r);
        return r;
    }

    // ---------------------------------------------------------------- state of the search

    private sealed interface Task permits MatchTask, EndOption {}

    private record MatchTask(Node node, Object value, String path) implements Task {}

    private record EndOption(ChoicePoint point) implements Task {}

    private record Agenda(Task head, Agenda tail) {}

    /** An open choice: the state before it, so that the next option can start from there. */
    private static final class ChoicePoint {
        final Choice choice;
        final Object value;
        final String path;
        final Agenda rest;
        final double[] values;
        final String[] boundAt;
        final List<Goal> goals;
        /** Whether its options hold shared hyperparameters, so that what follows may reject an option that matched. */
        final boolean dependent;
        final Mismatch[] failures;
        /** Per option: whether it failed after its own subtree had matched. */
        final boolean[] afterOption;
        int option;
        boolean reachedEnd;

        ChoicePoint(Choice choice, Object value, String path, Agenda rest, double[] values, String[] boundAt,
                    List<Goal> goals, boolean dependent) {
            this.choice = choice;
            this.value = value;
            this.path = path;
            this.rest = rest;
            this.values = values;
            this.boundAt = boundAt;
            this.goals = goals;
            this.dependent = dependent;
            this.failures = new Mismatch[choice.size()];
            this.afterOption = new boolean[choice.size()];
        }

        /**
         * Why no option works. A failure further on (after an option matched) is the real
         * problem; otherwise the options that fail on their shape are left out when others
         * come closer.
         */
        Mismatch exhausted() {
            for (int i = failures.length - 1; i >= 0; i--) if (afterOption[i]) return failures[i];
            List<Integer> close = new ArrayList<>();
            Set<String> shapes = new LinkedHashSet<>();
            for (int i = 0; i < failures.length; i++) {
                Mismatch f = failures[i];
                if (f.shallow && f.path.equals(path)) shapes.add(f.expected);
                else close.add(i);
            }
            if (close.isEmpty()) {
                List<String> kinds = new ArrayList<>(shapes);
                String expected = kinds.size() == 1 ? kinds.get(0)
                        : String.join(", ", kinds.subList(0, kinds.size() - 1)) + " or " + kinds.get(kinds.size() - 1);
                return new Mismatch(path, "expected " + expected + ", got " + brief(value), true, expected);
            }
            if (close.size() == 1) return failures[close.get(0)];
            List<String> parts = new ArrayList<>();
            for (int i : close) {
                Mismatch f = failures[i];
                if (f.path.equals(path)) parts.add(f.expected != null ? "option " + i + " is " + f.expected : "option " + i + ": " + f.detail);
                else parts.add("option " + i + ": " + f.render());
            }
            return new Mismatch(path, "no option of choice '" + choice.label() + "' gives " + brief(value) + " ("
                    + String.join("; ", parts) + ")", false, null);
        }
    }

    /** Why (part of) a configuration does not map back; cheap, since the search throws many. */
    private static final class Mismatch extends RuntimeException {
        final String path;
        final String detail;
        /** Failed on its kind or keys rather than on a value: an option the user did not mean. */
        final boolean shallow;
        /** What the node would accept, for messages that list options; null when it says nothing short. */
        final String expected;

        Mismatch(String path, String detail, boolean shallow, String expected) {
            super(null, null, false, false);
            this.path = path;
            this.detail = detail;
            this.shallow = shallow;
            this.expected = expected;
        }

        String render() {
            return path.isEmpty() ? detail : path + ": " + detail;
        }
    }

    private static Mismatch shape(String path, String expected, Object value) {
        return new Mismatch(path, "expected " + expected + ", got " + brief(value), true, expected);
    }

    // ---------------------------------------------------------------- messages

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static String where(String path) {
        return path.isEmpty() ? "the top" : path;
    }

    private static String items(int n) {
        return n == 1 ? "1 item" : n + " items";
    }

    private static String describe(Param p) {
        return "'" + p.label() + "' ~ " + p.distribution();
    }

    private static String showValue(Hyperparameter h, double x) {
        if (h instanceof Choice c) return c.kind() == ChoiceKind.NAMED ? "'" + c.names().get((int) x) + "'" : "option " + (long) x;
        return ((Param) h).distribution().kind().isInteger() ? Long.toString((long) x) : Num.format(x);
    }

    private static String kind(Object v) {
        if (v == null) return "null";
        if (v instanceof Number) return "a number";
        if (v instanceof String) return "a string";
        if (v instanceof Boolean) return "a boolean";
        if (v instanceof Map) return "an object";
        if (v instanceof List) return "a list";
        return "a " + v.getClass().getSimpleName();
    }

    /** A scalar as JSON writes it; an object or a list by its shape. */
    private static String brief(Object v) {
        if (v instanceof Map<?, ?> m) {
            if (m.isEmpty()) return "an empty object";
            List<String> keys = new ArrayList<>();
            for (Object k : m.keySet()) keys.add(String.valueOf(k));
            return "an object with keys " + String.join(", ", keys);
        }
        if (v instanceof List<?> l) return "a list of " + items(l.size());
        return show(v);
    }

    private static String show(Object v) {
        if (v == null) return "null";
        if (v instanceof String s) return "\"" + s + "\"";
        if (v instanceof Double || v instanceof Float || v instanceof BigDecimal) return Num.format(((Number) v).doubleValue());
        if (v instanceof Number || v instanceof Boolean) return v.toString();
        return brief(v);
    }

    /** An expression as {@code .hspace} text, for messages. */
    private static String render(Node node) {
        if (node instanceof Literal l) return show(l.value());
        if (node instanceof Param p) return p.distribution().toString();
        if (node instanceof Choice c) return "choice '" + c.label() + "'";
        if (node instanceof Named n) return n.name();
        if (node instanceof Unary u) return "-" + wrap(u.operand(), 3, true);
        if (node instanceof Binary b) {
            int prec = b.op().precedence();
            boolean pow = b.op() == BinaryOp.POW;
            return wrap(b.left(), prec, pow) + " " + b.op().symbol() + " " + wrap(b.right(), prec, !pow);
        }
        if (node instanceof Call c) {
            List<String> args = new ArrayList<>();
            for (Node a : c.args()) args.add(render(a));
            return c.function().keyword() + "(" + String.join(", ", args) + ")";
        }
        return node instanceof DictNode ? "{...}" : "[...]";
    }

    private static String wrap(Node child, int parent, boolean strictlyTighter) {
        int prec = child instanceof Binary b ? b.op().precedence() : child instanceof Unary ? 3 : Integer.MAX_VALUE;
        boolean parens = prec < parent || (prec == parent && strictlyTighter);
        return parens ? "(" + render(child) + ")" : render(child);
    }
}
