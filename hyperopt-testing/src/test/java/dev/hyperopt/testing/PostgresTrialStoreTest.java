package dev.hyperopt.testing;

import dev.hyperopt.engine.store.SharedTrialStore;
import dev.hyperopt.engine.store.StoreException;
import dev.hyperopt.engine.store.StoreUrl;
import dev.hyperopt.engine.store.TrialStore;
import dev.hyperopt.engine.store.jdbc.postgres.PostgresTrialStoreFactory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Runs against the server of {@code .ci/with-postgres.sh}; skipped, with the reason, without it (failed on CI). */
class PostgresTrialStoreTest extends JdbcStoreTest {
    private static String url;

    @Override
    protected SharedTrialStore openShared(TestClock clock) throws Exception {
        if (url == null) url = TestPostgres.freshDatabase();
        else TestPostgres.empty(url);
        return reopen(clock);
    }

    @Override
    protected java.sql.Connection raw() throws Exception {
        return TestPostgres.connect(url);
    }

    @Override
    protected SharedTrialStore reopen(TestClock clock) {
        return new PostgresTrialStoreFactory().open(StoreUrl.parse(url), clock);
    }

    @Test
    void opensAnExistingSchemaWithoutMigratingAgain() throws Exception {
        store.openStudy("s", "fp", "tpe", 1);
        try (TrialStore again = reopen()) {
            assertThat(again.studies()).hasSize(1);
        }
    }

    @Test
    void malformedAndUnreachableUrlsAreOneLine() {
        PostgresTrialStoreFactory f = new PostgresTrialStoreFactory();
        assertThatThrownBy(() -> f.open(StoreUrl.parse("postgresql://host-without-db")))
                .isInstanceOf(StoreException.class).hasMessageContaining("malformed");
        assertThatThrownBy(() -> f.open(StoreUrl.parse("postgresql://me:secret@host/db")))
                .isInstanceOf(StoreException.class).hasMessageNotContaining("secret").hasMessageContaining("PGPASSWORD");
        assertThatThrownBy(() -> f.open(StoreUrl.parse("postgresql://postgres@127.0.0.1:1/x")))
                .isInstanceOf(StoreException.class).hasMessageContaining("cannot connect")
                .satisfies(e -> assertThat(e.getMessage().lines().count()).isEqualTo(1));
    }
}
