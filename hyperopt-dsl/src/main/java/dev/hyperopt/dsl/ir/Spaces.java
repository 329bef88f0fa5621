package dev.hyperopt.dsl.ir;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Builds search spaces in Java, giving the same graph that compiling the equivalent
 * {@code .hspace} text gives: the same checks on distribution parameters and probabilities,
 * constant expressions folded, lets of constants inlined.
 *
 * <pre>{@code
 * Node lr = Spaces.let("lr", Spaces.loguniform(1e-5, 1e-1));
 * SearchSpace space = Spaces.space(Spaces.dict()
 *         .put("learning_rate", lr)
 *         .put("batch_size", Spaces.pow(2, Spaces.randint(4, 9)))
 *         .put("optimizer", Spaces.namedChoice()
 *                 .branch("sgd", Spaces.dict().put("nesterov", Spaces.choice(true, false)))
 *                 .branch("adam", Spaces.dict().put("beta1", Spaces.uniform(0.8, 0.999))))
 *         .build());
 * }</pre>
 *
 * Wherever a value is expected, a Java value is taken as a literal ({@link Long},
 * {@link Integer}, {@link Double}, {@link String}, {@link Boolean}, null), a {@link List} as
 * a list, a {@link Map} with string keys as a dict, and a builder as what it builds.
 * Invalid arguments throw {@link IllegalArgumentException} with the message the compiler
 * would report.
 */
public final class Spaces {
    private Spaces() {}

    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_][a-zA-Z_0-9]*");
    private static final double PROBABILITY_TOLERANCE = 1e-9;

    // ---- distributions ----

    public static Param uniform(double low, double high) { return param(Dist.UNIFORM, low, high, Double.NaN); }

    public static Param quniform(double low, double high, double q) { return param(Dist.QUNIFORM, low, high, q); }

    /** Bounds in real space, 0 < low < high, as in the language (not Hyperopt's log-space bounds). */
    public static Param loguniform(double low, double high) { return param(Dist.LOGUNIFORM, low, high, Double.NaN); }

    public static Param qloguniform(double low, double high, double q) { return param(Dist.QLOGUNIFORM, low, high, q); }

    public static Param normal(double mu, double sigma) { return param(Dist.NORMAL, mu, sigma, Double.NaN); }

    public static Param qnormal(double mu, double sigma, double q) { return param(Dist.QNORMAL, mu, sigma, q); }

    /** {@code exp(normal(mu, sigma))}: mu and sigma are in log space, as in Hyperopt. */
    public static Param lognormal(double mu, double sigma) { return param(Dist.LOGNORMAL, mu, sigma, Double.NaN); }

    public static Param qlognormal(double mu, double sigma, double q) { return param(Dist.QLOGNORMAL, mu, sigma, q); }

    /** An integer in [low, high): high is exclusive, as in Hyperopt. */
    public static Param randint(long low, long high) { return param(Dist.RANDINT, low, high, Double.NaN); }

    /** An integer in [low, high], both inclusive. */
    public static Param uniformint(long low, long high) { return param(Dist.UNIFORMINT, low, high, Double.NaN); }

    private static Param param(Dist kind, double a, double b, double q) {
        // A NaN q would read as "no q" to Distribution; report it as the compiler does.
        if (kind.isQuantized() && !(q > 0)) throw new IllegalArgumentException("q must be > 0, got " + Num.format(q));
        Distribution d = new Distribution(kind, a, b, q);
        String problem = d.problem();
        if (problem != null) throw new IllegalArgumentException(problem);
        return Param.of(d);
    }

    /**
     * The same hyperparameter with an explicit label ({@code label="..."} in the language),
     * kept wherever it is used instead of the label its path would give.
     */
    @SuppressWarnings("unchecked")
    public static <H extends Hyperparameter> H labelled(String label, H hyperparameter) {
        if (label == null || label.isEmpty()) throw new IllegalArgumentException("label must be a non-empty string");
        Hyperparameter out;
        if (hyperparameter instanceof Param p) {
            out = Param.labelled(label, p.distribution());
        } else {
            Choice c = (Choice) hyperparameter;
            out = new Choice(label, c.kind(), c.names(), c.weights(), c.options(), -1, true);
        }
        return (H) out;
    }

    // ---- choices ----

    /** {@code choice(a, b, ...)}: one option, equally likely; labels store its index. */
    public static Choice choice(Object... options) {
        if (options.length == 0) throw new IllegalArgumentException("choice() needs at least one option");
        return Choice.unnamed(null, nodes(Arrays.asList(options)));
    }

    /** {@code choice { name: value, ... }}: conditional sub-spaces; labels store the branch name. */
    public static NamedChoiceBuilder namedChoice() {
        return new NamedChoiceBuilder();
    }

    /** One option of a {@link #pchoice}: its probability and value. */
    public record Weighted(double probability, Node option) {}

    /** A {@link #pchoice} option. */
    public static Weighted p(double probability, Object option) {
        return new Weighted(probability, node(option));
    }

    /** {@code pchoice(p1: a, p2: b, ...)}: probabilities must be >= 0 and sum to 1 (within 1e-9). */
    public static Choice pchoice(Weighted... options) {
        if (options.length == 0) throw new IllegalArgumentException("pchoice() needs at least one option");
        List<Double> weights = new ArrayList<>(options.length);
        List<Node> nodes = new ArrayList<>(options.length);
        double sum = 0;
        for (Weighted w : options) {
            if (!Double.isFinite(w.probability())) throw new IllegalArgumentException("probability must be a finite number");
            if (w.probability() < 0) {
                throw new IllegalArgumentException("probability " + Num.format(w.probability()) + " is negative");
            }
            sum += w.probability();
            weights.add(w.probability());
            nodes.add(w.option());
        }
        if (Math.abs(sum - 1.0) > PROBABILITY_TOLERANCE) {
            throw new IllegalArgumentException("pchoice probabilities sum to " + Num.format(sum) + ", not 1");
        }
        return Choice.weighted(null, weights, nodes);
    }

    /** Collects the branches of a named choice, in order. */
    public static final class NamedChoiceBuilder {
        private final Map<String, Node> branches = new LinkedHashMap<>();

        private NamedChoiceBuilder() {}

        public NamedChoiceBuilder branch(String name, Object value) {
            if (name == null || name.isEmpty()) throw new IllegalArgumentException("branch name must be a non-empty string");
            if (branches.containsKey(name)) throw new IllegalArgumentException("duplicate branch '" + name + "'");
            branches.put(name, node(value));
            return this;
        }

        public Choice build() {
            if (branches.isEmpty()) throw new IllegalArgumentException("choice needs at least one branch");
            return Choice.named(null, List.copyOf(branches.keySet()), List.copyOf(branches.values()));
        }
    }

    // ---- structure ----

    /** A dict builder: keys in insertion order. */
    public static DictBuilder dict() {
        return new DictBuilder();
    }

    /** Collects the entries of a dict, in order. */
    public static final class DictBuilder {
        private final Map<String, Node> entries = new LinkedHashMap<>();

        private DictBuilder() {}

        public DictBuilder put(String key, Object value) {
            if (key == null) throw new IllegalArgumentException("dict keys are strings, got null");
            if (entries.containsKey(key)) throw new IllegalArgumentException("duplicate key '" + key + "'");
            entries.put(key, node(value));
            return this;
        }

        public DictNode build() {
            List<DictNode.Entry> out = new ArrayList<>(entries.size());
            for (Map.Entry<String, Node> e : entries.entrySet()) out.add(new DictNode.Entry(e.getKey(), e.getValue()));
            return new DictNode(out);
        }
    }

    public static ListNode list(Object... items) {
        return new ListNode(nodes(Arrays.asList(items)));
    }

    /**
     * {@code let name = value}: one shared value; hyperparameters inside are labelled from
     * {@code name} wherever it is used. A let of a constant is the constant itself, as in
     * the language.
     */
    public static Node let(String name, Object value) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("a let name is an identifier, got " + (name == null ? "null" : "'" + name + "'"));
        }
        Node body = node(value);
        return body instanceof Literal ? body : new Named(name, body);
    }

    /** The graph node for a Java value; see the class comment for what is accepted. */
    public static Node node(Object value) {
        if (value == null) return Literal.ofNull();
        if (value instanceof Node n) return n;
        if (value instanceof DictBuilder d) return d.build();
        if (value instanceof NamedChoiceBuilder c) return c.build();
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return Literal.of(((Number) value).longValue());
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d)) throw new IllegalArgumentException("NaN is not a value of a search space");
            return Literal.of(d);
        }
        if (value instanceof String s) return Literal.of(s);
        if (value instanceof Boolean b) return Literal.of(b);
        if (value instanceof List<?> l) return new ListNode(nodes(l));
        if (value instanceof Map<?, ?> m) {
            DictBuilder d = dict();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!(e.getKey() instanceof String k)) throw new IllegalArgumentException("dict keys are strings, got " + e.getKey());
                d.put(k, e.getValue());
            }
            return d.build();
        }
        throw new IllegalArgumentException("no search-space value for a " + value.getClass().getName());
    }

    private static List<Node> nodes(List<?> values) {
        List<Node> out = new ArrayList<>(values.size());
        for (Object v : values) out.add(node(v));
        return out;
    }

    // ---- expressions ----

    public static Node add(Object a, Object b) { return binary(BinaryOp.ADD, a, b); }

    public static Node sub(Object a, Object b) { return binary(BinaryOp.SUB, a, b); }

    public static Node mul(Object a, Object b) { return binary(BinaryOp.MUL, a, b); }

    /** True division: always a float, as in Python. */
    public static Node div(Object a, Object b) { return binary(BinaryOp.DIV, a, b); }

    /** Python's modulo: the result takes the sign of {@code b}. */
    public static Node mod(Object a, Object b) { return binary(BinaryOp.MOD, a, b); }

    public static Node pow(Object a, Object b) { return binary(BinaryOp.POW, a, b); }

    public static Node neg(Object a) {
        Node n = numeric(a, "operand of unary '-'");
        if (n instanceof Literal l) return fold(() -> Arithmetic.negate(l.value()));
        return new Unary(n);
    }

    /** {@code int(x)}, also written {@code x as int}: truncates toward zero. */
    public static Node asInt(Object a) { return call(Function.INT, a); }

    /** {@code float(x)}, also written {@code x as float}. */
    public static Node asFloat(Object a) { return call(Function.FLOAT, a); }

    /** Rounds half to even, to an int. */
    public static Node round(Object a) { return call(Function.ROUND, a); }

    public static Node log(Object a) { return call(Function.LOG, a); }

    public static Node exp(Object a) { return call(Function.EXP, a); }

    public static Node sqrt(Object a) { return call(Function.SQRT, a); }

    public static Node abs(Object a) { return call(Function.ABS, a); }

    public static Node min(Object a, Object b, Object... more) { return call(Function.MIN, concat(a, b, more)); }

    public static Node max(Object a, Object b, Object... more) { return call(Function.MAX, concat(a, b, more)); }

    private static Object[] concat(Object a, Object b, Object[] more) {
        Object[] all = new Object[more.length + 2];
        all[0] = a;
        all[1] = b;
        System.arraycopy(more, 0, all, 2, more.length);
        return all;
    }

    private static Node binary(BinaryOp op, Object a, Object b) {
        Node l = numeric(a, "left operand of '" + op.symbol() + "'");
        Node r = numeric(b, "right operand of '" + op.symbol() + "'");
        if (l instanceof Literal x && r instanceof Literal y) return fold(() -> Arithmetic.apply(op, x.value(), y.value()));
        return new Binary(op, l, r);
    }

    private static Node call(Function f, Object... args) {
        List<Node> nodes = new ArrayList<>(args.length);
        List<Object> constants = new ArrayList<>(args.length);
        for (Object a : args) {
            Node n = numeric(a, "argument of " + f.keyword() + "()");
            nodes.add(n);
            if (n instanceof Literal l) constants.add(l.value());
        }
        if (constants.size() == nodes.size()) return fold(() -> Arithmetic.call(f, constants));
        return new Call(f, nodes);
    }

    private static Node numeric(Object value, String what) {
        Node n = node(value);
        if (!n.type().isNumeric()) {
            throw new IllegalArgumentException(what + " must be a number, got "
                    + (n.type() == Type.MIXED ? "a choice between values of different types" : "a " + n.type().display()));
        }
        return n;
    }

    private static Node fold(java.util.function.Supplier<Object> compute) {
        try {
            return new Literal(compute.get());
        } catch (ExpressionException e) {
            throw new IllegalArgumentException("constant expression has no value: " + e.getMessage(), e);
        }
    }

    // ---- the space ----

    /**
     * The search space with this root: labels by path, indices, conditions.
     *
     * @throws SpaceException when two hyperparameters get the same label
     */
    public static SearchSpace space(Object root) {
        return SearchSpace.of(node(root));
    }
}
