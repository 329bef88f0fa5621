package dev.hyperopt.engine.store.jdbc;

import dev.hyperopt.engine.api.Config;
import dev.hyperopt.engine.api.Intermediate;
import dev.hyperopt.engine.api.Trial;
import dev.hyperopt.engine.api.TrialState;
import dev.hyperopt.engine.store.StoreException;
import dev.hyperopt.engine.store.TrialLifecycle;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The {@code trials} table, with the {@code intermediate_values} its trials reported, as
 * readers and the run loop see them: numbers reserved and given back, trials started,
 * reporting and finished, and the rows read back as {@link Trial}s. A read of several trials
 * costs two queries, one for the trials and one for all their values.
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
            if (current != null) current = withValues(current, values(id, number, number).getOrDefault(number, List.of()));
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
            int kept = current == null ? 0 : current.intermediate().size();
            for (Intermediate v : next.intermediate().subList(Math.min(kept, next.intermediate().size()), next.intermediate().size())) {
                insertValue(id, number, v);
            }
            return next;
        });
    }

    /** Appends a reported value in one short transaction that holds the trial's row, so that a concurrent finish or report waits. */
    void report(String study, long number, Intermediate value) {
        db.tx(() -> {
            long id = studies.id(study);
            TrialState state = null;
            try (PreparedStatement p = db.prepare("SELECT state FROM trials WHERE study_id = ? AND number = ? AND state <> 'reserved'"
                    + db.dialect().forUpdate())) {
                p.setLong(1, id);
                p.setLong(2, number);
                try (ResultSet r = p.executeQuery()) {
                    if (r.next()) state = state(r.getString(1));
                }
            }
            Long last = null;
            if (state != null && !state.isFinished()) {
                try (PreparedStatement p = db.prepare("SELECT MAX(step) FROM intermediate_values WHERE study_id = ? AND number = ?")) {
                    p.setLong(1, id);
                    p.setLong(2, number);
                    try (ResultSet r = p.executeQuery()) {
                        if (r.next()) {
                            long step = r.getLong(1);
                            if (!r.wasNull()) last = step;
                        }
                    }
                }
            }
            TrialLifecycle.checkReport(study, number, state, last, value);
            insertValue(id, number, value);
            return null;
        });
    }

    private void insertValue(long id, long number, Intermediate v) throws SQLException {
        try (PreparedStatement p = db.prepare("INSERT INTO intermediate_values (study_id, number, step, value) VALUES (?, ?, ?, ?)")) {
            p.setLong(1, id);
            p.setLong(2, number);
            p.setLong(3, v.step());
            p.setDouble(4, v.value());
            p.executeUpdate();
        }
    }

    /**
     * Drops the values trial {@code number} reported, inside the caller's transaction: a trial
     * whose holder is gone is evaluated again from its start.
     */
    void forgetValues(long id, long number) throws SQLException {
        try (PreparedStatement p = db.prepare("DELETE FROM intermediate_values WHERE study_id = ? AND number = ?")) {
            p.setLong(1, id);
            p.setLong(2, number);
            p.executeUpdate();
        }
    }

    /** The values reported by trials {@code from} to {@code to} of the study with row id {@code id}, by trial number, in step order. */
    private Map<Long, List<Intermediate>> values(long id, long from, long to) throws SQLException {
        Map<Long, List<Intermediate>> out = new HashMap<>();
        try (PreparedStatement p = db.prepare("SELECT number, step, value FROM intermediate_values"
                + " WHERE study_id = ? AND number BETWEEN ? AND ? ORDER BY number, step")) {
            p.setLong(1, id);
            p.setLong(2, from);
            p.setLong(3, to);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) out.computeIfAbsent(r.getLong(1), n -> new ArrayList<>()).add(new Intermediate(r.getLong(2), r.getDouble(3)));
            }
        }
        return out;
    }

    /** {@code t} with {@code values} as its reported values. */
    static Trial withValues(Trial t, List<Intermediate> values) {
        if (values.isEmpty() && t.intermediate().isEmpty()) return t;
        return new Trial(t.number(), t.state(), t.values(), t.labels(), t.config(), t.loss(), t.attachments(), t.error(),
                t.started(), t.finished(), values);
    }

    /** A row's state as readers see it: queued and running rows are both running. */
    private static TrialState state(String column) {
        return switch (column) {
            case "ok" -> TrialState.OK;
            case "fail" -> TrialState.FAIL;
            case "pruned" -> TrialState.PRUNED;
            default -> TrialState.RUNNING;
        };
    }

    /** A row of {@link #COLUMNS} as a trial, without its reported values; queued and running rows are both running. */
    static Trial trial(ResultSet r) throws SQLException {
        long number = r.getLong(1);
        TrialState state = state(r.getString(2));
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
            long id = studies.id(study);
            try (PreparedStatement p = db.prepare("SELECT " + COLUMNS + " FROM trials WHERE study_id = ? AND state <> 'reserved' ORDER BY number")) {
                p.setLong(1, id);
                return list(p, id, 0, Long.MAX_VALUE);
            }
        });
    }

    List<Trial> finished(String study, long from, long to) {
        return db.read(() -> {
            long id = studies.id(study);
            try (PreparedStatement p = db.prepare("SELECT " + COLUMNS + " FROM trials WHERE study_id = ? AND number BETWEEN ? AND ?"
                    + " AND state IN ('ok', 'fail', 'pruned') ORDER BY number")) {
                p.setLong(1, id);
                p.setLong(2, from);
                p.setLong(3, to);
                return list(p, id, from, to);
            }
        });
    }

    /**
     * The trials {@code p} selects, with the values of trials {@code from} to {@code to}. The
     * values are read after the trials: a trial read as finished then has all of its values.
     */
    private List<Trial> list(PreparedStatement p, long id, long from, long to) throws SQLException {
        List<Trial> out = new ArrayList<>();
        try (ResultSet r = p.executeQuery()) {
            while (r.next()) out.add(trial(r));
        }
        if (out.isEmpty()) return List.of();
        Map<Long, List<Intermediate>> values = values(id, from, to);
        if (!values.isEmpty()) out.replaceAll(t -> withValues(t, values.getOrDefault(t.number(), List.of())));
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
            Trial t;
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) return Optional.empty();
                t = trial(r);
            }
            return Optional.of(withValues(t, values(id, number, number).getOrDefault(number, List.of())));
        }
    }
}
