package dev.hyperopt.suite;

import dev.hyperopt.dsl.ir.Choice;
import dev.hyperopt.dsl.ir.Hyperparameter;
import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.engine.space.Assignment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One problem of the benchmark suite: its space (from its .hspace file), its formula, and
 * what the suite says about it (optimum, budget, checkpoints, whether it is noisy).
 *
 * @param choiceValues per choice (by neutral name), the value of each option, in option order
 */
public record BenchProblem(String name, SearchSpace space, Formulas.Formula formula, double knownOptimum, boolean stochastic,
                           int budget, List<Integer> checkpoints, Map<String, List<Object>> choiceValues) {

    public BenchProblem {
        checkpoints = List.copyOf(checkpoints);
        choiceValues = Map.copyOf(choiceValues);
    }

    /** The loss of an assignment at evaluation {@code k} of a run seeded with {@code seed}. */
    public Formulas.Loss evaluate(Assignment a, long seed, long k) {
        return formula.evaluate(params(a), seed, k);
    }

    /**
     * The active hyperparameters by neutral name (a label's last path component, as the
     * suite's reference objective reads them), choices as their options' values.
     */
    public Map<String, Object> params(Assignment a) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < space.size(); i++) {
            if (!a.isActive(i)) continue;
            Hyperparameter h = space.hyperparameter(i);
            String name = neutralName(h.label());
            double v = a.value(i);
            if (h instanceof Choice) {
                List<Object> values = choiceValues.get(name);
                if (values == null || (int) v >= values.size()) {
                    throw new IllegalStateException(this.name + ": choice '" + name + "' has no value for option " + (int) v);
                }
                out.put(name, values.get((int) v));
            } else {
                out.put(name, v);
            }
        }
        return out;
    }

    /** The last path component of a label, without list indices: {@code model.mlp.mlp_lr} is {@code mlp_lr}. */
    static String neutralName(String label) {
        String s = label.replaceAll("(\\[\\d+])+$", "");
        return s.substring(s.lastIndexOf('.') + 1);
    }
}
