package dev.hyperopt.engine.store;

import dev.hyperopt.engine.api.Intermediate;
import dev.hyperopt.engine.api.Outcome;
import dev.hyperopt.engine.api.Trial;

import dev.hyperopt.dsl.ir.SearchSpace;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the trials of studies are kept. The run loop opens a study, then for every trial
 * reserves its number, records it as running with its assignment, and finishes it once;
 * samplers read the history snapshot. Every method is safe to call from several threads,
 * and for shared backends from several processes: numbers are reserved atomically and a
 * trial is finished exactly once. Returned values are immutable snapshots.
 *
 * <p>Implementations extend {@link AbstractTrialStore}, which holds the life-cycle rules,
 * and are checked by the store contract of {@code hyperopt-testing}. A store that several
 * processes can share, and so can serve {@code hyperopt worker} processes, implements
 * {@link SharedTrialStore} as well.
 */
public interface TrialStore extends AutoCloseable {

    /**
     * Opens study {@code name}, creating it with these settings when it does not exist.
     *
     * @return the study as stored: for an existing study its original algorithm and seed
     * @throws StoreException when the study exists with a different space fingerprint
     */
    StudyInfo openStudy(String name, String spaceFingerprint, String algorithm, long seed);

    /**
     * Opens study {@code name} for {@code space}. Stores that keep studies beyond the
     * process also record the space's canonical text, so a study can be read without its file.
     */
    default StudyInfo openStudy(String name, SearchSpace space, String algorithm, long seed) {
        return openStudy(name, SpaceFingerprint.of(space), algorithm, seed);
    }

    /** The study, if it exists. */
    Optional<StudyInfo> study(String name);

    /** Every study, by name. */
    List<StudyInfo> studies();

    /**
     * Reserves the next trial number of a study: 0, 1, 2, ... with no number handed out
     * twice, even to concurrent callers.
     */
    long reserveTrial(String study);

    /**
     * Records a reserved trial as running.
     *
     * @param trial a {@link dev.hyperopt.engine.api.TrialState#RUNNING} trial whose number was reserved
     * @throws StoreException when the number was not reserved or is already recorded
     */
    Trial startTrial(String study, Trial trial);

    /**
     * Finishes a running trial with its outcome; an ok outcome without a finite loss is
     * recorded as a failure.
     *
     * @return the finished trial as stored
     * @throws TrialFinishedException when the trial is already finished
     */
    Trial finishTrial(String study, long number, Outcome outcome, Instant finished);

    /**
     * Appends a value that a running trial reported.
     *
     * @throws TrialFinishedException when the trial is already finished
     * @throws StoreException when there is no such trial, or the step does not follow its last one
     */
    void report(String study, long number, Intermediate value);

    /**
     * Queues a configuration, as its flat labels: the next trial that anyone starts in the
     * study evaluates it before a sampler is asked. Configurations are taken oldest first.
     */
    void enqueue(String study, Map<String, Object> labels);

    /** Takes the oldest queued configuration; each one is handed out once, even to concurrent callers. */
    Optional<Map<String, Object>> dequeue(String study);

    /** The configurations queued and not yet taken, oldest first. */
    List<Map<String, Object>> queued(String study);

    /** The study's recorded trials in number order, running ones included. */
    List<Trial> trials(String study);

    /** Trial {@code number} of the study, if it is recorded (running or finished). */
    default Optional<Trial> trial(String study, long number) {
        for (Trial t : trials(study)) if (t.number() == number) return Optional.of(t);
        return Optional.empty();
    }

    /** The finished trials numbered {@code from} to {@code to} (both included), in number order. */
    default List<Trial> finishedTrials(String study, long from, long to) {
        return trials(study).stream().filter(t -> t.isFinished() && t.number() >= from && t.number() <= to).toList();
    }

    /**
     * Gives back a number reserved but never started, so that the next reservation of anyone
     * gets it: studies keep their numbers without gaps.
     */
    void releaseTrial(String study, long number);

    /** Releases connections and files; the store is unusable afterwards. */
    @Override
    void close();
}
