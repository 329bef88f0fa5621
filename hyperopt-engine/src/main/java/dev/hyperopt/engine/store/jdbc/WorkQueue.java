package dev.hyperopt.engine.store.jdbc;

import dev.hyperopt.engine.api.Trial;
import dev.hyperopt.engine.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Who evaluates which trial: the leases this store holds and the heartbeat that renews
 * them, trials taken over from holders that are gone, and the queue that workers claim
 * trials from. A trial taken from a holder that is gone starts over: the values its holder
 * reported are dropped with the hold, in the same transaction, so its new curve is not
 * mixed with the old one. Queued rows therefore never have reported values.
 */
final class WorkQueue {
    private static final Logger LOG = LoggerFactory.getLogger(WorkQueue.class);

    private final StoreConnection db;
    private final Studies studies;
    private final Trials trials;
    private final Holder holder;
    private final ScheduledExecutorService heartbeat;
    private ScheduledFuture<?> beat;

    WorkQueue(StoreConnection db, Studies studies, Trials trials, Holder holder) {
        this.db = db;
        this.studies = studies;
        this.trials = trials;
        this.holder = holder;
        heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hyperopt-store-heartbeat");
            t.setDaemon(true);
            return t;
        });
        scheduleHeartbeat();
    }

    private record Held(long number, String state, String owner, long leaseUntil) {}

    private List<Held> open(long id, String states, String lock) throws SQLException {
        List<Held> out = new ArrayList<>();
        try (PreparedStatement p = db.prepare("SELECT number, state, owner, lease_until FROM trials WHERE study_id = ? AND state IN ("
                + states + ") ORDER BY number" + lock)) {
            p.setLong(1, id);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) out.add(new Held(r.getLong(1), r.getString(2), r.getString(3), r.getLong(4)));
            }
        }
        return out;
    }

    private boolean gone(Held h, long now) {
        return holder.gone(h.owner, h.leaseUntil, now);
    }

    private void hold(long id, long number, String state) throws SQLException {
        try (PreparedStatement p = db.prepare("UPDATE trials SET state = ?, owner = ?, lease_until = ?,"
                + " attempts = attempts + 1 WHERE study_id = ? AND number = ?")) {
            p.setString(1, state);
            p.setString(2, state.equals("queued") ? null : holder.owner);
            if (state.equals("queued")) p.setNull(3, Types.BIGINT);
            else p.setLong(3, holder.leaseEnd());
            p.setLong(4, id);
            p.setLong(5, number);
            p.executeUpdate();
        }
    }

    List<Trial> takeOver(String study) {
        return db.tx(() -> {
            long id = studies.id(study);
            long now = holder.now();
            List<Long> taken = new ArrayList<>();
            for (Held h : open(id, "'reserved', 'queued', 'running'", db.dialect().forUpdate())) {
                boolean gone = gone(h, now);
                if (h.state.equals("reserved")) {
                    if (gone && h.owner != null) {
                        try (PreparedStatement p = db.prepare("UPDATE trials SET owner = NULL, lease_until = 0 WHERE study_id = ? AND number = ?")) {
                            p.setLong(1, id);
                            p.setLong(2, h.number);
                            p.executeUpdate();
                        }
                    }
                } else if (holder.handsToWorkers()) {
                    if (h.state.equals("running") && gone) {
                        trials.forgetValues(id, h.number);
                        hold(id, h.number, "queued");
                    }
                    taken.add(h.number);
                } else if (gone) {
                    trials.forgetValues(id, h.number);
                    hold(id, h.number, "running");
                    taken.add(h.number);
                }
            }
            List<Trial> out = new ArrayList<>();
            for (long n : taken) trials.select(id, n).ifPresent(out::add);
            return List.copyOf(out);
        });
    }

    Optional<Trial> claim(String study) {
        long id = db.read(() -> studies.id(study));
        if (db.dialect().claimsInOneStatement()) {
            // In a transaction, so that a claim whose commit a lost connection hides is not made twice.
            Optional<Trial> queued = db.tx(() -> claimQueued(id));
            if (queued.isPresent()) return queued;
        }
        // A look without a transaction first, so that idle workers do not queue for SQLite's write lock.
        long now = holder.now();
        boolean any = db.read(() -> {
            for (Held h : open(id, "'queued', 'running'", "")) if (h.state.equals("queued") || gone(h, now)) return true;
            return false;
        });
        if (!any) return Optional.empty();
        return db.tx(() -> {
            Long pick = null;
            try (PreparedStatement p = db.prepare("SELECT number FROM trials WHERE study_id = ? AND state = 'queued'"
                    + " ORDER BY number LIMIT 1" + db.dialect().skipLocked())) {
                p.setLong(1, id);
                try (ResultSet r = p.executeQuery()) {
                    if (r.next()) pick = r.getLong(1);
                }
            }
            if (pick == null) {
                long t = holder.now();
                for (Held h : open(id, "'running'", db.dialect().skipLocked())) {
                    if (gone(h, t)) {
                        pick = h.number;
                        LOG.info("trial {} of study '{}': its holder {} is gone; evaluating it again", h.number, study, h.owner);
                        trials.forgetValues(id, pick);
                        break;
                    }
                }
            }
            if (pick == null) return Optional.empty();
            hold(id, pick, "running");
            return trials.select(id, pick);
        });
    }

    /** Claims the first queued trial no one else is taking, in one statement; a queued trial has reported nothing. */
    private Optional<Trial> claimQueued(long id) throws SQLException {
        try (PreparedStatement p = db.prepare("UPDATE trials SET state = 'running', owner = ?, lease_until = ?, attempts = attempts + 1"
                + " WHERE study_id = ? AND state = 'queued' AND number = (SELECT number FROM trials WHERE study_id = ?"
                + " AND state = 'queued' ORDER BY number LIMIT 1" + db.dialect().skipLocked() + ") RETURNING " + Trials.COLUMNS)) {
            p.setString(1, holder.owner);
            p.setLong(2, holder.leaseEnd());
            p.setLong(3, id);
            p.setLong(4, id);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(Trials.trial(r)) : Optional.empty();
            }
        }
    }

    void unclaim(String study, long number) {
        db.tx(() -> {
            long id = studies.id(study);
            try (PreparedStatement p = db.prepare("UPDATE trials SET state = 'queued', owner = NULL, lease_until = NULL,"
                    + " attempts = attempts - 1 WHERE study_id = ? AND number = ? AND state = 'running' AND owner = ?")) {
                p.setLong(1, id);
                p.setLong(2, number);
                p.setString(3, holder.owner);
                if (p.executeUpdate() == 1) trials.forgetValues(id, number); // as if it had never been claimed
            }
            return null;
        });
    }

    void lease(Duration lease) {
        if (lease.isNegative() || lease.isZero()) throw new IllegalArgumentException("a lease must be positive, got " + lease);
        holder.leaseMs(Math.max(lease.toMillis(), 30));
        scheduleHeartbeat();
    }

    private synchronized void scheduleHeartbeat() {
        if (beat != null) beat.cancel(false);
        long every = Math.max(10, holder.leaseMs() / 3);
        beat = heartbeat.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
    }

    private void renew() {
        try {
            db.read(() -> {
                try (PreparedStatement p = db.prepare(
                        "UPDATE trials SET lease_until = ? WHERE owner = ? AND state IN ('reserved', 'running')")) {
                    p.setLong(1, holder.leaseEnd());
                    p.setString(2, holder.owner);
                    return p.executeUpdate();
                }
            });
        } catch (StoreException e) {
            if (!db.isClosed()) LOG.warn("cannot renew the leases of running trials: {}", e.getMessage());
        }
    }

    /** Stops the heartbeat and lets go of what this store still holds, so that others need not wait for the leases; then closes the connection. */
    void close() {
        heartbeat.shutdownNow();
        db.close(() -> {
            try (PreparedStatement p = db.prepare("UPDATE trials SET lease_until = 0 WHERE owner = ? AND state IN ('reserved', 'running')")) {
                p.setString(1, holder.owner);
                return p.executeUpdate();
            }
        });
    }
}
