package dev.hyperopt.testing;

import org.junit.jupiter.api.Assumptions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * The PostgreSQL server of the tests: the one whose URL {@code HYPEROPT_TEST_PG} holds, as
 * {@code .ci/with-postgres.sh} starts it. Each caller gets a database of its own. Without
 * one the tests are skipped, except on CI (where {@code CI} is set), which runs them under
 * that script: there a missing server is a failure, not a silent skip.
 */
public final class TestPostgres {
    public static final String VARIABLE = "HYPEROPT_TEST_PG";

    private static boolean said;

    private TestPostgres() {}

    /** Skips the calling test, with the reason, when no server is configured; fails it on CI. */
    public static String url() {
        String url = System.getenv(VARIABLE);
        String ci = System.getenv("CI");
        if ((url == null || url.isBlank()) && ci != null && !ci.isBlank() && !ci.equals("false")) {
            throw new AssertionError("CI is set but " + VARIABLE + " is not: run the build under .ci/with-postgres.sh");
        }
        if ((url == null || url.isBlank()) && !said) {
            said = true;
            System.err.println("[SKIPPED] PostgreSQL store tests need a server: run .ci/with-postgres.sh mvn -B verify (it sets " + VARIABLE + ")");
        }
        Assumptions.assumeTrue(url != null && !url.isBlank(),
                "PostgreSQL tests need a server: run .ci/with-postgres.sh mvn -B verify (it sets " + VARIABLE + ")");
        return url;
    }

    /** Empties database {@code url} (made by {@link #freshDatabase()}): quicker than making another. */
    public static void empty(String url) throws SQLException {
        try (Connection c = connect(url); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS intermediate_values, queued_configs, trials, studies, schema_version");
        }
    }

    static Connection connect(String url) throws SQLException {
        String jdbc = "jdbc:" + url.replaceFirst("//([^@/]+)@", "//");
        String user = url.matches("postgresql://[^@/]+@.*") ? url.substring("postgresql://".length(), url.indexOf('@')) : System.getProperty("user.name");
        return DriverManager.getConnection(jdbc, user, System.getenv("PGPASSWORD"));
    }

    /** A new empty database on the test server, as a store URL. */
    public static String freshDatabase() throws SQLException {
        String url = url();
        String name = "ht_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        try (Connection c = connect(url); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return url.substring(0, url.lastIndexOf('/') + 1) + name;
    }
}
