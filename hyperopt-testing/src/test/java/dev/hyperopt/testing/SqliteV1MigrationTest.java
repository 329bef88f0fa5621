package dev.hyperopt.testing;

import dev.hyperopt.engine.store.SharedTrialStore;
import dev.hyperopt.engine.store.StoreUrl;
import dev.hyperopt.engine.store.jdbc.sqlite.SqliteDialect;
import dev.hyperopt.engine.store.jdbc.sqlite.SqliteTrialStoreFactory;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code store-v1.db} itself, copied to a temporary file and opened with the SQLite factory. */
class SqliteV1MigrationTest extends StoreV1MigrationTest {
    private Path file;

    @Override
    protected void makeV1Store(Path fixture) throws Exception {
        file = dir.resolve("store-" + System.nanoTime() + ".db");
        Files.copy(fixture, file);
    }

    @Override
    protected SharedTrialStore open() {
        return new SqliteTrialStoreFactory().open(StoreUrl.parse("sqlite:" + file));
    }

    @Override
    protected Connection raw() throws SQLException {
        return sqlite(file);
    }

    /** SQLite's schema cookie, which every change of a table or index moves on, the tables' text and the version row. */
    @Override
    protected String schemaStamp(Connection c) throws SQLException {
        StringBuilder out = new StringBuilder();
        try (Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("PRAGMA schema_version")) {
                r.next();
                out.append("cookie ").append(r.getLong(1)).append('\n');
            }
            for (String sql : master(c)) out.append(sql).append('\n');
            out.append("version ").append(version(c));
        }
        return out.toString();
    }

    /** The text of every table and index, in the order they were made (autoindexes have none). */
    private static List<String> master(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid")) {
            while (r.next()) out.add(r.getString(1));
        }
        return out;
    }

    @Test
    void migrationOneIsStillTheOneThatMadeTheFixture() throws Exception {
        try (Connection c = sqlite(fixture)) {
            List<String> v1 = master(c);
            assertThat(v1).first().isEqualTo("CREATE TABLE schema_version (version INTEGER NOT NULL)");
            assertThat(v1.subList(1, v1.size())).containsExactlyElementsOf(new SqliteDialect().migration(1));
        }
    }

    @Test
    void rebuildsTheTrialsTableWithPrunedAndItsIndexInPlace() throws Exception {
        open().close();
        try (Connection c = raw(); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet r = s.executeQuery("SELECT name, tbl_name FROM sqlite_master WHERE type IN ('table', 'index') ORDER BY name")) {
                while (r.next()) tables.add(r.getString(1) + " on " + r.getString(2));
            }
            assertThat(tables).contains("trials on trials", "trials_by_state on trials", "intermediate_values on intermediate_values",
                    "queued_configs on queued_configs", "queued_configs_by_study on queued_configs").noneMatch(t -> t.contains("trials_v2"));
            try (ResultSet r = s.executeQuery("SELECT sql FROM sqlite_master WHERE name = 'trials'")) {
                r.next();
                assertThat(r.getString(1)).startsWith("CREATE TABLE \"trials\"").contains("'pruned'");
            }
            try (ResultSet r = s.executeQuery("PRAGMA integrity_check")) {
                r.next();
                assertThat(r.getString(1)).isEqualTo("ok");
            }
            try (ResultSet r = s.executeQuery("PRAGMA foreign_key_check")) {
                assertThat(r.next()).as("no row breaks a foreign key").isFalse();
            }
        }
    }

    @Test
    void processesOpeningAtOnceLeaveTheSchemaOfOneMigration() throws Exception {
        String once;
        open().close();
        try (Connection c = raw()) {
            once = schemaStamp(c);
        }
        makeV1Store(fixture);
        int processes = 4;
        CyclicBarrier start = new CyclicBarrier(processes);
        ExecutorService pool = Executors.newFixedThreadPool(processes);
        try {
            List<Future<?>> opened = new ArrayList<>();
            for (int i = 0; i < processes; i++) {
                opened.add(pool.submit(() -> {
                    start.await();
                    open().close();
                    return null;
                }));
            }
            for (Future<?> f : opened) f.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        try (Connection c = raw()) {
            assertThat(schemaStamp(c)).as("the schema cookie counts every change: one migration's worth").isEqualTo(once);
        }
    }
}
