package dev.hyperopt.engine.sample.random;

import dev.hyperopt.dsl.ir.Choice;
import dev.hyperopt.dsl.ir.Hyperparameter;
import dev.hyperopt.dsl.ir.Param;
import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.engine.space.Assignment;

import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Draws assignments from the prior. Hyperparameters are drawn in space order, which puts
 * every choice before what it conditions, so only active ones are drawn.
 */
public final class PriorSampler {
    private PriorSampler() {}

    public static Assignment sample(SearchSpace space, RandomGenerator rng) {
        return new Assignment(space, sampleValues(space, rng));
    }

    /** The raw values of one prior draw, NaN where inactive. */
    public static double[] sampleValues(SearchSpace space, RandomGenerator rng) {
        List<Hyperparameter> hs = space.hyperparameters();
        double[] values = new double[hs.size()];
        Arrays.fill(values, Double.NaN);
        for (int i = 0; i < values.length; i++) {
            if (!space.isActive(i, values)) continue;
            Hyperparameter h = hs.get(i);
            values[i] = h instanceof Param p ? p.distribution().sample(rng) : drawOption((Choice) h, rng);
        }
        return values;
    }

    /** An option index with the choice's prior probabilities. */
    public static int drawOption(Choice c, RandomGenerator rng) {
        double u = rng.nextDouble();
        List<Double> w = c.weights();
        double acc = 0;
        for (int i = 0; i < w.size() - 1; i++) {
            acc += w.get(i);
            if (u < acc) return i;
        }
        return w.size() - 1;
    }
}
