package dev.hyperopt.dsl.ir;

import java.util.List;

/**
 * A categorical hyperparameter: one option is chosen, and only the hyperparameters inside
 * that option are active. {@code names} holds the branch names of a NAMED choice (empty
 * otherwise); {@code weights} the prior probability of each option (uniform unless WEIGHTED).
 */
public record Choice(String label, ChoiceKind kind, List<String> names, List<Double> weights,
                     List<Node> options, int index, boolean explicitLabel) implements Hyperparameter {

    public Choice {
        names = List.copyOf(names);
        weights = List.copyOf(weights);
        options = List.copyOf(options);
        if (options.isEmpty()) throw new IllegalArgumentException("a choice needs at least one option");
        if (weights.size() != options.size()) throw new IllegalArgumentException("one weight per option");
        if (kind == ChoiceKind.NAMED && names.size() != options.size()) {
            throw new IllegalArgumentException("one name per branch");
        }
        if (kind != ChoiceKind.NAMED && !names.isEmpty()) throw new IllegalArgumentException("only named choices have names");
    }

    /** {@code choice(a, b, ...)}. */
    public static Choice unnamed(String label, List<Node> options) {
        return new Choice(label, ChoiceKind.UNNAMED, List.of(), uniform(options.size()), options, -1, label != null);
    }

    /** {@code choice { name: option, ... }}. */
    public static Choice named(String label, List<String> names, List<Node> options) {
        return new Choice(label, ChoiceKind.NAMED, names, uniform(options.size()), options, -1, label != null);
    }

    /** {@code pchoice(p: option, ...)}. */
    public static Choice weighted(String label, List<Double> weights, List<Node> options) {
        return new Choice(label, ChoiceKind.WEIGHTED, List.of(), weights, options, -1, label != null);
    }

    private static List<Double> uniform(int n) {
        Double[] w = new Double[n];
        java.util.Arrays.fill(w, 1.0 / n);
        return List.of(w);
    }

    public int size() { return options.size(); }

    /** What labels store for option {@code i}: the branch name, or the index. */
    public Object labelValue(int i) {
        return kind == ChoiceKind.NAMED ? names.get(i) : (Object) (long) i;
    }

    Choice rebuilt(String newLabel, int newIndex, List<Node> newOptions) {
        return new Choice(newLabel, kind, names, weights, newOptions, newIndex, explicitLabel);
    }

    @Override
    public Type type() {
        if (kind == ChoiceKind.NAMED) return Type.DICT;
        Type t = options.get(0).type();
        for (Node o : options) t = t.join(o.type());
        return t;
    }

    @Override
    public <R> R accept(NodeVisitor<R> visitor) { return visitor.visitChoice(this); }
}
