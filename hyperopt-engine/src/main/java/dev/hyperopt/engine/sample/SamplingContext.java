package dev.hyperopt.engine.sample;

import dev.hyperopt.dsl.ir.SearchSpace;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * What a sampler may look at: the space, the history (in trial order, running trials
 * included) and the run's seed. The random stream is derived from (seed, trial). The
 * history is not copied, so a suggestion costs nothing per past trial: callers hand an
 * unmodifiable list that does not change while {@code suggest} runs, and samplers must not
 * keep it.
 */
public record SamplingContext(SearchSpace space, List<Observation> history, long seed, long trial) {

    /** A fresh random stream for this trial; the same on every call. */
    public RandomGenerator random() {
        return Seeds.stream(seed, trial);
    }
}
