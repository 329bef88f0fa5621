package dev.hyperopt.testing;

import dev.hyperopt.engine.store.SharedTrialStore;
import dev.hyperopt.engine.store.StoreUrl;
import dev.hyperopt.engine.store.jdbc.Schema;
import dev.hyperopt.engine.store.jdbc.postgres.PostgresDialect;
import dev.hyperopt.engine.store.jdbc.postgres.PostgresTrialStoreFactory;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A version-1 PostgreSQL store made as the release before version 2 made it: migration 1
 * alone, then the fixture's studies and trials inserted as that release wrote them (studies
 * numbered by their sequence in the order they were made). Runs under {@code .ci/with-postgres.sh}.
 */
class PostgresV1MigrationTest extends StoreV1MigrationTest {
    private String url;

    @Override
    protected void makeV1Store(Path fixture) throws Exception {
        url = TestPostgres.freshDatabase();
        try (Connection pg = TestPostgres.connect(url); Connection v1 = sqlite(fixture)) {
            Schema.migrate(pg, new PostgresDialect(), url, 1);
            Rows rows = rows(v1);
            try (PreparedStatement p = pg.prepareStatement("INSERT INTO studies (name, fingerprint, space, algorithm, seed, settings,"
                    + " next_trial, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (List<Object> study : rows.studies()) insert(p, study.subList(1, study.size()));
            }
            try (PreparedStatement p = pg.prepareStatement("INSERT INTO trials (" + TRIAL_COLUMNS
                    + ") VALUES (?, ?, ?, decode(?, 'hex'), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (List<Object> trial : rows.trials()) insert(p, trial);
            }
        }
    }

    private static void insert(PreparedStatement p, List<Object> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            Object v = values.get(i);
            if (v == null) p.setNull(i + 1, Types.NULL);
            else p.setObject(i + 1, v);
        }
        p.executeUpdate();
    }

    @Override
    protected SharedTrialStore open() {
        return new PostgresTrialStoreFactory().open(StoreUrl.parse(url));
    }

    @Override
    protected Connection raw() throws SQLException {
        return TestPostgres.connect(url);
    }

    /** The tables, the constraints of {@code trials}, and the transaction that last wrote the version row. */
    @Override
    protected String schemaStamp(Connection c) throws SQLException {
        StringBuilder out = new StringBuilder();
        try (Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT table_name FROM information_schema.tables"
                    + " WHERE table_schema = current_schema() ORDER BY table_name")) {
                while (r.next()) out.append("table ").append(r.getString(1)).append('\n');
            }
            out.append(String.join("\n", constraints(c))).append('\n');
            try (ResultSet r = s.executeQuery("SELECT xmin::text, version FROM schema_version")) {
                while (r.next()) out.append("version ").append(r.getInt(2)).append(" written by ").append(r.getString(1));
            }
        }
        return out.toString();
    }

    private static List<String> constraints(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint"
                + " WHERE conrelid = 'trials'::regclass ORDER BY conname")) {
            while (r.next()) out.add(r.getString(1) + ": " + r.getString(2));
        }
        return out;
    }

    @Test
    void replacesTheStateConstraintWhateverItIsCalled() throws Exception {
        try (Connection c = raw(); Statement s = c.createStatement()) {
            assertThat(constraints(c)).anyMatch(x -> x.startsWith("trials_state_check: CHECK")).noneMatch(x -> x.contains("pruned"));
            s.execute("ALTER TABLE trials RENAME CONSTRAINT trials_state_check TO chk_state_renamed_by_a_dba");
        }
        open().close();
        try (Connection c = raw(); Statement s = c.createStatement()) {
            List<String> checks = constraints(c).stream().filter(x -> x.contains(": CHECK")).toList();
            assertThat(checks).singleElement().satisfies(x -> assertThat(x).startsWith("trials_state_check: CHECK").contains("'pruned'"));
            assertThatThrownBy(() -> s.executeUpdate("UPDATE trials SET state = 'paused' WHERE number = 0"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("trials_state_check");
            assertThat(s.executeUpdate("UPDATE trials SET state = 'pruned', loss = NULL WHERE study_id = 1 AND number = 2")).isEqualTo(1);
        }
    }
}
