package dev.hyperopt.engine.store.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code queued_configs} table: configurations, as flat labels, that the next trials of a
 * study evaluate before a sampler is asked, oldest (lowest {@code seq}) first. Taking one is
 * a single {@code DELETE ... RETURNING} of the oldest row: on PostgreSQL its row comes from a
 * {@code FOR UPDATE SKIP LOCKED} subquery, so concurrent takers skip each other's row instead
 * of waiting on it; on SQLite it runs inside {@code BEGIN IMMEDIATE}, which excludes every
 * other writer. Either way a configuration is handed out once.
 */
final class QueuedConfigs {
    private final StoreConnection db;
    private final Studies studies;

    QueuedConfigs(StoreConnection db, Studies studies) {
        this.db = db;
        this.studies = studies;
    }

    void enqueue(String study, Map<String, Object> labels) {
        String json = Codec.json(labels);
        db.tx(() -> {
            try (PreparedStatement p = db.prepare("INSERT INTO queued_configs (study_id, labels, created) VALUES (?, ?, ?)")) {
                p.setLong(1, studies.id(study));
                p.setString(2, json);
                p.setString(3, Instant.now().toString());
                p.executeUpdate();
            }
            return null;
        });
    }

    Optional<Map<String, Object>> dequeue(String study) {
        StoreConnection.Work<Optional<Map<String, Object>>> take = () -> {
            try (PreparedStatement p = db.prepare("DELETE FROM queued_configs WHERE seq = (SELECT seq FROM queued_configs"
                    + " WHERE study_id = ? ORDER BY seq LIMIT 1" + db.dialect().skipLocked() + ") RETURNING labels")) {
                p.setLong(1, studies.id(study));
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? Optional.of(labels(r.getString(1))) : Optional.empty();
                }
            }
        };
        // A transaction even where one statement would do: a commit the connection's loss hides is looked up, not repeated.
        return db.tx(take);
    }

    List<Map<String, Object>> queued(String study) {
        return db.read(() -> {
            List<Map<String, Object>> out = new ArrayList<>();
            try (PreparedStatement p = db.prepare("SELECT labels FROM queued_configs WHERE study_id = ? ORDER BY seq")) {
                p.setLong(1, studies.id(study));
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) out.add(labels(r.getString(1)));
                }
            }
            return List.copyOf(out);
        });
    }

    private static Map<String, Object> labels(String json) {
        return Collections.unmodifiableMap(Codec.map(json));
    }
}
