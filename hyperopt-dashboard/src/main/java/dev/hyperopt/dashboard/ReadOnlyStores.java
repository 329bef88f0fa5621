package dev.hyperopt.dashboard;

import dev.hyperopt.engine.store.StoreException;
import dev.hyperopt.engine.store.StoreUrl;
import dev.hyperopt.engine.store.TrialStore;
import dev.hyperopt.engine.store.jdbc.JdbcTrialStore;
import dev.hyperopt.engine.store.jdbc.postgres.PostgresDialect;
import dev.hyperopt.engine.store.jdbc.postgres.PostgresTrialStoreFactory;
import dev.hyperopt.engine.store.jdbc.sqlite.SqliteDialect;
import org.sqlite.SQLiteConfig;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/**
 * Stores opened so that nothing can be written through them: an SQLite file opened read-only,
 * a PostgreSQL session whose transactions are all read-only. The dashboard runs next to
 * workers that write the same store, and must never change what they see.
 */
public final class ReadOnlyStores {
    /** This store holds no trial, so its heartbeat has nothing to renew; a long lease keeps it from trying to write at all. */
    private static final Duration NO_HEARTBEAT = Duration.ofDays(365);

    private ReadOnlyStores() {}

    /**
     * The store at {@code url}, read-only.
     *
     * @throws StoreException in one line: a malformed URL, a missing file, a store that cannot be reached,
     *                        a store kind that keeps nothing for others to read, or one whose tables need an upgrade
     */
    public static TrialStore open(String url) {
        StoreUrl u;
        try {
            u = StoreUrl.parse(url);
        } catch (IllegalArgumentException e) {
            throw new StoreException(e.getMessage());
        }
        Connection c = switch (u.scheme()) {
            case "sqlite" -> sqlite(u);
            case "postgresql" -> postgres(u);
            default -> throw new StoreException("store '" + url + "': the dashboard reads stores that outlive a run, "
                    + "sqlite:PATH or postgresql://[user@]host[:port]/db");
        };
        JdbcTrialStore store;
        try {
            store = new JdbcTrialStore(c, u.scheme().equals("sqlite") ? new SqliteDialect() : new PostgresDialect(), u.text());
        } catch (StoreException e) {
            // The only write opening a store can need is a schema upgrade, which a read-only connection refuses.
            throw new StoreException("store '" + url + "' cannot be read as it is (" + e.getMessage()
                    + "); if it was written by an older hyperopt, run 'hyperopt studies --store " + url + "' once to upgrade it");
        }
        store.lease(NO_HEARTBEAT);
        return store;
    }

    private static Connection sqlite(StoreUrl u) {
        String rest = u.rest();
        if (rest.isBlank()) throw new StoreException("store '" + u + "': write sqlite:PATH, for example sqlite:hyperopt.db");
        Path file;
        try {
            file = Path.of(rest.startsWith("//") ? rest.substring(2) : rest);
        } catch (InvalidPathException e) {
            throw new StoreException("store '" + u + "': invalid path: " + e.getReason());
        }
        // Opening a missing file read-only would fail anyway; this says why in the user's words.
        if (!Files.isRegularFile(file)) throw new StoreException("no such store file: " + file);
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(30_000);
        try {
            return config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
        } catch (SQLException e) {
            throw new StoreException("store '" + u + "': cannot open " + file + ": " + firstLine(e), e);
        }
    }

    private static Connection postgres(StoreUrl u) {
        PostgresTrialStoreFactory.Target t = PostgresTrialStoreFactory.parse(u);
        String user = t.login();
        String password = System.getenv("PGPASSWORD");
        Properties p = PostgresTrialStoreFactory.connectionProperties(t, "hyperopt dashboard");
        // The session itself is read-only, auto-commit statements included: the server refuses any write.
        p.setProperty("readOnly", "true");
        p.setProperty("readOnlyMode", "always");
        p.setProperty("options", "-c default_transaction_read_only=on");
        try {
            Connection c = DriverManager.getConnection(t.jdbcUrl(), p);
            c.setReadOnly(true);
            return c;
        } catch (SQLException e) {
            throw new StoreException("store '" + u + "': cannot connect as " + user + ": " + PostgresTrialStoreFactory.describe(e, password), e);
        }
    }

    private static String firstLine(SQLException e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }
}
