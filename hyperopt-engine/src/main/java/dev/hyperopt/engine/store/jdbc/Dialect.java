package dev.hyperopt.engine.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * What differs between the SQL databases that hold stores: column types, how a write
 * transaction starts, and how a claim avoids rows another process is taking. The two
 * implementations are {@code sqlite.SqliteDialect} and {@code postgres.PostgresDialect}.
 */
public interface Dialect {

    /** The statements that bring the schema from {@code version - 1} to {@code version}. */
    List<String> migration(int version);

    /** Starts a transaction that may write; it holds the locks its rows need until it ends. */
    void begin(Connection c) throws SQLException;

    void commit(Connection c) throws SQLException;

    void rollback(Connection c) throws SQLException;

    /** Serializes schema migrations between processes, inside the current transaction. */
    void lockSchema(Connection c) throws SQLException;

    /** Appended to a SELECT that picks rows to claim: skips rows other transactions hold. */
    String skipLocked();

    /** Appended to a SELECT of a row that the transaction then updates. */
    String forUpdate();

    /**
     * Whether one {@code UPDATE ... RETURNING} or {@code DELETE ... RETURNING} whose row comes
     * from a {@link #skipLocked()} subquery can take a row on its own (a queued trial, a queued
     * configuration): one round trip instead of a look and a transaction.
     */
    default boolean claimsInOneStatement() {
        return false;
    }

    /**
     * The id of the transaction just begun on {@code c}, by which {@link #committed} finds
     * out the outcome of a commit that a lost connection cut off; null where connections are
     * not lost (a local file).
     */
    default Long transactionId(Connection c) throws SQLException {
        return null;
    }

    /** Whether transaction {@code id} committed: true, false, or null while the server still shows it running. */
    default Boolean committed(Connection c, long id) throws SQLException {
        return false;
    }

    /** A query that returns a row exactly when {@code table} exists, so that an up-to-date store opens without a write. */
    String tableExists(String table);
}
