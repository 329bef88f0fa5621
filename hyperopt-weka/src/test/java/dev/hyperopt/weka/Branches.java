package dev.hyperopt.weka;

import dev.hyperopt.dsl.ir.Choice;
import dev.hyperopt.dsl.ir.Condition;
import dev.hyperopt.dsl.ir.Hyperparameter;
import dev.hyperopt.dsl.ir.Param;
import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.engine.sample.random.PriorSampler;
import dev.hyperopt.engine.space.Assignment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Draws that take a given option of a given choice: every branch of a space, reached on purpose rather than by luck. */
final class Branches {
    private Branches() {}

    record Forced(String label, String option, Assignment assignment) {}

    /** One prior draw per option of every choice, with that option (and the options on its path) forced. */
    static List<Forced> everyOption(SearchSpace space, long seed) {
        return everyOption(space, seed, 1);
    }

    /** {@code draws} prior draws per option of every choice, consecutive in the list. */
    static List<Forced> everyOption(SearchSpace space, long seed, int draws) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Forced> out = new ArrayList<>();
        for (int i = 0; i < space.size(); i++) {
            if (!(space.hyperparameter(i) instanceof Choice c)) continue;
            for (int o = 0; o < c.size(); o++) {
                Map<Integer, Integer> force = new HashMap<>();
                force.put(i, o);
                forcePath(space, i, force);
                for (int d = 0; d < draws; d++) {
                    out.add(new Forced(c.label(), String.valueOf(c.labelValue(o)), draw(space, force, rng)));
                }
            }
        }
        return out;
    }

    private static void forcePath(SearchSpace space, int index, Map<Integer, Integer> force) {
        Condition cond = space.condition(index);
        if (cond.isAlways()) return;
        Condition.Atom a = cond.anyOf().get(0);
        force.putIfAbsent(a.choice(), a.option());
        forcePath(space, a.choice(), force);
    }

    private static Assignment draw(SearchSpace space, Map<Integer, Integer> force, SplittableRandom rng) {
        double[] v = new double[space.size()];
        Arrays.fill(v, Double.NaN);
        for (int i = 0; i < v.length; i++) {
            if (!space.isActive(i, v)) continue;
            Hyperparameter h = space.hyperparameter(i);
            if (force.containsKey(i)) v[i] = force.get(i);
            else v[i] = h instanceof Param p ? p.distribution().sample(rng) : PriorSampler.drawOption((Choice) h, rng);
        }
        for (int k : force.keySet()) {
            if (Double.isNaN(v[k])) throw new IllegalStateException("could not make " + space.hyperparameter(k).label() + " active");
        }
        return new Assignment(space, v);
    }
}
