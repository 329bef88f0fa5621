package dev.hyperopt.engine.store.jdbc;

import dev.hyperopt.engine.api.Config;
import dev.hyperopt.engine.api.Trial;
import dev.hyperopt.engine.api.TrialState;
import dev.hyperopt.engine.store.StoreException;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The {@code trials} table as readers and the run loop see it: numbers reserved and given
 * back, trials started and finished, and the rows read back as {@link Trial}s.
 */
final class Trials {
    /** The columns {@link #trial(ResultSet)} reads, in its order. */
    static final String COLUMNS = "number, state, assignment, labels, config, loss, attachments, error, started, finished";

    private final StoreConnection db;
    private final Studies studies;
    private final Holder holder;

    Trials(StoreConnection db, Studies studies, Holder holder) {
        this.db = db;
        this.studies = studies;
        this.holder = holder;
    }

    long reserve(String study) {
        return db.tx(() -> {
            long id = studies.id(study);
            long now = holder.now();
            Long again = null;
            try (PreparedStatement p = db.prepare("SELECT number FROM trials WHERE study_id = ? AND state = 'reserved'"
                    + " AND (owner IS NULL OR lease_until < ?) ORDER BY number LIMIT 1" + db.dialect().skipLocked())) {
                p.setLong(1, id);
                p.setLong(2, now);
                try (ResultSet r = p.executeQuery()) {
                    if (r.next()) again = r.getLong(1);
                }
            }
            if (again != null) {
                try (PreparedStatement p = db.prepare("UPDATE trials SET owner = ?, lease_until = ? WHERE study_id = ? AND number = ?")) {
                    p.setString(1, holder.owner);
                    p.setLong(2, now + holder.leaseMs());
                    p.setLong(3, id);
                    p.setLong(4, again);
                    p.executeUpdate();
                }
                return again;
            }
            long n;
            try (PreparedStatement p = db.prepare("UPDATE studies SET next_trial = next_trial + 1 WHERE id = ? RETURNING next_trial - 1")) {
                p.setLong(1, id);
                try (ResultSet r = p.executeQuery()) {
                    r.next();
                    n = r.getLong(1);
                }
            }
            try (PreparedStatement p = db.prepare(
                    "INSERT INTO trials (study_id, number, state, owner, lease_until, attempts) VALUES (?, ?, 'reserved', ?, ?, 0)")) {
                p.setLong(1, id);
                p.setLong(2, n);
                p.setString(3, holder.owner);
                p.setLong(4, now + holder.leaseMs());
                p.executeUpdate();
            }
            return n;
        });
    }

    void release(String study, long number) {
        db.tx(() -> {
            try (PreparedStatement p = db.prepare(
                    "UPDATE trials SET owner = NULL, lease_until = 0 WHERE study_id = ? AND number = ? AND state = 'reserved'")) {
                p.setLong(1, studies.id(study));
                p.setLong(2, number);
                p.executeUpdate();
            }
            return null;
        });
    }

    /** Records a reserved trial as running: held by this store, or queued for workers when it hands trials to them. */
    Trial insertRunning(String study, Trial trial) {
        return db.tx(() -> {
            long id = studies.id(study);
            boolean queued = holder.handsToWorkers();
            try (PreparedStatement p = db.prepare("UPDATE trials SET state = ?, assignment = ?, labels = ?, config = ?,"
                    + " loss = NULL, attachments = ?, error = NULL, started = ?, finished = NULL, owner = ?, lease_until = ?, attempts = ?"
                    + " WHERE study_id = ? AND number = ? AND state = 'reserved'")) {
                p.setString(1, queued ? "queued" : "running");
                p.setBytes(2, Codec.values(trial.values()));
                p.setString(3, Codec.json(trial.labels()));
                p.setString(4, trial.config() == null ? null : Codec.json(trial.config().value()));
                p.setString(5, Codec.json(trial.attachments()));
                p.setString(6, trial.started().toString());
                p.setString(7, queued ? null : holder.owner);
                if (queued) p.setNull(8, Types.BIGINT);
                else p.setLong(8, holder.leaseEnd());
                p.setInt(9, queued ? 0 : 1);
                p.setLong(10, id);
                p.setLong(11, trial.number());
                if (p.executeUpdate() == 1) return trial;
            }
            if (state(id, trial.number()).isEmpty()) {
                throw new StoreException("trial " + trial.number() + " of study '" + study + "' was not reserved");
            }
            throw new StoreException("trial " + trial.number() + " of study '" + study + "' is already recorded");
        });
    }

    private Optional<String> state(long id, long number) throws SQLException {
        try (PreparedStatement p = db.prepare("SELECT state FROM trials WHERE study_id = ? AND number = ?")) {
            p.setLong(1, id);
            p.setLong(2, number);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        }
    }

    Trial replace(String study, long number, UnaryOperator<Trial> transition) {
        return db.tx(() -> {
            long id = studies.id(study);
            Trial current = null;
            try (PreparedStatement p = db.prepare("SELECT " + COLUMNS + " FROM trials WHERE study_id = ? AND number = ?"
                    + " AND state <> 'reserved'" + db.dialect().forUpdate())) {
                p.setLong(1, id);
                p.setLong(2, number);
                try (ResultSet r = p.executeQuery()) {
                    if (r.next()) current = trial(r);
                }
            }
            Trial next = transition.apply(current);
            try (PreparedStatement p = db.prepare("UPDATE trials SET state = ?, assignment = ?, labels = ?, config = ?, loss = ?,"
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

    /** A row of {@link #COLUMNS} as a trial; queued and running rows are both running. */
    static Trial trial(ResultSet r) throws SQLException {
        long number = r.getLong(1);
        TrialState state = switch (r.getString(2)) {
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

    List<Trial> all(String study) {
        return db.read(() -> {
            try (PreparedStatement p = db.prepare("SELECT " + COLUMNS + " FROM trials WHERE study_id = ? AND state <> 'reserved' ORDER BY number")) {
                p.setLong(1, studies.id(study));
                return list(p);
            }
        });
    }

    List<Trial> finished(String study, long from, long to) {
        return db.read(() -> {
            try (PreparedStatement p = db.prepare("SELECT " + COLUMNS + " FROM trials WHERE study_id = ? AND number BETWEEN ? AND ?"
                    + " AND state IN ('ok', 'fail') ORDER BY number")) {
                p.setLong(1, studies.id(study));
                p.setLong(2, from);
                p.setLong(3, to);
                return list(p);
            }
        });
    }

    private static List<Trial> list(PreparedStatement p) throws SQLException {
        List<Trial> out = new ArrayList<>();
        try (ResultSet r = p.executeQuery()) {
            while (r.next()) out.add(trial(r));
        }
        return List.copyOf(out);
    }

    Optional<Trial> trial(String study, long number) {
        return db.read(() -> select(studies.id(study), number));
    }

    /** Trial {@code number} of the study with row id {@code id}, on the connection's thread. */
    Optional<Trial> select(long id, long number) throws SQLException {
        try (PreparedStatement p = db.prepare("SELECT " + COLUMNS + " FROM trials WHERE study_id = ? AND number = ? AND state <> 'reserved'")) {
            p.setLong(1, id);
            p.setLong(2, number);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(trial(r)) : Optional.empty();
            }
        }
    }
}
