package dev.hyperopt.engine.store.jdbc;

import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.dsl.print.HSpacePrinter;
import dev.hyperopt.engine.api.Intermediate;
import dev.hyperopt.engine.api.Trial;
import dev.hyperopt.engine.store.AbstractTrialStore;
import dev.hyperopt.engine.store.SharedTrialStore;
import dev.hyperopt.engine.store.SpaceFingerprint;
import dev.hyperopt.engine.store.StudyInfo;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A store in an SQL database (SQLite or PostgreSQL), shared by every process that opens it.
 * One connection serves the store ({@link StoreConnection}); each step of a trial's life is
 * one short transaction, a reported value included. Its tables have a class each:
 * {@link Studies}, {@link Trials} (with their intermediate values), the {@link WorkQueue} of
 * leases, takeovers and claims, and the {@link QueuedConfigs} to evaluate first. Opening a
 * store brings its tables to the current {@link Schema} version.
 *
 * <p>A trial row is {@code reserved} (a number handed out, not yet started), {@code queued}
 * (started, waiting for a worker), {@code running} (held by a process under a lease),
 * {@code ok}, {@code fail} or {@code pruned}. Queued and running trials are both running to
 * readers. A heartbeat renews the lease of every row this store holds at a third of the
 * lease; a row whose holder has died (on this host: its process is gone; elsewhere: its
 * lease ran out) is taken over by the next process that looks, and evaluated again under
 * its number, from the start: the values its dead holder reported are dropped.
 */
public final class JdbcTrialStore extends AbstractTrialStore implements SharedTrialStore {
    private final StoreConnection db;
    private final Studies studies;
    private final Trials trials;
    private final WorkQueue queue;
    private final QueuedConfigs configs;
    private final Holder holder;

    /** Opens a new connection to the store's database, in auto-commit mode. */
    @FunctionalInterface
    public interface Connector {
        Connection connect() throws SQLException;
    }

    /** A store whose leases run by the system clock; see {@link #JdbcTrialStore(Connection, Dialect, String, Clock)}. */
    public JdbcTrialStore(Connection connection, Dialect dialect, String where) {
        this(connection, dialect, where, Clock.systemUTC());
    }

    /** A store on a connection that is not opened again once lost; see {@link #JdbcTrialStore(Connection, Connector, Dialect, String, Clock)}. */
    public JdbcTrialStore(Connection connection, Dialect dialect, String where, Clock clock) {
        this(connection, null, dialect, where, clock);
    }

    /**
     * Takes over {@code connection} (in auto-commit mode) and brings its schema up to date.
     *
     * @param reconnect opens the connection again when the server drops it (a restart); null: a lost connection fails the store's calls
     * @param where the store's URL as users wrote it, without any secret: it prefixes errors
     * @param clock what leases are measured by (heartbeats still come in real time)
     */
    public JdbcTrialStore(Connection connection, Connector reconnect, Dialect dialect, String where, Clock clock) {
        db = new StoreConnection(connection, reconnect, dialect, where);
        try {
            Schema.migrate(connection, dialect, where);
        } catch (SQLException e) {
            db.closeQuietly();
            throw db.failure(e);
        } catch (RuntimeException e) {
            db.closeQuietly();
            throw e;
        }
        Holder holder = new Holder(clock);
        studies = new Studies(db);
        trials = new Trials(db, studies, holder);
        queue = new WorkQueue(db, studies, trials, holder);
        configs = new QueuedConfigs(db, studies);
        this.holder = holder;
    }

    @Override
    public StudyInfo openStudy(String name, String spaceFingerprint, String algorithm, long seed) {
        return studies.open(name, spaceFingerprint, null, algorithm, seed);
    }

    @Override
    public StudyInfo openStudy(String name, SearchSpace space, String algorithm, long seed) {
        String text;
        try {
            text = HSpacePrinter.print(space);
        } catch (IllegalArgumentException e) {
            text = null; // a NaN literal has no text; the fingerprint still identifies the space
        }
        return studies.open(name, SpaceFingerprint.of(space), text, algorithm, seed);
    }

    @Override
    public Optional<StudyInfo> study(String name) {
        return studies.study(name);
    }

    @Override
    public List<StudyInfo> studies() {
        return studies.all();
    }

    @Override
    public Map<String, String> settings(String study) {
        return studies.settings(study);
    }

    @Override
    public void updateSettings(String study, Map<String, String> settings) {
        studies.updateSettings(study, settings);
    }

    @Override
    public Optional<String> spaceText(String study) {
        return studies.spaceText(study);
    }

    @Override
    public long reserveTrial(String study) {
        return trials.reserve(study);
    }

    @Override
    public void releaseTrial(String study, long number) {
        trials.release(study, number);
    }

    @Override
    protected Trial insertRunning(String study, Trial trial) {
        return trials.insertRunning(study, trial);
    }

    @Override
    protected Trial replace(String study, long number, UnaryOperator<Trial> transition) {
        return trials.replace(study, number, transition);
    }

    @Override
    public List<Trial> trials(String study) {
        return trials.all(study);
    }

    @Override
    public List<Trial> finishedTrials(String study, long from, long to) {
        return trials.finished(study, from, to);
    }

    @Override
    public Optional<Trial> trial(String study, long number) {
        return trials.trial(study, number);
    }

    @Override
    public List<Trial> takeOver(String study) {
        return queue.takeOver(study);
    }

    @Override
    public void handToWorkers() {
        holder.handToWorkers();
    }

    @Override
    public Optional<Trial> claim(String study) {
        return queue.claim(study);
    }

    @Override
    public void unclaim(String study, long number) {
        queue.unclaim(study, number);
    }

    @Override
    public void lease(Duration lease) {
        queue.lease(lease);
    }

    /** Stops the heartbeat and lets go of what this store still holds, so that others need not wait for the leases. */
    @Override
    public void close() {
        queue.close();
    }

    @Override
    public String toString() {
        return "store " + db;
    }

    /** Appends the value without rewriting the trial: one row in a short transaction. */
    @Override
    public void report(String study, long number, Intermediate value) {
        trials.report(study, number, value);
    }

    @Override
    public void enqueue(String study, Map<String, Object> labels) {
        configs.enqueue(study, labels);
    }

    @Override
    public Optional<Map<String, Object>> dequeue(String study) {
        return configs.dequeue(study);
    }

    @Override
    public List<Map<String, Object>> queued(String study) {
        return configs.queued(study);
    }
}
