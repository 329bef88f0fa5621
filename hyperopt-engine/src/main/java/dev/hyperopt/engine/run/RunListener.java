package dev.hyperopt.engine.run;

import dev.hyperopt.engine.api.Trial;
import dev.hyperopt.engine.store.StudyInfo;

/**
 * Hears about a run as it goes, for progress bars and logs. The engine calls these from
 * the thread that drives the run, never concurrently; they should return quickly.
 */
public interface RunListener {

    /** Before the first trial; {@code finished} counts trials kept from earlier runs of the study. */
    default void started(StudyInfo study, int maxEvals, int finished) {}

    /** A trial was recorded as running. */
    default void trialStarted(Trial trial) {}

    /** A trial finished (ok or failed). */
    default void trialFinished(Trial trial, Progress progress) {}

    /** After the last trial. */
    default void finished(Result result) {}
}
