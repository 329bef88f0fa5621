package dev.hyperopt.dsl.print;

import dev.hyperopt.dsl.ir.Choice;
import dev.hyperopt.dsl.ir.Dist;
import dev.hyperopt.dsl.ir.Literal;
import dev.hyperopt.dsl.ir.Named;
import dev.hyperopt.dsl.ir.Node;
import dev.hyperopt.dsl.ir.Param;
import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.dsl.ir.SpaceException;
import dev.hyperopt.dsl.ir.Spaces;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Seeded random search-space graphs that use every node kind: nested dicts, lists and the
 * three choices, expressions over hyperparameters, explicit labels, lets (also with names the
 * language cannot write), and nodes shared without a let. The same seed gives the same space.
 */
final class RandomSpaces {
    private static final String[] KEYS = {
        "a", "b", "lr", "units", "x_1", "space", "choice", "let", "true", "1st", "two words", "with.dot",
        "quote\"d", "back\\slash", "tab\there", "", "é", "#hash",
    };
    private static final String[] CHARS = {"a", "Z", " ", "\"", "\\", "\n", "\t", "\r", "#", "//", "'", "é", "€", "\u0001"};

    private final Random rng;
    private final List<Node> pool = new ArrayList<>();
    private int counter;
    /** Inside an expression every hyperparameter after the first needs a label of its own. */
    private boolean expressionHasParam;

    private RandomSpaces(long seed) {
        this.rng = new Random(seed);
    }

    /** A valid space for {@code seed} (graphs whose labels clash are drawn again). */
    static SearchSpace space(long seed) {
        SpaceException last = null;
        for (int attempt = 0; attempt < 100; attempt++) {
            RandomSpaces g = new RandomSpaces(seed * 7919 + attempt);
            Node root = g.rng.nextInt(5) == 0 ? g.value(3) : g.dict(3);
            try {
                return SearchSpace.of(root);
            } catch (SpaceException e) {
                last = e;
            }
        }
        throw last;
    }

    private Node value(int depth) {
        int k = rng.nextInt(depth <= 0 ? 5 : 12);
        switch (k) {
            case 0: case 1: return literal();
            case 2: return param(false);
            case 3: return expression();
            case 4: return pool.isEmpty() ? param(false) : pool.get(rng.nextInt(pool.size()));
            case 5: case 6: return dict(depth - 1);
            case 7: return Spaces.list(values(depth - 1, rng.nextInt(4)).toArray());
            case 8: return Spaces.choice(values(depth - 1, 1 + rng.nextInt(3)).toArray());
            case 9: return namedChoice(depth - 1);
            case 10: return weightedChoice(depth - 1);
            default: return let(depth - 1);
        }
    }

    private List<Node> values(int depth, int n) {
        List<Node> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(value(depth));
        return out;
    }

    private Node dict(int depth) {
        Spaces.DictBuilder d = Spaces.dict();
        for (String key : keys(rng.nextInt(5))) d.put(key, value(depth));
        return d.build();
    }

    private Set<String> keys(int n) {
        Set<String> out = new LinkedHashSet<>();
        while (out.size() < n) out.add(KEYS[rng.nextInt(KEYS.length)]);
        return out;
    }

    private Node namedChoice(int depth) {
        Spaces.NamedChoiceBuilder c = Spaces.namedChoice();
        for (String name : keys(1 + rng.nextInt(3))) c.branch(name.isEmpty() ? "empty" : name, value(depth));
        Choice choice = c.build();
        return rng.nextInt(5) == 0 ? Spaces.labelled(label(), choice) : choice;
    }

    private Node weightedChoice(int depth) {
        int n = 1 + rng.nextInt(3);
        int[] parts = new int[n];
        int total = 0;
        for (int i = 0; i < n; i++) total += parts[i] = 1 + rng.nextInt(9);
        Spaces.Weighted[] options = new Spaces.Weighted[n];
        for (int i = 0; i < n; i++) options[i] = Spaces.p(parts[i] / (double) total, value(depth));
        Choice c = Spaces.pchoice(options);
        return rng.nextInt(4) == 0 ? Spaces.labelled(label(), c) : c;
    }

    private Node let(int depth) {
        Node body = value(depth);
        Node out;
        if (body instanceof Literal) {
            out = body; // a let of a constant is the constant, as the compiler has it
        } else if (rng.nextInt(3) == 0) {
            // Names the language has no let for: the text renames them and keeps the labels.
            String[] odd = {"m.v" + counter++, "uniform", "space", "2x", "v" + rng.nextInt(3)};
            out = new Named(odd[rng.nextInt(odd.length)], body);
        } else if (rng.nextInt(4) == 0 && body instanceof Param) {
            out = body; // shared without a let
        } else {
            out = Spaces.let("v" + counter++, body);
        }
        pool.add(out);
        return out;
    }

    private Node literal() {
        switch (rng.nextInt(6)) {
            case 0: return Spaces.node(rng.nextInt(3) == 0 ? (long) rng.nextInt() : (long) (rng.nextInt(41) - 20));
            case 1: return Spaces.node(number());
            case 2: {
                StringBuilder sb = new StringBuilder();
                for (int i = rng.nextInt(6); i > 0; i--) sb.append(CHARS[rng.nextInt(CHARS.length)]);
                return Spaces.node(sb.toString());
            }
            case 3: return Spaces.node(rng.nextBoolean());
            case 4: return Spaces.node(null);
            default: return Spaces.node(new long[] {Long.MAX_VALUE, Long.MIN_VALUE, 0}[rng.nextInt(3)]);
        }
    }

    private double number() {
        switch (rng.nextInt(6)) {
            case 0: return rng.nextGaussian() * 10;
            case 1: return rng.nextInt(20) - 10;
            case 2: return Math.scalb(rng.nextDouble(), -30 + rng.nextInt(60)) * (rng.nextBoolean() ? 1 : -1);
            case 3: return -0.0;
            case 4: return 0.1 * rng.nextInt(10);
            default: return Math.rint(rng.nextDouble() * 1e17);
        }
    }

    private String label() {
        int n = counter++;
        return rng.nextInt(4) == 0 ? "odd \"label\"." + n + "[0]" : "h" + n;
    }

    private Param param(boolean needsLabel) {
        Dist d = Dist.values()[rng.nextInt(Dist.values().length)];
        double lo = rng.nextInt(3) == 0 ? rng.nextInt(21) - 10 : rng.nextGaussian() * 5;
        double width = rng.nextInt(3) == 0 ? 1 + rng.nextInt(50) : 0.01 + rng.nextDouble() * 20;
        double q = rng.nextInt(2) == 0 ? 1 + rng.nextInt(5) : 0.05 + rng.nextDouble();
        Param p = switch (d) {
            case UNIFORM -> Spaces.uniform(lo, lo + width);
            case QUNIFORM -> Spaces.quniform(lo, lo + width, q);
            case LOGUNIFORM -> Spaces.loguniform(Math.abs(lo) + 1e-3, Math.abs(lo) + 1e-3 + width);
            case QLOGUNIFORM -> Spaces.qloguniform(Math.abs(lo) + 1e-3, Math.abs(lo) + 1e-3 + width, q);
            case NORMAL -> Spaces.normal(lo, width);
            case QNORMAL -> Spaces.qnormal(lo, width, q);
            case LOGNORMAL -> Spaces.lognormal(lo, width);
            case QLOGNORMAL -> Spaces.qlognormal(lo, width, q);
            case RANDINT -> Spaces.randint((long) Math.floor(lo), (long) Math.floor(lo) + 1 + (long) width);
            case UNIFORMINT -> Spaces.uniformint((long) Math.floor(lo), (long) Math.floor(lo) + (long) width);
        };
        return needsLabel || rng.nextInt(5) == 0 ? Spaces.labelled(label(), p) : p;
    }

    private Node expression() {
        expressionHasParam = false;
        return numeric(2);
    }

    private Node numeric(int depth) {
        if (depth <= 0 || rng.nextInt(3) == 0) return numericLeaf();
        try {
            return switch (rng.nextInt(16)) {
                case 0 -> Spaces.add(numeric(depth - 1), numeric(depth - 1));
                case 1 -> Spaces.sub(numeric(depth - 1), numeric(depth - 1));
                case 2 -> Spaces.mul(numeric(depth - 1), numeric(depth - 1));
                case 3 -> Spaces.div(numeric(depth - 1), numeric(depth - 1));
                case 4 -> Spaces.mod(numeric(depth - 1), numeric(depth - 1));
                case 5, 6 -> Spaces.pow(numeric(depth - 1), numeric(depth - 1));
                case 7, 8 -> Spaces.neg(numeric(depth - 1));
                case 9 -> Spaces.asInt(numeric(depth - 1));
                case 10 -> Spaces.asFloat(numeric(depth - 1));
                case 11 -> Spaces.round(numeric(depth - 1));
                case 12 -> new Node[] {Spaces.log(numeric(depth - 1)), Spaces.exp(numeric(depth - 1))}[rng.nextInt(2)];
                case 13 -> new Node[] {Spaces.sqrt(numeric(depth - 1)), Spaces.abs(numeric(depth - 1))}[rng.nextInt(2)];
                case 14 -> Spaces.min(numeric(depth - 1), numeric(depth - 1), numeric(depth - 1));
                default -> Spaces.max(numeric(depth - 1), numeric(depth - 1));
            };
        } catch (IllegalArgumentException constantWithoutValue) {
            return numericLeaf();
        }
    }

    private Node numericLeaf() {
        int k = rng.nextInt(4);
        if (k == 0) return Spaces.node(rng.nextBoolean() ? (Object) (long) (rng.nextInt(21) - 10) : (Object) number());
        if (k == 1) {
            for (Node n : pool) if (n.type().isNumeric() && rng.nextBoolean()) return n;
        }
        Param p = param(expressionHasParam);
        expressionHasParam = true;
        return p;
    }
}
