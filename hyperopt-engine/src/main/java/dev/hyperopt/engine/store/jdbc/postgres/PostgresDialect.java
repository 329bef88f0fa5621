package dev.hyperopt.engine.store.jdbc.postgres;

import dev.hyperopt.engine.store.jdbc.Dialect;
import dev.hyperopt.engine.store.jdbc.Schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * PostgreSQL: transactions at READ COMMITTED with row locks; workers claim with
 * {@code SELECT ... FOR UPDATE SKIP LOCKED}, so two never wait on, or take, the same trial.
 */
public final class PostgresDialect implements Dialect {
    /** The advisory lock that serializes migrations: "hyperopt" in ASCII. */
    private static final long SCHEMA_LOCK = 0x6879706572L;

    @Override
    public List<String> migration(int version) {
        return Schema.migration(version, "BIGSERIAL PRIMARY KEY", "BYTEA", Schema.CheckChange.ALTER_TABLE);
    }

    @Override
    public void begin(Connection c) throws SQLException {
        c.setAutoCommit(false);
    }

    @Override
    public void commit(Connection c) throws SQLException {
        c.commit();
        c.setAutoCommit(true);
    }

    @Override
    public void rollback(Connection c) throws SQLException {
        if (c.getAutoCommit()) return;
        try {
            c.rollback();
        } finally {
            c.setAutoCommit(true);
        }
    }

    @Override
    public Long transactionId(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT txid_current()")) {
            r.next();
            return r.getLong(1);
        }
    }

    @Override
    public Boolean committed(Connection c, long id) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT txid_status(?)")) {
            p.setLong(1, id);
            try (ResultSet r = p.executeQuery()) {
                String status = r.next() ? r.getString(1) : null;
                if ("committed".equals(status)) return true;
                if ("aborted".equals(status)) return false;
                return null; // in progress, or too old to tell: ask again
            }
        }
    }

    @Override
    public void lockSchema(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_xact_lock(" + SCHEMA_LOCK + ")");
        }
    }

    @Override
    public String skipLocked() {
        return " FOR UPDATE SKIP LOCKED";
    }

    @Override
    public boolean claimsInOneStatement() {
        return true;
    }

    @Override
    public String forUpdate() {
        return " FOR UPDATE";
    }

    @Override
    public String tableExists(String table) {
        return "SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = '" + table + "'";
    }
}
