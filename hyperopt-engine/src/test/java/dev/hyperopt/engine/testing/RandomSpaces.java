package dev.hyperopt.engine.testing;

import dev.hyperopt.dsl.ir.Choice;
import dev.hyperopt.dsl.ir.DictNode;
import dev.hyperopt.dsl.ir.Dist;
import dev.hyperopt.dsl.ir.Distribution;
import dev.hyperopt.dsl.ir.ListNode;
import dev.hyperopt.dsl.ir.Literal;
import dev.hyperopt.dsl.ir.Named;
import dev.hyperopt.dsl.ir.Node;
import dev.hyperopt.dsl.ir.Param;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded generator of random, valid, expression-free search-space graphs: nested dicts
 * and lists, the three kinds of choice, all ten distributions with random valid
 * parameters, and {@code let}s shared from several places. The same seed gives the same
 * graph. {@link #lets()} lists the lets in definition order (each uses only earlier ones),
 * so the graph can also be written as {@code .hspace} text.
 */
public final class RandomSpaces {
    private final SplittableRandom rng;
    private final int maxDepth;
    private final List<Named> lets = new ArrayList<>();
    private final Node root;

    private RandomSpaces(long seed, int maxDepth) {
        this.rng = new SplittableRandom(seed);
        this.maxDepth = maxDepth;
        int letCount = rng.nextInt(4);
        for (int i = 0; i < letCount; i++) lets.add(new Named("let" + i, value(Math.min(2, maxDepth))));
        List<DictNode.Entry> entries = new ArrayList<>();
        int n = 1 + rng.nextInt(5);
        for (int i = 0; i < n; i++) entries.add(new DictNode.Entry("k" + i, value(maxDepth)));
        this.root = new DictNode(entries);
    }

    /** A random space of nesting depth at most {@code maxDepth}. */
    public static RandomSpaces generate(long seed, int maxDepth) {
        return new RandomSpaces(seed, maxDepth);
    }

    public Node root() { return root; }

    /** The lets, each defined only in terms of earlier ones. */
    public List<Named> lets() { return List.copyOf(lets); }

    private Node value(int depth) {
        int kinds = depth == 0 ? 3 : 9;
        return switch (rng.nextInt(kinds)) {
            case 0 -> param();
            case 1 -> literal();
            case 2 -> lets.isEmpty() ? param() : lets.get(rng.nextInt(lets.size()));
            case 3 -> dict(depth);
            case 4 -> list(depth);
            case 5 -> Choice.unnamed(null, options(depth));
            case 6 -> named(depth);
            case 7 -> weighted(depth);
            default -> param();
        };
    }

    private DictNode dict(int depth) {
        List<DictNode.Entry> entries = new ArrayList<>();
        int n = rng.nextInt(5);
        for (int i = 0; i < n; i++) entries.add(new DictNode.Entry("k" + i, value(depth - 1)));
        return new DictNode(entries);
    }

    private ListNode list(int depth) {
        List<Node> items = new ArrayList<>();
        int n = 1 + rng.nextInt(3);
        for (int i = 0; i < n; i++) items.add(value(depth - 1));
        return new ListNode(items);
    }

    private List<Node> options(int depth) {
        List<Node> options = new ArrayList<>();
        int n = 2 + rng.nextInt(3);
        for (int i = 0; i < n; i++) options.add(value(depth - 1));
        return options;
    }

    private Choice named(int depth) {
        List<Node> options = options(depth);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < options.size(); i++) names.add("b" + i);
        return Choice.named(null, names, options);
    }

    private Choice weighted(int depth) {
        List<Node> options = options(depth);
        // Weights that are exact binary fractions, so they sum to exactly 1 in any order.
        int[] parts = new int[options.size()];
        int total = 64;
        for (int i = 0; i < parts.length - 1; i++) {
            parts[i] = 1 + rng.nextInt(total - (parts.length - 1 - i));
            total -= parts[i];
        }
        parts[parts.length - 1] = total;
        List<Double> weights = new ArrayList<>();
        for (int p : parts) weights.add(p / 64.0);
        return Choice.weighted(null, weights, options);
    }

    private Literal literal() {
        return switch (rng.nextInt(5)) {
            case 0 -> Literal.of((long) rng.nextInt(-1000, 1000));
            case 1 -> Literal.of(round(rng.nextDouble(-100, 100)));
            case 2 -> Literal.of("s" + rng.nextInt(100));
            case 3 -> Literal.of(rng.nextBoolean());
            default -> Literal.ofNull();
        };
    }

    private Param param() {
        return Param.of(distribution());
    }

    /** A distribution of a random kind with random valid parameters. */
    public Distribution distribution() {
        while (true) {
            Distribution d = candidate();
            // Rounding can close a very narrow range; draw again rather than bend the bounds.
            if (d.kind().isBounded() ? d.a() < d.b() || d.kind() == Dist.UNIFORMINT : d.b() > 0) return d;
        }
    }

    private Distribution candidate() {
        Dist kind = Dist.values()[rng.nextInt(Dist.values().length)];
        double q = round(rng.nextDouble(0.01, 10));
        return switch (kind) {
            case UNIFORM, QUNIFORM -> {
                double low = round(rng.nextDouble(-100, 100));
                double high = round(low + rng.nextDouble(0.01, 100));
                yield new Distribution(kind, low, high, kind.isQuantized() ? q : Double.NaN);
            }
            case LOGUNIFORM, QLOGUNIFORM -> {
                double low = round(Math.exp(rng.nextDouble(-10, 5)));
                double high = round(low * Math.exp(rng.nextDouble(0.01, 10)));
                yield new Distribution(kind, low, high, kind.isQuantized() ? q : Double.NaN);
            }
            case NORMAL, QNORMAL -> new Distribution(kind, round(rng.nextDouble(-100, 100)), round(rng.nextDouble(0.01, 50)),
                    kind.isQuantized() ? q : Double.NaN);
            case LOGNORMAL, QLOGNORMAL -> new Distribution(kind, round(rng.nextDouble(-5, 5)), round(rng.nextDouble(0.01, 2)),
                    kind.isQuantized() ? q : Double.NaN);
            case RANDINT -> {
                long low = rng.nextInt(-1000, 1000);
                yield Distribution.of(kind, low, low + 1 + rng.nextInt(1000));
            }
            case UNIFORMINT -> {
                long low = rng.nextInt(-1000, 1000);
                yield Distribution.of(kind, low, low + rng.nextInt(1000));
            }
        };
    }

    /** Four significant decimals keep generated text short; the value stays nonzero and in range. */
    private static double round(double x) {
        double r = Math.round(x * 1e4) / 1e4;
        return r == 0 ? x : r;
    }
}
