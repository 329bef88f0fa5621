package dev.hyperopt.engine.store;

import dev.hyperopt.engine.api.Trial;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/** Keeps studies in memory for the life of the process ({@code --store memory:}). */
public final class MemoryTrialStore extends AbstractTrialStore {
    private final ConcurrentHashMap<String, StudyData> studies = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private static final class StudyData {
        final StudyInfo info;
        long next;
        final TreeMap<Long, Trial> trials = new TreeMap<>();
        final java.util.TreeSet<Long> released = new java.util.TreeSet<>();
        final java.util.ArrayDeque<Map<String, Object>> queued = new java.util.ArrayDeque<>();

        StudyData(StudyInfo info) {
            this.info = info;
        }
    }

    @Override
    public StudyInfo openStudy(String name, String spaceFingerprint, String algorithm, long seed) {
        checkOpen();
        StudyData d = studies.computeIfAbsent(name,
                n -> new StudyData(new StudyInfo(n, spaceFingerprint, algorithm, seed, Instant.now())));
        if (!d.info.spaceFingerprint().equals(spaceFingerprint)) {
            throw new StoreException("study '" + name + "' was created for a different search space; use another study name");
        }
        return d.info;
    }

    @Override
    public Optional<StudyInfo> study(String name) {
        checkOpen();
        StudyData d = studies.get(name);
        return d == null ? Optional.empty() : Optional.of(d.info);
    }

    @Override
    public List<StudyInfo> studies() {
        checkOpen();
        List<StudyInfo> out = new ArrayList<>();
        for (StudyData d : studies.values()) out.add(d.info);
        out.sort(java.util.Comparator.comparing(StudyInfo::name));
        return List.copyOf(out);
    }

    @Override
    public long reserveTrial(String study) {
        StudyData d = data(study);
        synchronized (d) {
            Long again = d.released.pollFirst();
            return again != null ? again : d.next++;
        }
    }

    @Override
    public void releaseTrial(String study, long number) {
        StudyData d = data(study);
        synchronized (d) {
            if (number < d.next && !d.trials.containsKey(number)) d.released.add(number);
        }
    }

    @Override
    protected Trial insertRunning(String study, Trial trial) {
        StudyData d = data(study);
        synchronized (d) {
            if (trial.number() >= d.next || d.released.contains(trial.number())) {
                throw new StoreException("trial " + trial.number() + " of study '" + study + "' was not reserved");
            }
            if (d.trials.containsKey(trial.number())) {
                throw new StoreException("trial " + trial.number() + " of study '" + study + "' is already recorded");
            }
            d.trials.put(trial.number(), trial);
            return trial;
        }
    }

    @Override
    protected Trial replace(String study, long number, UnaryOperator<Trial> transition) {
        StudyData d = data(study);
        synchronized (d) {
            Trial next = transition.apply(d.trials.get(number));
            d.trials.put(number, next);
            return next;
        }
    }

    @Override
    public void enqueue(String study, Map<String, Object> labels) {
        StudyData d = data(study);
        Map<String, Object> copy = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        synchronized (d) {
            d.queued.addLast(copy);
        }
    }

    @Override
    public Optional<Map<String, Object>> dequeue(String study) {
        StudyData d = data(study);
        synchronized (d) {
            return Optional.ofNullable(d.queued.pollFirst());
        }
    }

    @Override
    public List<Map<String, Object>> queued(String study) {
        StudyData d = data(study);
        synchronized (d) {
            return List.copyOf(d.queued);
        }
    }

    @Override
    public List<Trial> trials(String study) {
        StudyData d = data(study);
        synchronized (d) {
            return List.copyOf(d.trials.values());
        }
    }

    @Override
    public void close() {
        closed = true;
    }

    private StudyData data(String study) {
        checkOpen();
        StudyData d = studies.get(study);
        if (d == null) throw new StoreException("no study named '" + study + "'");
        return d;
    }

    private void checkOpen() {
        if (closed) throw new StoreException("the store is closed");
    }
}
