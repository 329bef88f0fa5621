package dev.hyperopt.engine.space;

import dev.hyperopt.dsl.ir.Choice;
import dev.hyperopt.dsl.ir.Hyperparameter;
import dev.hyperopt.dsl.ir.Param;
import dev.hyperopt.dsl.ir.SearchSpace;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A value for every active hyperparameter of a space: {@code values[i]} belongs to
 * {@code space.hyperparameter(i)}, NaN where it is inactive. A choice holds its option's
 * index; a numeric hyperparameter its sampled number, before expressions and casts.
 * This is what samplers produce and stores keep.
 */
public final class Assignment {
    private final SearchSpace space;
    private final double[] values;

    public Assignment(SearchSpace space, double[] values) {
        if (values.length != space.size()) {
            throw new IllegalArgumentException("expected " + space.size() + " values, got " + values.length);
        }
        this.space = space;
        this.values = values.clone();
    }

    public SearchSpace space() { return space; }

    /** A copy of the values, indexed like the space's hyperparameters. */
    public double[] values() { return values.clone(); }

    public double value(int index) { return values[index]; }

    public boolean isActive(int index) { return !Double.isNaN(values[index]); }

    /**
     * The flat {@code {label: value}} map of the active hyperparameters, in space order: a
     * named choice's branch name, another choice's index, integers as {@link Long}, other
     * numbers as {@link Double}.
     */
    public Map<String, Object> labels() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            if (Double.isNaN(values[i])) continue;
            Hyperparameter h = space.hyperparameter(i);
            out.put(h.label(), labelValue(h, values[i]));
        }
        return out;
    }

    static Object labelValue(Hyperparameter h, double v) {
        if (h instanceof Choice c) return c.labelValue((int) v);
        Param p = (Param) h;
        return p.distribution().kind().isInteger() ? (Object) (long) v : (Object) v;
    }

    /**
     * Reads a flat {@code {label: value}} map back (as {@link #labels()} writes it).
     *
     * @throws IllegalArgumentException for an unknown label, a value of the wrong kind (a
     *         fraction for an integer hyperparameter, NaN or infinity), or a
     *         map whose active labels do not match what its choices make active
     */
    public static Assignment fromLabels(SearchSpace space, Map<String, ?> labels) {
        double[] values = new double[space.size()];
        Arrays.fill(values, Double.NaN);
        for (String label : labels.keySet()) {
            if (space.byLabel(label) == null) throw new IllegalArgumentException("unknown label '" + label + "'");
        }
        for (int i = 0; i < space.size(); i++) {
            Hyperparameter h = space.hyperparameter(i);
            boolean active = space.isActive(i, values);
            Object v = labels.get(h.label());
            if (!active) {
                if (v != null) throw new IllegalArgumentException("label '" + h.label() + "' is not active in this assignment");
                continue;
            }
            if (v == null) throw new IllegalArgumentException("missing value for active label '" + h.label() + "'");
            values[i] = decode(h, v);
        }
        return new Assignment(space, values);
    }

    /**
     * The assignment whose configuration ({@link SpaceEvaluator#evaluate}) is {@code config}:
     * what {@code hyperopt sample} prints as "config", or such a value written by hand.
     *
     * @throws IllegalArgumentException saying where and why {@code config} does not map back
     * @see ConfigInversion
     */
    public static Assignment fromConfig(SearchSpace space, Object config) {
        return ConfigInversion.fromConfig(space, config);
    }

    private static double decode(Hyperparameter h, Object v) {
        if (h instanceof Choice c) {
            if (v instanceof String s) {
                int i = c.names().indexOf(s);
                if (i < 0) throw new IllegalArgumentException("'" + s + "' is not a branch of '" + c.label() + "'");
                return i;
            }
            if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                    && n.doubleValue() >= 0 && n.doubleValue() < c.size()) {
                return n.doubleValue();
            }
            throw new IllegalArgumentException("'" + v + "' is not an option of '" + c.label() + "'");
        }
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException("label '" + h.label() + "' needs a number, got '" + v + "'");
        }
        double x = n.doubleValue();
        if (!Double.isFinite(x)) throw new IllegalArgumentException("label '" + h.label() + "' needs a finite number, got " + x);
        if (((Param) h).distribution().kind().isInteger() && x != Math.rint(x)) {
            throw new IllegalArgumentException("label '" + h.label() + "' needs an integer, got " + x);
        }
        return x;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Assignment a)) return false;
        return a.space == space && Arrays.equals(a.values, values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return labels().toString();
    }
}
