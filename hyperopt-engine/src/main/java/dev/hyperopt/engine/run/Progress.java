package dev.hyperopt.engine.run;

import dev.hyperopt.engine.api.Trial;

import java.time.Duration;
import java.util.Optional;

/**
 * Where a run stands after a trial finished: finished trials of the study (earlier runs
 * included), the run's budget, the best trial so far and the time since the run started.
 */
public record Progress(int finished, int maxEvals, Optional<Trial> best, Duration elapsed) {}
