package dev.hyperopt.engine.store.jdbc.sqlite;

import dev.hyperopt.engine.store.StoreException;
import dev.hyperopt.engine.store.StoreUrl;
import dev.hyperopt.engine.store.SharedTrialStore;
import dev.hyperopt.engine.store.TrialStoreFactory;
import dev.hyperopt.engine.store.jdbc.JdbcTrialStore;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.time.Clock;

/**
 * {@code sqlite:PATH}: a database file, relative to the working folder or absolute, made on
 * first use. Write-ahead logging lets readers ({@code hyperopt trials}, reports) work while
 * a run writes; {@code synchronous=NORMAL} makes a commit cost no disk flush, so a machine
 * crash may lose the last trials but never damages the file; waits for the write lock of
 * other processes are up to 30 s.
 */
public final class SqliteTrialStoreFactory implements TrialStoreFactory {

    @Override
    public SharedTrialStore open(StoreUrl url) {
        return open(url, Clock.systemUTC());
    }

    /** The store at {@code url}, its leases measured by {@code clock}: tests move time on at will. */
    public SharedTrialStore open(StoreUrl url, Clock clock) {
        String rest = url.rest();
        if (rest.isBlank()) throw new StoreException("store '" + url + "': write sqlite:PATH, for example sqlite:hyperopt.db");
        Path file;
        try {
            file = Path.of(rest.startsWith("//") ? rest.substring(2) : rest);
        } catch (InvalidPathException e) {
            throw new StoreException("store '" + url + "': invalid path: " + e.getReason());
        }
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new StoreException("store '" + url + "': folder " + dir + " does not exist");
        }
        if (Files.isDirectory(file)) throw new StoreException("store '" + url + "': " + file + " is a folder, not a database file");
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(30_000);
        config.enforceForeignKeys(true);
        Connection c;
        try {
            c = connect(config, file);
        } catch (SQLException e) {
            throw new StoreException("store '" + url + "': cannot open " + file + ": " + first(e), e);
        }
        return new JdbcTrialStore(c, new SqliteDialect(), url.text(), clock);
    }

    /**
     * Opens the file, waiting as long as the busy timeout while another process holds it: two
     * runs that start at once on a new file both switch it to write-ahead logging, and SQLite
     * answers the second with SQLITE_BUSY at once rather than through its busy handler.
     */
    private static Connection connect(SQLiteConfig config, Path file) throws SQLException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.getBusyTimeout());
        while (true) {
            try {
                return config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
            } catch (SQLiteException e) {
                if ((e.getResultCode().code & 0xff) != SQLiteErrorCode.SQLITE_BUSY.code || System.nanoTime() > deadline) throw e;
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
        }
    }

    private static String first(SQLException e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }
}
