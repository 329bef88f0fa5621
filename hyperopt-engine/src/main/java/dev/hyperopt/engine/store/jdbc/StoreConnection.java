package dev.hyperopt.engine.store.jdbc;

import dev.hyperopt.engine.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The one connection of a JDBC store: its prepared statements, its transactions, and its
 * failures as one-line {@link StoreException}s that name the store. Calls from several
 * threads take turns.
 *
 * <p>A connection lost to the server (a restart, a network cut) is opened again, for up to
 * {@link #OUTAGE} while the server is away, and the unit of work that met the loss runs again
 * from its start. A commit cut off on its way has an unknown outcome: the transaction's id,
 * taken before the commit, tells after reconnecting whether it took effect, so the work is
 * neither lost nor done twice. SQLite's busy and locked answers are waited out the same way.
 */
final class StoreConnection {
    private static final Logger LOG = LoggerFactory.getLogger(StoreConnection.class);

    /** How long a store waits for a server that went away, or a database that stays busy, before its calls fail. */
    static final Duration OUTAGE = Duration.ofMinutes(2);

    private final Object lock = new Object();
    private final JdbcTrialStore.Connector connector;
    private final Dialect d;
    private final String where;
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private Connection c;
    private boolean closed;

    /** Work on the connection. */
    interface Work<T> {
        T run() throws SQLException;
    }

    /**
     * @param connector opens the connection again once it is lost; null where a lost connection cannot come back
     * @param where the store's URL as users wrote it, without any secret: it prefixes errors
     */
    StoreConnection(Connection c, JdbcTrialStore.Connector connector, Dialect d, String where) {
        this.c = c;
        this.connector = connector;
        this.d = d;
        this.where = where;
    }

    Dialect dialect() {
        return d;
    }

    Connection connection() {
        synchronized (lock) {
            return c;
        }
    }

    /**
     * The statement for {@code sql}, prepared once per connection: SQLite compiles a statement
     * on every prepare, which would cost more than running it. The statement returned ignores
     * {@code close()} (it only clears the parameters), so callers may use try-with-resources;
     * the connection closes the real ones.
     */
    PreparedStatement prepare(String sql) throws SQLException {
        PreparedStatement p = statements.get(sql);
        if (p == null) {
            PreparedStatement real = c.prepareStatement(sql);
            p = (PreparedStatement) Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(),
                    new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> {
                        if (method.getName().equals("close") && method.getParameterCount() == 0) {
                            real.clearParameters();
                            return null;
                        }
                        try {
                            return method.invoke(real, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
            statements.put(sql, p);
        }
        return p;
    }

    /**
     * Runs {@code w} in one write transaction: again once when a concurrent insert of the same
     * key wins, and from its start when the connection is lost or the database is busy. A
     * commit whose outcome the loss hid is looked up rather than repeated.
     */
    <T> T tx(Work<T> w) {
        synchronized (lock) {
            checkOpen();
            long deadline = System.nanoTime() + OUTAGE.toNanos();
            boolean duplicateRetried = false;
            for (int attempt = 0; ; attempt++) {
                Long xid = null;
                boolean committing = false;
                T out = null;
                try {
                    d.begin(c);
                    xid = d.transactionId(c);
                    out = w.run();
                    committing = true;
                    d.commit(c);
                    return out;
                } catch (SQLException e) {
                    if (!duplicateRetried && "23505".equals(e.getSQLState())) {
                        rollback();
                        duplicateRetried = true;
                        continue;
                    }
                    if (connector != null && lost(e)) {
                        reconnect(e, deadline);
                        if (committing && xid != null && committed(xid, deadline)) return out;
                        continue;
                    }
                    rollback();
                    if (busy(e) && System.nanoTime() < deadline) {
                        pause(attempt);
                        continue;
                    }
                    throw failure(e);
                } catch (RuntimeException e) {
                    rollback();
                    throw e;
                }
            }
        }
    }

    /**
     * Runs {@code w} outside any transaction: one consistent statement at a time, again from
     * its start when the connection is lost or the database is busy. A statement that writes
     * must have the same effect when it runs twice (a lease renewed); others go through {@link #tx}.
     */
    <T> T read(Work<T> w) {
        synchronized (lock) {
            checkOpen();
            long deadline = System.nanoTime() + OUTAGE.toNanos();
            for (int attempt = 0; ; attempt++) {
                try {
                    return w.run();
                } catch (SQLException e) {
                    if (connector != null && lost(e)) {
                        reconnect(e, deadline);
                        continue;
                    }
                    if (busy(e) && System.nanoTime() < deadline) {
                        pause(attempt);
                        continue;
                    }
                    throw failure(e);
                }
            }
        }
    }

    /** Whether {@code e} says the connection is gone, rather than that the statement was refused. */
    private boolean lost(SQLException e) {
        String state = e.getSQLState();
        if (state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03"))) return true;
        try {
            return c.isClosed();
        } catch (SQLException ignored) {
            return true;
        }
    }

    /** SQLite's SQLITE_BUSY or SQLITE_LOCKED (also as extended codes): another process holds the lock longer than the busy timeout. */
    private static boolean busy(SQLException e) {
        int code = e.getErrorCode() & 0xff;
        return (code == 5 || code == 6) && e.getClass().getName().startsWith("org.sqlite");
    }

    /** Replaces the lost connection with a new one, waiting while the server is away; fails with the first loss once {@code deadline} passes. */
    private void reconnect(SQLException loss, long deadline) {
        closeQuietly();
        statements.clear();
        LOG.warn("store '{}': connection lost ({}); connecting again", where, firstLine(loss));
        for (int attempt = 0; ; attempt++) {
            checkOpen();
            try {
                c = connector.connect();
                LOG.info("store '{}': connected again", where);
                return;
            } catch (SQLException e) {
                if (System.nanoTime() > deadline) {
                    throw new StoreException("store '" + where + "': connection lost and not back after " + OUTAGE.toSeconds() + " s: " + firstLine(e), e);
                }
                pause(attempt);
            }
        }
    }

    /** Whether transaction {@code xid}, whose commit was cut off, took effect; asked again while the server still shows it running. */
    private boolean committed(long xid, long deadline) {
        for (int attempt = 0; ; attempt++) {
            try {
                Boolean done = d.committed(c, xid);
                if (done != null) return done;
                if (System.nanoTime() > deadline) {
                    throw new StoreException("store '" + where + "': cannot tell whether transaction " + xid + " committed");
                }
                pause(attempt);
            } catch (SQLException e) {
                if (!lost(e)) throw failure(e);
                reconnect(e, deadline);
            }
        }
    }

    /** Backs off from 10 ms up to 1 s. */
    private static void pause(int attempt) {
        long ms = Math.min(1000, 10L << Math.min(attempt, 7));
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(ms));
    }

    private void rollback() {
        try {
            d.rollback(c);
        } catch (SQLException e) {
            LOG.debug("rollback failed: {}", e.getMessage());
        }
    }

    StoreException failure(SQLException e) {
        return new StoreException("store '" + where + "': " + firstLine(e), e);
    }

    private static String firstLine(SQLException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
    }

    private void checkOpen() {
        if (closed) throw new StoreException("the store is closed");
    }

    boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }

    /** Runs {@code last} (its failure is only logged), then closes the connection; later calls fail. */
    void close(Work<?> last) {
        synchronized (lock) {
            if (closed) return;
            try {
                last.run();
            } catch (SQLException e) {
                LOG.debug("{}", e.getMessage());
            }
            closed = true;
            closeQuietly();
        }
    }

    void closeQuietly() {
        try {
            c.close();
        } catch (SQLException e) {
            LOG.debug("closing the connection failed: {}", e.getMessage());
        }
    }

    @Override
    public String toString() {
        return where;
    }
}
