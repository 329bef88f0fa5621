package dev.hyperopt.cli;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * Store URLs for tests: an SQLite file, or a new database on the PostgreSQL server whose URL
 * {@code HYPEROPT_TEST_PG} holds ({@code .ci/with-postgres.sh} starts one); without it the test
 * fails under CI and is skipped elsewhere.
 */
final class TestStores {
    static final String PG = "HYPEROPT_TEST_PG";
    static final String NO_PG = "PostgreSQL tests need a server: run .ci/with-postgres.sh mvn -B verify (it sets " + PG + ")";

    private TestStores() {}

    static String postgres() throws SQLException {
        String url = System.getenv(PG);
        if (url == null || url.isBlank()) TuneCommandTestSupport.missing(NO_PG);
        String name = "hc_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        String user = url.substring("postgresql://".length(), url.indexOf('@'));
        try (Connection c = DriverManager.getConnection("jdbc:" + url.replaceFirst("//([^@/]+)@", "//"), user, System.getenv("PGPASSWORD"));
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return url.substring(0, url.lastIndexOf('/') + 1) + name;
    }
}
