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
 *
 * <p>Pruners read the reporting trial's values from its curve and every other trial from the
 * study list, so the list a trial is judged against is copied again only when another trial
 * has changed since: once per trial in a serial run rather than once per report.
 */
final class StudyCurves {
    /** No trial has changed since the snapshot. */
    private static final long NONE = -1;
    /** Several trials have. */
    private static final long SEVERAL = -2;

    private final ConcurrentSkipListMap<Long, Trial> trials = new ConcurrentSkipListMap<>();
    private List<Trial> snapshot;
    private long changedSince = NONE;

    /** Records a trial's latest state: started (before any report) or finished (with every report, from the store). */
    void put(Trial t) {
        trials.put(t.number(), t);
        changed(t.number());
    }

    /** Adds a report to a running trial; the trial as it now stands, or null when it is unknown or finished. */
    Trial report(long number, Intermediate value) {
        Trial t = trials.computeIfPresent(number, (n, cur) -> cur.isFinished() ? cur : cur.withIntermediate(value));
        if (t == null || t.isFinished()) return null;
        changed(number);
        return t;
    }

    private synchronized void changed(long number) {
        if (changedSince == NONE) changedSince = number;
        else if (changedSince != number) changedSince = SEVERAL;
    }

    /** What a pruner needs to judge {@code t}'s last report; {@code t}'s own entry in the study list may lag its curve. */
    synchronized PruningContext context(Trial t) {
        if (snapshot == null || (changedSince != NONE && changedSince != t.number())) {
            snapshot = List.copyOf(trials.values());
            changedSince = NONE;
        }
        return new PruningContext(t.number(), t.intermediate(), snapshot);
    }
}
