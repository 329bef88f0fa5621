package dev.hyperopt.engine.run;

import dev.hyperopt.engine.api.Intermediate;
import dev.hyperopt.engine.api.Trial;
import dev.hyperopt.engine.prune.PruningContext;

import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The trials of a study as pruners see them, safe for the threads that report while the run
 * loop records starts and finishes. A trial's reports are added to its running record; its
 * finished record replaces it and takes no more.
 */
final class StudyCurves {
    private final ConcurrentSkipListMap<Long, Trial> trials = new ConcurrentSkipListMap<>();

    /** Records a trial's latest state: started (before any report) or finished (with every report, from the store). */
    void put(Trial t) {
        trials.put(t.number(), t);
    }

    /** Adds a report to a running trial; the trial as it now stands, or null when it is unknown or finished. */
    Trial report(long number, Intermediate value) {
        Trial t = trials.computeIfPresent(number, (n, cur) -> cur.isFinished() ? cur : cur.withIntermediate(value));
        return t == null || t.isFinished() ? null : t;
    }

    /** What a pruner needs to judge {@code t}'s last report. */
    PruningContext context(Trial t) {
        return new PruningContext(t.number(), t.intermediate(), List.copyOf(trials.values()));
    }
}
