package dev.hyperopt.engine.store;

import dev.hyperopt.engine.api.Outcome;
import dev.hyperopt.engine.api.Trial;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where the trials of studies are kept. The run loop opens a study, then for every trial
 * reserves its number, records it as running with its assignment, and finishes it once;
 * samplers read the history snapshot. Every method is safe to call from several threads,
 * and for shared backends from several processes: numbers are reserved atomically and a
 * trial is finished exactly once. Returned values are immutable snapshots.
 *
 * <p>Implementations extend {@link AbstractTrialStore}, which holds the life-cycle rules,
 * and are checked by one shared test suite.
 */
public interface TrialStore extends AutoCloseable {

    /**
     * Opens study {@code name}, creating it with these settings when it does not exist.
     *
     * @return the study as stored: for an existing study its original algorithm and seed
     * @throws StoreException when the study exists with a different space fingerprint
     */
    StudyInfo openStudy(String name, String spaceFingerprint, String algorithm, long seed);

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

    /** The study's recorded trials in number order, running ones included. */
    List<Trial> trials(String study);

    /** Releases connections and files; the store is unusable afterwards. */
    @Override
    void close();
}
