package dev.hyperopt.engine.run;

import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.engine.api.Trial;
import dev.hyperopt.engine.space.Assignment;
import dev.hyperopt.engine.store.TrialStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A study's queue of configurations to evaluate before its sampler is asked. */
final class Queue {
    private static final Logger LOG = LoggerFactory.getLogger(Queue.class);

    private Queue() {}

    /**
     * Queues the configurations that the study has neither evaluated nor queued yet, so that
     * a resumed run with the same configurations does not evaluate them twice.
     *
     * @return how many were queued
     */
    static int enqueueNew(TrialStore store, String study, SearchSpace space, List<Assignment> configurations) {
        if (configurations.isEmpty()) return 0;
        List<double[]> seen = new ArrayList<>();
        for (Trial t : store.trials(study)) seen.add(t.values());
        for (Map<String, Object> labels : store.queued(study)) {
            try {
                seen.add(Assignment.fromLabels(space, labels).values());
            } catch (IllegalArgumentException e) {
                // not this space's: it cannot match any of ours
            }
        }
        int added = 0;
        for (Assignment a : configurations) {
            double[] v = a.values();
            if (seen.stream().anyMatch(s -> Arrays.equals(s, v))) continue;
            store.enqueue(study, a.labels());
            seen.add(v);
            added++;
        }
        return added;
    }

    /** The oldest queued configuration of the study; one that does not fit the space is skipped with a warning. */
    static Optional<Assignment> take(TrialStore store, String study, SearchSpace space) {
        while (true) {
            Optional<Map<String, Object>> next = store.dequeue(study);
            if (next.isEmpty()) return Optional.empty();
            try {
                return Optional.of(Assignment.fromLabels(space, next.get()));
            } catch (IllegalArgumentException e) {
                LOG.warn("study {}: a queued configuration does not fit the space and is skipped: {}", study, e.getMessage());
            }
        }
    }
}
