package dev.hyperopt.engine.store.jdbc;

import dev.hyperopt.engine.store.StoreException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The store's tables and their versions. {@code schema_version} holds one row, the version
 * the tables are at; opening a store applies the migrations it lacks, all in one
 * transaction, under a lock so that processes opening one store at once migrate it once:
 * a migration that fails leaves the store as it was. A store written by a newer version is
 * refused rather than misread.
 *
 * <p>Version 1: {@code studies} (one row per study: name, space fingerprint and canonical
 * text, algorithm, seed, settings as a JSON object, the next trial number to hand out,
 * creation time) and {@code trials} (one row per trial number: state, assignment, labels,
 * configuration, loss, attachments, error, start and finish times, and who holds it until
 * when).
 *
 * <p>Version 2 (multi-fidelity search): a trial's state may be {@code pruned};
 * {@code intermediate_values} holds the values trials reported (study, trial number, step,
 * value; one row per step); {@code queued_configs} holds the configurations queued for the
 * next trials of a study (a sequence number that orders them oldest first, the flat labels
 * as a JSON object, the time they were queued). SQLite cannot change a CHECK constraint, so
 * there the migration rebuilds {@code trials} (a new table, the rows copied, the old one
 * dropped, the new one renamed, its index made again); PostgreSQL drops the state's CHECK
 * constraint, whatever it is named, and adds the new one.
 */
public final class Schema {
    /** The version this build writes. */
    public static final int CURRENT = 2;

    private Schema() {}

    /** How a database changes the CHECK constraint of a column. */
    public enum CheckChange {
        /** The table is made again with the new constraint (SQLite: a constraint cannot be altered). */
        REBUILD_TABLE,
        /** The old constraint is dropped by its name, found in the catalog, and the new one added (PostgreSQL). */
        ALTER_TABLE
    }

    /** The states a trial row may have from version 2 on. */
    static final String STATES_V2 = "'reserved', 'queued', 'running', 'ok', 'fail', 'pruned'";

    /**
     * The statements of migration {@code version}, with the dialect's key and byte-string
     * types and its way of changing a CHECK constraint. Migration 1 stays as the release
     * that introduced it wrote it: stores made by that release are what migration 2 reads.
     */
    public static List<String> migration(int version, String serialKey, String bytes, CheckChange checks) {
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
        if (version == 2) {
            List<String> out = new ArrayList<>(checks == CheckChange.REBUILD_TABLE ? rebuildTrials(bytes) : alterTrialStates());
            out.add("CREATE TABLE intermediate_values ("
                    + " study_id BIGINT NOT NULL,"
                    + " number BIGINT NOT NULL,"
                    + " step BIGINT NOT NULL,"
                    + " value DOUBLE PRECISION NOT NULL,"
                    + " PRIMARY KEY (study_id, number, step),"
                    + " FOREIGN KEY (study_id, number) REFERENCES trials (study_id, number))");
            out.add("CREATE TABLE queued_configs ("
                    + " seq " + serialKey + ","
                    + " study_id BIGINT NOT NULL REFERENCES studies (id),"
                    + " labels TEXT NOT NULL,"
                    + " created TEXT NOT NULL)");
            out.add("CREATE INDEX queued_configs_by_study ON queued_configs (study_id, seq)");
            return List.copyOf(out);
        }
        throw new IllegalArgumentException("no migration to version " + version);
    }

    /** SQLite: {@code trials} made again with the version-2 states, inside the migration's transaction. */
    private static List<String> rebuildTrials(String bytes) {
        return List.of(
                "CREATE TABLE trials_v2 ("
                        + " study_id BIGINT NOT NULL REFERENCES studies (id),"
                        + " number BIGINT NOT NULL,"
                        + " state TEXT NOT NULL CHECK (state IN (" + STATES_V2 + ")),"
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
                "INSERT INTO trials_v2 (" + TRIAL_COLUMNS_V1 + ") SELECT " + TRIAL_COLUMNS_V1 + " FROM trials",
                "DROP TABLE trials",
                "ALTER TABLE trials_v2 RENAME TO trials",
                "CREATE INDEX trials_by_state ON trials (study_id, state)");
    }

    private static final String TRIAL_COLUMNS_V1 = "study_id, number, state, assignment, labels, config, loss,"
            + " attachments, error, started, finished, owner, lease_until, attempts";

    /**
     * PostgreSQL: the CHECK constraint on {@code trials.state} replaced. Version 1 left its
     * name to the server ({@code trials_state_check} by default), so it is looked up in the
     * catalog by the column it checks.
     */
    private static List<String> alterTrialStates() {
        return List.of(
                "DO $$ DECLARE c name; BEGIN"
                        + " FOR c IN SELECT con.conname FROM pg_constraint con"
                        + " JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = ANY (con.conkey)"
                        + " WHERE con.conrelid = 'trials'::regclass AND con.contype = 'c' AND a.attname = 'state'"
                        + " LOOP EXECUTE format('ALTER TABLE trials DROP CONSTRAINT %I', c); END LOOP;"
                        + " END $$",
                "ALTER TABLE trials ADD CONSTRAINT trials_state_check CHECK (state IN (" + STATES_V2 + "))");
    }

    /** Brings the store's tables to {@link #CURRENT}. */
    static void migrate(Connection c, Dialect d, String where) throws SQLException {
        migrate(c, d, where, CURRENT);
    }

    /**
     * Brings the store's tables to {@code target}, at most {@link #CURRENT}: opening a store
     * goes to {@link #CURRENT}; tests make stores of an older version with a lower target.
     *
     * @param c a connection in auto-commit mode
     * @param where the store's URL, for messages
     */
    public static void migrate(Connection c, Dialect d, String where, int target) throws SQLException {
        if (target < 1 || target > CURRENT) throw new IllegalArgumentException("no schema version " + target);
        if (version(c, d, where) >= target) return;
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
            if (at >= target) { // another process migrated it while this one waited for the lock
                d.commit(c);
                return;
            }
            for (int v = at + 1; v <= target; v++) {
                try (Statement s = c.createStatement()) {
                    for (String sql : d.migration(v)) s.execute(sql);
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("DELETE FROM schema_version");
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO schema_version (version) VALUES (?)")) {
                p.setInt(1, target);
                p.executeUpdate();
            }
            d.commit(c);
        } catch (SQLException | RuntimeException e) {
            d.rollback(c);
            throw e;
        }
    }

    private static int version(Connection c, Dialect d, String where) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(d.tableExists("schema_version"))) {
            if (!r.next()) return 0;
        }
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT version FROM schema_version")) {
            int v = r.next() ? r.getInt(1) : 0;
            if (v > CURRENT) {
                throw new StoreException("store '" + where + "' has schema version " + v + ", newer than this hyperopt reads ("
                        + CURRENT + "); use a newer hyperopt");
            }
            return v;
        }
    }
}
