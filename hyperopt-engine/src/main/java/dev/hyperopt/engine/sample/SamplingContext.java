package dev.hyperopt.engine.sample;

import dev.hyperopt.dsl.ir.SearchSpace;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * What a sampler may look at: the space, the history (in trial order, running trials
 * included) and the run's seed. The random stream is derived from (seed, trial).
 */
public record SamplingContext(SearchSpace space, List<Observation> history, long seed, long trial) {

    public SamplingContext {
        history = List.copyOf(history);
    }

    /** A fresh random stream for this trial; the same on every call. */
    public RandomGenerator random() {
        return Seeds.stream(seed, trial);
    }
}
