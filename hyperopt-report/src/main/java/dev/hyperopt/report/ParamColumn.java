package dev.hyperopt.report;

import dev.hyperopt.dsl.ir.Choice;
import dev.hyperopt.dsl.ir.ChoiceKind;
import dev.hyperopt.dsl.ir.Hyperparameter;
import dev.hyperopt.dsl.ir.Literal;
import dev.hyperopt.dsl.ir.Named;
import dev.hyperopt.dsl.ir.Node;
import dev.hyperopt.dsl.ir.Num;
import dev.hyperopt.dsl.ir.Param;
import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.engine.api.Trial;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One hyperparameter as the report shows it: its values over the trials (NaN where it was
 * inactive; a categorical value as the index of its category), how to scale its axis, and
 * the names of its categories. Built from the space when there is one, so that log-scaled
 * priors get log axes and choices show their options; otherwise guessed from the trials'
 * labels, and {@code guessed} says so.
 *
 * @param kind       {@code float}, {@code int} or {@code categorical}
 * @param log        whether the axis is logarithmic (loguniform and lognormal families)
 * @param prior      the prior as {@code .hspace} text, or null when there is no space
 * @param categories category names in option order; empty for numeric columns
 * @param values     one per trial, in the order of the trials given
 */
public record ParamColumn(String label, String kind, boolean log, String prior, List<String> categories,
                          double[] values, boolean guessed) {

    public ParamColumn {
        categories = List.copyOf(categories);
        values = values.clone();
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    public boolean categorical() {
        return kind.equals("categorical");
    }

    /** One column per hyperparameter: the space's, in index order, or those found in the trials' labels. */
    public static List<ParamColumn> of(SearchSpace space, List<Trial> trials) {
        return space != null ? fromSpace(space, trials) : guessed(trials);
    }

    private static List<ParamColumn> fromSpace(SearchSpace space, List<Trial> trials) {
        List<ParamColumn> out = new ArrayList<>();
        for (Hyperparameter h : space.hyperparameters()) {
            double[] v = new double[trials.size()];
            for (int t = 0; t < trials.size(); t++) v[t] = valueOf(h, trials.get(t), space.size());
            if (h instanceof Param p) {
                String kind = p.distribution().kind().isInteger() ? "int" : "float";
                out.add(new ParamColumn(h.label(), kind, p.distribution().kind().isLog(), p.distribution().toString(),
                        List.of(), v, false));
            } else {
                Choice c = (Choice) h;
                List<String> cats = new ArrayList<>();
                for (int i = 0; i < c.size(); i++) cats.add(optionName(c, i));
                String prior = c.kind() == ChoiceKind.WEIGHTED ? "pchoice" + c.weights() : "choice";
                out.add(new ParamColumn(h.label(), "categorical", false, prior, cats, v, false));
            }
        }
        return out;
    }

    /** A trial's value of {@code h}: from its values when they are indexed like the space, else from its labels. */
    private static double valueOf(Hyperparameter h, Trial t, int spaceSize) {
        double[] values = t.values();
        if (values.length == spaceSize) return values[h.index()];
        Object v = t.labels().get(h.label());
        if (v == null) return Double.NaN;
        if (h instanceof Choice c && c.kind() == ChoiceKind.NAMED) {
            int i = c.names().indexOf(String.valueOf(v));
            return i < 0 ? Double.NaN : i;
        }
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static String optionName(Choice c, int i) {
        if (c.kind() == ChoiceKind.NAMED) return c.names().get(i);
        Node o = c.options().get(i);
        if (o instanceof Literal l) {
            Object v = l.value();
            if (v instanceof Double d) return Num.format(d);
            return String.valueOf(v);
        }
        if (o instanceof Named n) return n.name();
        if (o instanceof Param p) return p.distribution().toString();
        return "option " + i;
    }

    /**
     * Columns from labels alone: text and booleans are categories (in order of first
     * appearance), numbers are numeric; a positive numeric column spanning three or more
     * decades is shown on a log axis.
     */
    private static List<ParamColumn> guessed(List<Trial> trials) {
        Map<String, List<Object>> byLabel = new LinkedHashMap<>();
        for (Trial t : trials) for (String l : t.labels().keySet()) byLabel.computeIfAbsent(l, k -> new ArrayList<>());
        List<ParamColumn> out = new ArrayList<>();
        for (String label : byLabel.keySet()) {
            boolean categorical = false;
            boolean integral = true;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (Trial t : trials) {
                Object v = t.labels().get(label);
                if (v == null) continue;
                if (v instanceof Number n) {
                    double d = n.doubleValue();
                    min = Math.min(min, d);
                    max = Math.max(max, d);
                    if (!(v instanceof Long || v instanceof Integer)) integral = false;
                } else {
                    categorical = true;
                }
            }
            double[] values = new double[trials.size()];
            if (categorical) {
                List<String> cats = new ArrayList<>();
                for (int i = 0; i < trials.size(); i++) {
                    Object v = trials.get(i).labels().get(label);
                    if (v == null) {
                        values[i] = Double.NaN;
                        continue;
                    }
                    String s = String.valueOf(v);
                    int k = cats.indexOf(s);
                    if (k < 0) {
                        cats.add(s);
                        k = cats.size() - 1;
                    }
                    values[i] = k;
                }
                out.add(new ParamColumn(label, "categorical", false, null, cats, values, true));
            } else {
                for (int i = 0; i < trials.size(); i++) {
                    Object v = trials.get(i).labels().get(label);
                    values[i] = v instanceof Number n ? n.doubleValue() : Double.NaN;
                }
                boolean log = min > 0 && max / min >= 1000;
                out.add(new ParamColumn(label, integral ? "int" : "float", log, null, List.of(), values, true));
            }
        }
        return out;
    }
}
