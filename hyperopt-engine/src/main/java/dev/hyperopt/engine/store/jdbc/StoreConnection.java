package dev.hyperopt.engine.store.jdbc;

import dev.hyperopt.engine.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * The one connection of a JDBC store: its prepared statements, its transactions, and its
 * failures as one-line {@link StoreException}s that name the store. Calls from several
 * threads take turns.
 */
final class StoreConnection {
    private static final Logger LOG = LoggerFactory.getLogger(StoreConnection.class);

    private final Connection c;
    private final Dialect d;
    private final String where;
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private boolean closed;

    /** Work on the connection. */
    interface Work<T> {
        T run() throws SQLException;
    }

    /** @param where the store's URL as users wrote it, without any secret: it prefixes errors */
    StoreConnection(Connection c, Dialect d, String where) {
        this.c = c;
        this.d = d;
        this.where = where;
    }

    Dialect dialect() {
        return d;
    }

    Connection connection() {
        return c;
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

    /** Runs {@code w} in one write transaction, retried once when a concurrent insert of the same key wins. */
    <T> T tx(Work<T> w) {
        synchronized (c) {
            checkOpen();
            for (int attempt = 0; ; attempt++) {
                try {
                    d.begin(c);
                    T out = w.run();
                    d.commit(c);
                    return out;
                } catch (SQLException e) {
                    rollback();
                    if (attempt == 0 && "23505".equals(e.getSQLState())) continue;
                    throw failure(e);
                } catch (RuntimeException e) {
                    rollback();
                    throw e;
                }
            }
        }
    }

    /** Runs {@code w} outside any transaction: one consistent statement at a time. */
    <T> T read(Work<T> w) {
        synchronized (c) {
            checkOpen();
            try {
                return w.run();
            } catch (SQLException e) {
                throw failure(e);
            }
        }
    }

    private void rollback() {
        try {
            d.rollback(c);
        } catch (SQLException e) {
            LOG.debug("rollback failed: {}", e.getMessage());
        }
    }

    StoreException failure(SQLException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
        return new StoreException("store '" + where + "': " + m, e);
    }

    private void checkOpen() {
        if (closed) throw new StoreException("the store is closed");
    }

    boolean isClosed() {
        synchronized (c) {
            return closed;
        }
    }

    /** Runs {@code last} (its failure is only logged), then closes the connection; later calls fail. */
    void close(Work<?> last) {
        synchronized (c) {
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
