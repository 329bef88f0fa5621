package dev.hyperopt.engine.store.jdbc;

import dev.hyperopt.engine.store.StoreException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The store's tables and their versions. {@code schema_version} holds one row, the version
 * the tables are at; opening a store applies the migrations it lacks, each in its own
 * transaction, under a lock so that processes opening one store at once migrate it once.
 * A store written by a newer version is refused rather than misread.
 *
 * <p>Version 1: {@code studies} (one row per study: name, space fingerprint and canonical
 * text, algorithm, seed, settings as a JSON object, the next trial number to hand out,
 * creation time) and {@code trials} (one row per trial number: state, assignment, labels,
 * configuration, loss, attachments, error, start and finish times, and who holds it until
 * when).
 */
public final class Schema {
    /** The version this build writes. */
    public static final int CURRENT = 1;

    private Schema() {}

    /** The statements of migration {@code version}, with the dialect's key and byte-string types. */
    public static List<String> migration(int version, String serialKey, String bytes) {
        if (version == 1) {
            return List.of(
                    "CREATE TABLE studies ("
                            + " id " + serialKey + ","
                            + " name TEXT NOT NULL UNIQUE,"
                            + " fingerprint TEXT NOT NULL,"
                            + " space TEXT,"
                            + " algorithm TEXT NOT NULL,"
                            + " seed BIGINT NOT NULL,"
                            + " settings TEXT NOT NULL DEFAULT '{}',"
                            + " next_trial BIGINT NOT NULL DEFAULT 0,"
                            + " created TEXT NOT NULL)",
                    "CREATE TABLE trials ("
                            + " study_id BIGINT NOT NULL REFERENCES studies (id),"
                            + " number BIGINT NOT NULL,"
                            + " state TEXT NOT NULL CHECK (state IN ('reserved', 'queued', 'running', 'ok', 'fail')),"
                            + " assignment " + bytes + ","
                            + " labels TEXT,"
                            + " config TEXT,"
                            + " loss DOUBLE PRECISION,"
                            + " attachments TEXT,"
                            + " error TEXT,"
                            + " started TEXT,"
                            + " finished TEXT,"
                            + " owner TEXT,"
                            + " lease_until BIGINT,"
                            + " attempts INTEGER NOT NULL DEFAULT 0,"
                            + " PRIMARY KEY (study_id, number))",
                    "CREATE INDEX trials_by_state ON trials (study_id, state)");
        }
        throw new IllegalArgumentException("no migration to version " + version);
    }

    /** Brings the store's tables to {@link #CURRENT}. */
    static void migrate(Connection c, Dialect d, String where) throws SQLException {
        if (version(c, d) == CURRENT) return;
        d.begin(c);
        try {
            d.lockSchema(c);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
            }
            int at = 0;
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT version FROM schema_version")) {
                if (r.next()) at = r.getInt(1);
            }
            if (at > CURRENT) {
                throw new StoreException("store '" + where + "' has schema version " + at
                        + ", newer than this hyperopt reads (" + CURRENT + "); use a newer hyperopt");
            }
            for (int v = at + 1; v <= CURRENT; v++) {
                try (Statement s = c.createStatement()) {
                    for (String sql : d.migration(v)) s.execute(sql);
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("DELETE FROM schema_version");
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO schema_version (version) VALUES (?)")) {
                p.setInt(1, CURRENT);
                p.executeUpdate();
            }
            d.commit(c);
        } catch (SQLException | RuntimeException e) {
            d.rollback(c);
            throw e;
        }
    }

    private static int version(Connection c, Dialect d) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(d.tableExists("schema_version"))) {
            if (!r.next()) return 0;
        }
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT version FROM schema_version")) {
            int v = r.next() ? r.getInt(1) : 0;
            if (v > CURRENT) {
                throw new StoreException("the store has schema version " + v + ", newer than this hyperopt reads ("
                        + CURRENT + "); use a newer hyperopt");
            }
            return v;
        }
    }
}
