package dev.hyperopt.engine.store;

import dev.hyperopt.engine.api.Trial;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A store that several processes share (SQLite, PostgreSQL), with what that makes
 * possible: a run resumes the trials of a process that died, hands its trials to
 * {@code hyperopt worker} processes, which claim them under leases, and studies keep
 * settings and their space's text for whoever opens them later. Callers that need any of
 * this ask for it ({@code store instanceof SharedTrialStore shared}) and tell users which
 * stores have it, {@link #NEEDED}.
 */
public interface SharedTrialStore extends TrialStore {

    /** What to tell a user who asked for workers, or another shared capability, of a store without it. */
    String NEEDED = "workers need a shared store (sqlite: or postgresql:)";

    /**
     * The running trials of the study that nobody is evaluating any more (their process has
     * died or let its lease expire), now held by this store, to be evaluated again under
     * their numbers with their assignments; numbers reserved by dead processes are released.
     * A store that {@linkplain #handToWorkers hands trials to workers} instead returns every
     * unfinished trial, queued again where its holder is gone, for the caller to wait on.
     */
    List<Trial> takeOver(String study);

    /** From now on, record started trials as queued for {@code hyperopt worker} processes instead of held by this process. */
    void handToWorkers();

    /**
     * Takes the next trial to evaluate for a worker: the lowest-numbered queued one, else a
     * running one whose holder is gone. The trial is then held by this store under a lease
     * that a heartbeat renews while the store is open.
     */
    Optional<Trial> claim(String study);

    /**
     * Gives back a trial this store claimed and has not started evaluating, queued again for
     * anyone to claim, as if it had never been claimed.
     */
    void unclaim(String study, long number);

    /** How long a trial stays held without a heartbeat; heartbeats come at a third of it. */
    void lease(Duration lease);

    /** The study's settings as its driver recorded them (objective command, limits); empty when none. */
    Map<String, String> settings(String study);

    /** Adds to (or replaces in) the study's settings; a null value removes its key. */
    void updateSettings(String study, Map<String, String> settings);

    /** The canonical text of the study's space, where the store recorded it (a NaN literal has none). */
    Optional<String> spaceText(String study);

    /**
     * {@code store} as a shared store.
     *
     * @param url the store's URL as the user wrote it, for the message
     * @throws StoreException saying which stores can be shared when this one cannot
     */
    static SharedTrialStore of(TrialStore store, String url) {
        if (store instanceof SharedTrialStore shared) return shared;
        String scheme = url.contains(":") ? url.substring(0, url.indexOf(':') + 1) : url;
        throw new StoreException("the " + scheme + " store lives in one process; " + NEEDED);
    }
}
