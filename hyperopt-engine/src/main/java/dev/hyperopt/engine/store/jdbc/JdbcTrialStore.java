package dev.hyperopt.engine.store.jdbc;

import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.dsl.print.HSpacePrinter;
import dev.hyperopt.engine.api.Config;
import dev.hyperopt.engine.api.Trial;
import dev.hyperopt.engine.api.TrialState;
import dev.hyperopt.engine.store.AbstractTrialStore;
import dev.hyperopt.engine.store.SpaceFingerprint;
import dev.hyperopt.engine.store.StoreException;
import dev.hyperopt.engine.store.StudyInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * A store in an SQL database (SQLite or PostgreSQL), shared by every process that opens it.
 * One connection serves the store; each step of a trial's life is one short transaction.
 *
 * <p>A trial row is {@code reserved} (a number handed out, not yet started), {@code queued}
 * (started, waiting for a worker), {@code running} (held by a process under a lease),
 * {@code ok} or {@code fail}. Queued and running trials are both running to readers. A
 * heartbeat renews the lease of every row this store holds at a third of the lease; a row
 * whose holder has died (on this host: its process is gone; elsewhere: its lease ran out)
 * is taken over by the next process that looks, and evaluated again under its number.
 */
public final class JdbcTrialStore extends AbstractTrialStore {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcTrialStore.class);
    private static final String COLUMNS = "number, state, assignment, labels, config, loss, attachments, error, started, finished";
    private static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);

    private final Connection c;
    private final Dialect d;
    private final String where;
    private final Owner me = Owner.current();
    private final String owner = me.text();
    private final Map<String, Long> ids = new ConcurrentHashMap<>();
    private final ScheduledExecutorService heartbeat;
    private volatile long leaseMs = DEFAULT_LEASE.toMillis();
    private volatile boolean queueMode;
    private boolean closed;

    /**
     * Takes over {@code connection} (in auto-commit mode) and brings its schema up to date.
     *
     * @param where the store's URL as users wrote it, without any secret: it prefixes errors
     */
    public JdbcTrialStore(Connection connection, Dialect dialect, String where) {
        this.c = connection;
        this.d = dialect;
        this.where = where;
        try {
            Schema.migrate(c, d, where);
        } catch (SQLException e) {
            closeQuietly();
            throw failure(e);
        } catch (RuntimeException e) {
            closeQuietly();
            throw e;
        }
        heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hyperopt-store-heartbeat");
            t.setDaemon(true);
            return t;
        });
        scheduleHeartbeat();
    }

    private final Map<String, PreparedStatement> statements = new java.util.HashMap<>();

    /**
     * The statement for {@code sql}, prepared once per connection: SQLite compiles a statement
     * on every prepare, which would cost more than running it. The statement returned ignores
     * {@code close()} (it only clears the parameters), so callers may use try-with-resources;
     * the connection closes the real ones.
     */
    private PreparedStatement prepare(String sql) throws SQLException {
        PreparedStatement p = statements.get(sql);
        if (p == null) {
            PreparedStatement real = c.prepareStatement(sql);
            p = (PreparedStatement) java.lang.reflect.Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(),
                    new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> {
                        if (method.getName().equals("close") && method.getParameterCount() == 0) {
                            real.clearParameters();
                            return null;
                        }
                        try {
                            return method.invoke(real, args);
                        } catch (java.lang.reflect.InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
            statements.put(sql, p);
        }
        return p;
    }

    private interface Work<T> {
        T run() throws SQLException;
    }

    /** Runs {@code w} in one write transaction, retried once when a concurrent insert of the same key wins. */
    private <T> T tx(Work<T> w) {
        synchronized (c) {
            checkOpen();
            for (int attempt = 0; ; attempt++) {
                try {
                    d.begin(c);
                    T out = w.run();
                    d.commit(c);
                    return out;
                } catch (SQLException e) {
                    rollback();
                    if (attempt == 0 && "23505".equals(e.getSQLState())) continue;
                    throw failure(e);
                } catch (RuntimeException e) {
                    rollback();
                    throw e;
                }
            }
        }
    }

    /** Runs {@code w} outside any transaction: one consistent statement at a time. */
    private <T> T read(Work<T> w) {
        synchronized (c) {
            checkOpen();
            try {
                return w.run();
            } catch (SQLException e) {
                throw failure(e);
            }
        }
    }

    private void rollback() {
        try {
            d.rollback(c);
        } catch (SQLException e) {
            LOG.debug("rollback failed: {}", e.getMessage());
        }
    }

    private StoreException failure(SQLException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
        return new StoreException("store '" + where + "': " + m, e);
    }

    private void checkOpen() {
        if (closed) throw new StoreException("the store is closed");
    }

    // ---- studies -------------------------------------------------------------------------

    @Override
    public StudyInfo openStudy(String name, String spaceFingerprint, String algorithm, long seed) {
        return open(name, spaceFingerprint, null, algorithm, seed);
    }

    @Override
    public StudyInfo openStudy(String name, SearchSpace space, String algorithm, long seed) {
        String text;
        try {
            text = HSpacePrinter.print(space);
        } catch (IllegalArgumentException e) {
            text = null; // a NaN literal has no text; the fingerprint still identifies the space
        }
        return open(name, SpaceFingerprint.of(space), text, algorithm, seed);
    }

    private StudyInfo open(String name, String fingerprint, String spaceText, String algorithm, long seed) {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("a study needs a name");
        return tx(() -> {
            Optional<StudyInfo> existing = selectStudy(name, true);
            if (existing.isPresent()) {
                StudyInfo s = existing.get();
                if (!s.spaceFingerprint().equals(fingerprint)) {
                    throw new StoreException("study '" + name + "' was created for a different search space; use another study name");
                }
                if (spaceText != null) {
                    try (PreparedStatement p = prepare("UPDATE studies SET space = ? WHERE name = ? AND space IS NULL")) {
                        p.setString(1, spaceText);
                        p.setString(2, name);
                        p.executeUpdate();
                    }
                }
                return s;
            }
            Instant created = Instant.now();
            try (PreparedStatement p = prepare(
                    "INSERT INTO studies (name, fingerprint, space, algorithm, seed, settings, next_trial, created) VALUES (?, ?, ?, ?, ?, '{}', 0, ?)")) {
                p.setString(1, name);
                p.setString(2, fingerprint);
                p.setString(3, spaceText);
                p.setString(4, algorithm);
                p.setLong(5, seed);
                p.setString(6, created.toString());
                p.executeUpdate();
            }
            return new StudyInfo(name, fingerprint, algorithm, seed, created);
        });
    }

    private Optional<StudyInfo> selectStudy(String name, boolean lock) throws SQLException {
        try (PreparedStatement p = prepare(
                "SELECT id, name, fingerprint, algorithm, seed, created FROM studies WHERE name = ?" + (lock ? d.forUpdate() : ""))) {
            p.setString(1, name);
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) return Optional.empty();
                ids.put(name, r.getLong(1));
                return Optional.of(study(r));
            }
        }
    }

    private static StudyInfo study(ResultSet r) throws SQLException {
        return new StudyInfo(r.getString(2), r.getString(3), r.getString(4), r.getLong(5), Instant.parse(r.getString(6)));
    }

    @Override
    public Optional<StudyInfo> study(String name) {
        return read(() -> selectStudy(name, false));
    }

    @Override
    public List<StudyInfo> studies() {
        return read(() -> {
            List<StudyInfo> out = new ArrayList<>();
            try (PreparedStatement p = prepare("SELECT id, name, fingerprint, algorithm, seed, created FROM studies ORDER BY name");
                 ResultSet r = p.executeQuery()) {
                while (r.next()) out.add(study(r));
            }
            return List.copyOf(out);
        });
    }

    private long id(String study) throws SQLException {
        Long id = ids.get(study);
        if (id != null) return id;
        if (selectStudy(study, false).isEmpty()) throw new StoreException("no study named '" + study + "'");
        return ids.get(study);
    }

    @Override
    public Map<String, String> settings(String study) {
        return read(() -> {
            try (PreparedStatement p = prepare("SELECT settings FROM studies WHERE id = ?")) {
                p.setLong(1, id(study));
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? Map.copyOf(withoutNulls(Codec.strings(r.getString(1)))) : Map.of();
                }
            }
        });
    }

    private static Map<String, String> withoutNulls(Map<String, String> m) {
        m.values().removeIf(java.util.Objects::isNull);
        return m;
    }

    @Override
    public void updateSettings(String study, Map<String, String> settings) {
        tx(() -> {
            long id = id(study);
            Map<String, String> now;
            try (PreparedStatement p = prepare("SELECT settings FROM studies WHERE id = ?" + d.forUpdate())) {
                p.setLong(1, id);
                try (ResultSet r = p.executeQuery()) {
                    now = r.next() ? Codec.strings(r.getString(1)) : new LinkedHashMap<>();
                }
            }
            settings.forEach((k, v) -> {
                if (v == null) now.remove(k);
                else now.put(k, v);
            });
            try (PreparedStatement p = prepare("UPDATE studies SET settings = ? WHERE id = ?")) {
                p.setString(1, Codec.json(now));
                p.setLong(2, id);
                p.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<String> spaceText(String study) {
        return read(() -> {
            try (PreparedStatement p = prepare("SELECT space FROM studies WHERE id = ?")) {
                p.setLong(1, id(study));
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? Optional.ofNullable(r.getString(1)) : Optional.empty();
                }
            }
        });
    }

    // ---- numbers -------------------------------------------------------------------------

    @Override
    public long reserveTrial(String study) {
        return tx(() -> {
            long id = id(study);
            long now = System.currentTimeMillis();
            Long again = null;
            try (PreparedStatement p = prepare("SELECT number FROM trials WHERE study_id = ? AND state = 'reserved'"
                    + " AND (owner IS NULL OR lease_until < ?) ORDER BY number LIMIT 1" + d.skipLocked())) {
                p.setLong(1, id);
                p.setLong(2, now);
                try (ResultSet r = p.executeQuery()) {
                    if (r.next()) again = r.getLong(1);
                }
            }
            if (again != null) {
                try (PreparedStatement p = prepare("UPDATE trials SET owner = ?, lease_until = ? WHERE study_id = ? AND number = ?")) {
                    p.setString(1, owner);
                    p.setLong(2, now + leaseMs);
                    p.setLong(3, id);
                    p.setLong(4, again);
                    p.executeUpdate();
                }
                return again;
            }
            long n;
            try (PreparedStatement p = prepare("UPDATE studies SET next_trial = next_trial + 1 WHERE id = ? RETURNING next_trial - 1")) {
                p.setLong(1, id);
                try (ResultSet r = p.executeQuery()) {
                    r.next();
                    n = r.getLong(1);
                }
            }
            try (PreparedStatement p = prepare(
                    "INSERT INTO trials (study_id, number, state, owner, lease_until, attempts) VALUES (?, ?, 'reserved', ?, ?, 0)")) {
                p.setLong(1, id);
                p.setLong(2, n);
                p.setString(3, owner);
                p.setLong(4, now + leaseMs);
                p.executeUpdate();
            }
            return n;
        });
    }

    @Override
    public void releaseTrial(String study, long number) {
        tx(() -> {
            try (PreparedStatement p = prepare(
                    "UPDATE trials SET owner = NULL, lease_until = 0 WHERE study_id = ? AND number = ? AND state = 'reserved'")) {
                p.setLong(1, id(study));
                p.setLong(2, number);
                p.executeUpdate();
            }
            return null;
        });
    }

    // ---- the life of a trial -------------------------------------------------------------

    @Override
    protected Trial insertRunning(String study, Trial trial) {
        return tx(() -> {
            long id = id(study);
            boolean queued = queueMode;
            try (PreparedStatement p = prepare("UPDATE trials SET state = ?, assignment = ?, labels = ?, config = ?,"
                    + " loss = NULL, attachments = ?, error = NULL, started = ?, finished = NULL, owner = ?, lease_until = ?, attempts = ?"
                    + " WHERE study_id = ? AND number = ? AND state = 'reserved'")) {
                p.setString(1, queued ? "queued" : "running");
                p.setBytes(2, Codec.values(trial.values()));
                p.setString(3, Codec.json(trial.labels()));
                p.setString(4, trial.config() == null ? null : Codec.json(trial.config().value()));
                p.setString(5, Codec.json(trial.attachments()));
                p.setString(6, trial.started().toString());
                p.setString(7, queued ? null : owner);
                if (queued) p.setNull(8, Types.BIGINT);
                else p.setLong(8, System.currentTimeMillis() + leaseMs);
                p.setInt(9, queued ? 0 : 1);
                p.setLong(10, id);
                p.setLong(11, trial.number());
                if (p.executeUpdate() == 1) return trial;
            }
            Optional<String> state = state(id, trial.number());
            if (state.isEmpty()) {
                throw new StoreException("trial " + trial.number() + " of study '" + study + "' was not reserved");
            }
            throw new StoreException("trial " + trial.number() + " of study '" + study + "' is already recorded");
        });
    }

    private Optional<String> state(long id, long number) throws SQLException {
        try (PreparedStatement p = prepare("SELECT state FROM trials WHERE study_id = ? AND number = ?")) {
            p.setLong(1, id);
            p.setLong(2, number);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        }
    }

    @Override
    protected Trial replace(String study, long number, UnaryOperator<Trial> transition) {
        return tx(() -> {
            long id = id(study);
            Trial current = null;
            try (PreparedStatement p = prepare("SELECT " + COLUMNS + " FROM trials WHERE study_id = ? AND number = ?"
                    + " AND state <> 'reserved'" + d.forUpdate())) {
                p.setLong(1, id);
                p.setLong(2, number);
                try (ResultSet r = p.executeQuery()) {
                    if (r.next()) current = trial(r);
                }
            }
            Trial next = transition.apply(current);
            try (PreparedStatement p = prepare("UPDATE trials SET state = ?, assignment = ?, labels = ?, config = ?, loss = ?,"
                    + " attachments = ?, error = ?, started = ?, finished = ?, lease_until = NULL WHERE study_id = ? AND number = ?")) {
                p.setString(1, next.state().id());
                p.setBytes(2, Codec.values(next.values()));
                p.setString(3, Codec.json(next.labels()));
                p.setString(4, next.config() == null ? null : Codec.json(next.config().value()));
                if (next.isOk()) p.setDouble(5, next.loss());
                else p.setNull(5, Types.DOUBLE);
                p.setString(6, Codec.json(next.attachments()));
                p.setString(7, next.error());
                p.setString(8, next.started().toString());
                p.setString(9, next.finished() == null ? null : next.finished().toString());
                p.setLong(10, id);
                p.setLong(11, number);
                p.executeUpdate();
            }
            return next;
        });
    }

    private static Trial trial(ResultSet r) throws SQLException {
        long number = r.getLong(1);
        String s = r.getString(2);
        TrialState state = switch (s) {
            case "ok" -> TrialState.OK;
            case "fail" -> TrialState.FAIL;
            default -> TrialState.RUNNING;
        };
        double[] values = Codec.values(r.getBytes(3));
        Map<String, Object> labels = Codec.map(r.getString(4));
        String config = r.getString(5);
        double loss = r.getDouble(6);
        if (r.wasNull()) loss = Double.NaN;
        Map<String, Object> attachments = Codec.map(r.getString(7));
        String error = r.getString(8);
        Instant started = Instant.parse(r.getString(9));
        String finished = r.getString(10);
        return new Trial(number, state, values, labels, config == null ? null : Config.of(Codec.read(config)), loss,
                attachments, error, started, finished == null ? null : Instant.parse(finished));
    }

    @Override
    public List<Trial> trials(String study) {
        return read(() -> {
            try (PreparedStatement p = prepare("SELECT " + COLUMNS + " FROM trials WHERE study_id = ? AND state <> 'reserved' ORDER BY number")) {
                p.setLong(1, id(study));
                List<Trial> out = new ArrayList<>();
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) out.add(trial(r));
                }
                return List.copyOf(out);
            }
        });
    }

    @Override
    public List<Trial> finishedTrials(String study, long from, long to) {
        return read(() -> {
            try (PreparedStatement p = prepare("SELECT " + COLUMNS + " FROM trials WHERE study_id = ? AND number BETWEEN ? AND ?"
                    + " AND state IN ('ok', 'fail') ORDER BY number")) {
                p.setLong(1, id(study));
                p.setLong(2, from);
                p.setLong(3, to);
                List<Trial> out = new ArrayList<>();
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) out.add(trial(r));
                }
                return List.copyOf(out);
            }
        });
    }

    @Override
    public Optional<Trial> trial(String study, long number) {
        return read(() -> select(id(study), number));
    }

    private Optional<Trial> select(long id, long number) throws SQLException {
        try (PreparedStatement p = prepare("SELECT " + COLUMNS + " FROM trials WHERE study_id = ? AND number = ? AND state <> 'reserved'")) {
            p.setLong(1, id);
            p.setLong(2, number);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(trial(r)) : Optional.empty();
            }
        }
    }

    // ---- holding, handing over, claiming -------------------------------------------------

    private record Held(long number, String state, String owner, long leaseUntil) {}

    private List<Held> open(long id, String states, String lock) throws SQLException {
        List<Held> out = new ArrayList<>();
        try (PreparedStatement p = prepare("SELECT number, state, owner, lease_until FROM trials WHERE study_id = ? AND state IN ("
                + states + ") ORDER BY number" + lock)) {
            p.setLong(1, id);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) out.add(new Held(r.getLong(1), r.getString(2), r.getString(3), r.getLong(4)));
            }
        }
        return out;
    }

    /** Whether nobody alive holds the row: its lease has run out or its process is gone. */
    private boolean gone(Held h, long now) {
        if (h.owner == null) return true;
        if (h.owner.equals(owner)) return false;
        return h.leaseUntil < now || Owner.deadHere(h.owner, me);
    }

    private void hold(long id, long number, String state) throws SQLException {
        try (PreparedStatement p = prepare("UPDATE trials SET state = ?, owner = ?, lease_until = ?,"
                + " attempts = attempts + 1 WHERE study_id = ? AND number = ?")) {
            p.setString(1, state);
            p.setString(2, state.equals("queued") ? null : owner);
            if (state.equals("queued")) p.setNull(3, Types.BIGINT);
            else p.setLong(3, System.currentTimeMillis() + leaseMs);
            p.setLong(4, id);
            p.setLong(5, number);
            p.executeUpdate();
        }
    }

    @Override
    public List<Trial> takeOver(String study) {
        return tx(() -> {
            long id = id(study);
            long now = System.currentTimeMillis();
            List<Long> taken = new ArrayList<>();
            for (Held h : open(id, "'reserved', 'queued', 'running'", d.forUpdate())) {
                boolean gone = gone(h, now);
                if (h.state.equals("reserved")) {
                    if (gone && h.owner != null) {
                        try (PreparedStatement p = prepare("UPDATE trials SET owner = NULL, lease_until = 0 WHERE study_id = ? AND number = ?")) {
                            p.setLong(1, id);
                            p.setLong(2, h.number);
                            p.executeUpdate();
                        }
                    }
                } else if (queueMode) {
                    if (h.state.equals("running") && gone) hold(id, h.number, "queued");
                    taken.add(h.number);
                } else if (gone) {
                    hold(id, h.number, "running");
                    taken.add(h.number);
                }
            }
            List<Trial> out = new ArrayList<>();
            for (long n : taken) select(id, n).ifPresent(out::add);
            return List.copyOf(out);
        });
    }

    @Override
    public void handToWorkers() {
        queueMode = true;
    }

    @Override
    public Optional<Trial> claim(String study) {
        long id = read(() -> id(study));
        if (d.claimsInOneStatement()) {
            Optional<Trial> queued = read(() -> claimQueued(id));
            if (queued.isPresent()) return queued;
        }
        // A look without a transaction first, so that idle workers do not queue for SQLite's write lock.
        long now = System.currentTimeMillis();
        boolean any = read(() -> {
            for (Held h : open(id, "'queued', 'running'", "")) if (h.state.equals("queued") || gone(h, now)) return true;
            return false;
        });
        if (!any) return Optional.empty();
        return tx(() -> {
            Long pick = null;
            try (PreparedStatement p = prepare("SELECT number FROM trials WHERE study_id = ? AND state = 'queued'"
                    + " ORDER BY number LIMIT 1" + d.skipLocked())) {
                p.setLong(1, id);
                try (ResultSet r = p.executeQuery()) {
                    if (r.next()) pick = r.getLong(1);
                }
            }
            if (pick == null) {
                long t = System.currentTimeMillis();
                for (Held h : open(id, "'running'", d.skipLocked())) {
                    if (gone(h, t)) {
                        pick = h.number;
                        LOG.info("trial {} of study '{}': its holder {} is gone; evaluating it again", h.number, study, h.owner);
                        break;
                    }
                }
            }
            if (pick == null) return Optional.empty();
            hold(id, pick, "running");
            return select(id, pick);
        });
    }

    @Override
    public void unclaim(String study, long number) {
        tx(() -> {
            try (PreparedStatement p = prepare("UPDATE trials SET state = 'queued', owner = NULL, lease_until = NULL,"
                    + " attempts = attempts - 1 WHERE study_id = ? AND number = ? AND state = 'running' AND owner = ?")) {
                p.setLong(1, id(study));
                p.setLong(2, number);
                p.setString(3, owner);
                p.executeUpdate();
            }
            return null;
        });
    }

    /** Claims the first queued trial no one else is taking, in one statement (its own transaction). */
    private Optional<Trial> claimQueued(long id) throws SQLException {
        try (PreparedStatement p = prepare("UPDATE trials SET state = 'running', owner = ?, lease_until = ?, attempts = attempts + 1"
                + " WHERE study_id = ? AND state = 'queued' AND number = (SELECT number FROM trials WHERE study_id = ?"
                + " AND state = 'queued' ORDER BY number LIMIT 1" + d.skipLocked() + ") RETURNING " + COLUMNS)) {
            p.setString(1, owner);
            p.setLong(2, System.currentTimeMillis() + leaseMs);
            p.setLong(3, id);
            p.setLong(4, id);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(trial(r)) : Optional.empty();
            }
        }
    }

    @Override
    public void lease(Duration lease) {
        if (lease.isNegative() || lease.isZero()) throw new IllegalArgumentException("a lease must be positive, got " + lease);
        leaseMs = Math.max(lease.toMillis(), 30);
        scheduleHeartbeat();
    }

    private java.util.concurrent.ScheduledFuture<?> beat;

    private synchronized void scheduleHeartbeat() {
        if (heartbeat == null) return;
        if (beat != null) beat.cancel(false);
        long every = Math.max(10, leaseMs / 3);
        beat = heartbeat.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
    }

    private void renew() {
        try {
            read(() -> {
                try (PreparedStatement p = prepare(
                        "UPDATE trials SET lease_until = ? WHERE owner = ? AND state IN ('reserved', 'running')")) {
                    p.setLong(1, System.currentTimeMillis() + leaseMs);
                    p.setString(2, owner);
                    return p.executeUpdate();
                }
            });
        } catch (StoreException e) {
            if (!closed) LOG.warn("cannot renew the leases of running trials: {}", e.getMessage());
        }
    }

    /** Stops the heartbeat and lets go of what this store still holds, so that others need not wait for the leases. */
    @Override
    public void close() {
        synchronized (c) {
            if (closed) return;
            heartbeat.shutdownNow();
            try (PreparedStatement p = prepare("UPDATE trials SET lease_until = 0 WHERE owner = ? AND state IN ('reserved', 'running')")) {
                p.setString(1, owner);
                p.executeUpdate();
            } catch (SQLException e) {
                LOG.debug("could not let go of held trials: {}", e.getMessage());
            }
            closed = true;
            closeQuietly();
        }
    }

    private void closeQuietly() {
        try {
            c.close();
        } catch (SQLException e) {
            LOG.debug("closing the connection failed: {}", e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "store " + where;
    }
}
