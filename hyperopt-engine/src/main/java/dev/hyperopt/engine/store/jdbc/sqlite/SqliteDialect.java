package dev.hyperopt.engine.store.jdbc.sqlite;

import dev.hyperopt.engine.store.jdbc.Dialect;
import dev.hyperopt.engine.store.jdbc.Schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * SQLite: a write transaction is {@code BEGIN IMMEDIATE}, which takes the database's one
 * write lock at once, so a read-then-write (a claim, a finish) cannot interleave with another
 * process's. The connection stays in auto-commit mode between transactions so that it never
 * holds a lock while idle.
 */
public final class SqliteDialect implements Dialect {

    @Override
    public List<String> migration(int version) {
        return Schema.migration(version, "INTEGER PRIMARY KEY", "BLOB", Schema.CheckChange.REBUILD_TABLE);
    }

    @Override
    public void begin(Connection c) throws SQLException {
        exec(c, "BEGIN IMMEDIATE");
    }

    @Override
    public void commit(Connection c) throws SQLException {
        exec(c, "COMMIT");
    }

    @Override
    public void rollback(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("ROLLBACK");
        } catch (SQLException e) {
            // no transaction was open
        }
    }

    @Override
    public void lockSchema(Connection c) {
        // BEGIN IMMEDIATE already excludes every other writer.
    }

    @Override
    public String skipLocked() {
        return "";
    }

    @Override
    public String forUpdate() {
        return "";
    }

    @Override
    public String tableExists(String table) {
        return "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '" + table + "'";
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
