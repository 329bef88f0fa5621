package dev.hyperopt.testing;

import dev.hyperopt.engine.store.SharedTrialStore;
import dev.hyperopt.engine.store.StoreException;
import dev.hyperopt.engine.store.StoreUrl;
import dev.hyperopt.engine.store.jdbc.Schema;
import dev.hyperopt.engine.store.jdbc.sqlite.SqliteTrialStoreFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqliteTrialStoreTest extends JdbcStoreTest {
    @TempDir
    Path dir;

    private int count;
    private Path file;

    @Override
    protected SharedTrialStore openShared(TestClock clock) {
        file = dir.resolve("store" + (++count) + ".db");
        return reopen(clock);
    }

    @Override
    protected Connection raw() throws Exception {
        SQLiteConfig config = new SQLiteConfig();
        config.enforceForeignKeys(true); // as the store has them
        return config.createConnection("jdbc:sqlite:" + file);
    }

    @Override
    protected SharedTrialStore reopen(TestClock clock) {
        return new SqliteTrialStoreFactory().open(StoreUrl.parse("sqlite:" + file), clock);
    }

    @Test
    void makesOneFileWithTheSchemaVersionInWalMode() throws Exception {
        store.openStudy("s", "fp", "tpe", 1);
        assertThat(file).exists();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT version FROM schema_version")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getInt(1)).isEqualTo(Schema.CURRENT);
            }
            try (ResultSet r = s.executeQuery("PRAGMA journal_mode")) {
                r.next();
                assertThat(r.getString(1)).isEqualTo("wal");
            }
        }
    }

    @Test
    void refusesAStoreFromANewerVersion() throws Exception {
        store.close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("UPDATE schema_version SET version = 99");
        }
        assertThatThrownBy(this::reopen).isInstanceOf(StoreException.class).hasMessageContaining("schema version 99");
        store = null;
    }

    @Test
    void aRelativePathIsInTheWorkingFolderAndBadPathsAreOneLine() throws Exception {
        assertThatThrownBy(() -> new SqliteTrialStoreFactory().open(StoreUrl.parse("sqlite:" + dir.resolve("no/such/h.db"))))
                .isInstanceOf(StoreException.class).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> new SqliteTrialStoreFactory().open(StoreUrl.parse("sqlite:")))
                .isInstanceOf(StoreException.class).hasMessageContaining("sqlite:PATH");
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "this is not a database, just some text that is long enough to have a header\n".repeat(10));
        assertThatThrownBy(() -> new SqliteTrialStoreFactory().open(StoreUrl.parse("sqlite:" + text)))
                .isInstanceOf(StoreException.class).hasMessageContaining("not a database");
        assertThat(Path.of("").toAbsolutePath().resolve("x.db")).doesNotExist();
    }
}
