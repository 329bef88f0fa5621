package dev.hyperopt.engine.sample;

import dev.hyperopt.engine.space.Assignment;

/**
 * Proposes the next trial's hyperparameters. The engine calls {@link #suggest} once per
 * new trial, with a snapshot of the history; an implementation keeps no state between
 * calls, so resumed runs and workers suggest exactly what an uninterrupted run would.
 * Implementations are bound by name (random, tpe, anneal, ...) in Guice.
 */
public interface Sampler {

    /** The assignment for trial {@code context.trial()}, drawn from {@code context.random()}. */
    Assignment suggest(SamplingContext context);
}
