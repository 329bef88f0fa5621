package dev.hyperopt.engine.store.jdbc;

import dev.hyperopt.engine.store.StoreException;
import dev.hyperopt.engine.store.StudyInfo;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The {@code studies} table: a study's identity, its settings and its space's text; and the row id of each name. */
final class Studies {
    private final StoreConnection db;
    private final Map<String, Long> ids = new ConcurrentHashMap<>();

    Studies(StoreConnection db) {
        this.db = db;
    }

    StudyInfo open(String name, String fingerprint, String spaceText, String algorithm, long seed) {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("a study needs a name");
        return db.tx(() -> {
            Optional<StudyInfo> existing = select(name, true);
            if (existing.isPresent()) {
                StudyInfo s = existing.get();
                if (!s.spaceFingerprint().equals(fingerprint)) {
                    throw new StoreException("study '" + name + "' was created for a different search space; use another study name");
                }
                if (spaceText != null) {
                    try (PreparedStatement p = db.prepare("UPDATE studies SET space = ? WHERE name = ? AND space IS NULL")) {
                        p.setString(1, spaceText);
                        p.setString(2, name);
                        p.executeUpdate();
                    }
                }
                return s;
            }
            Instant created = Instant.now();
            try (PreparedStatement p = db.prepare(
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

    private Optional<StudyInfo> select(String name, boolean lock) throws SQLException {
        try (PreparedStatement p = db.prepare("SELECT id, name, fingerprint, algorithm, seed, created FROM studies WHERE name = ?"
                + (lock ? db.dialect().forUpdate() : ""))) {
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

    Optional<StudyInfo> study(String name) {
        return db.read(() -> select(name, false));
    }

    List<StudyInfo> all() {
        return db.read(() -> {
            List<StudyInfo> out = new ArrayList<>();
            try (PreparedStatement p = db.prepare("SELECT id, name, fingerprint, algorithm, seed, created FROM studies ORDER BY name");
                 ResultSet r = p.executeQuery()) {
                while (r.next()) out.add(study(r));
            }
            return List.copyOf(out);
        });
    }

    /** The row id of study {@code name}, to be called on the connection's thread. */
    long id(String study) throws SQLException {
        Long id = ids.get(study);
        if (id != null) return id;
        if (select(study, false).isEmpty()) throw new StoreException("no study named '" + study + "'");
        return ids.get(study);
    }

    Map<String, String> settings(String study) {
        return db.read(() -> {
            try (PreparedStatement p = db.prepare("SELECT settings FROM studies WHERE id = ?")) {
                p.setLong(1, id(study));
                try (ResultSet r = p.executeQuery()) {
                    if (!r.next()) return Map.of();
                    Map<String, String> m = Codec.strings(r.getString(1));
                    m.values().removeIf(Objects::isNull);
                    return Map.copyOf(m);
                }
            }
        });
    }

    void updateSettings(String study, Map<String, String> settings) {
        db.tx(() -> {
            long id = id(study);
            Map<String, String> now;
            try (PreparedStatement p = db.prepare("SELECT settings FROM studies WHERE id = ?" + db.dialect().forUpdate())) {
                p.setLong(1, id);
                try (ResultSet r = p.executeQuery()) {
                    now = r.next() ? Codec.strings(r.getString(1)) : new LinkedHashMap<>();
                }
            }
            settings.forEach((k, v) -> {
                if (v == null) now.remove(k);
                else now.put(k, v);
            });
            try (PreparedStatement p = db.prepare("UPDATE studies SET settings = ? WHERE id = ?")) {
                p.setString(1, Codec.json(now));
                p.setLong(2, id);
                p.executeUpdate();
            }
            return null;
        });
    }

    Optional<String> spaceText(String study) {
        return db.read(() -> {
            try (PreparedStatement p = db.prepare("SELECT space FROM studies WHERE id = ?")) {
                p.setLong(1, id(study));
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? Optional.ofNullable(r.getString(1)) : Optional.empty();
                }
            }
        });
    }
}
