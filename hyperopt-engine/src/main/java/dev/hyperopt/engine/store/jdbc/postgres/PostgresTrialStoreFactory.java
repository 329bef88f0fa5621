package dev.hyperopt.engine.store.jdbc.postgres;

import dev.hyperopt.engine.store.StoreException;
import dev.hyperopt.engine.store.StoreUrl;
import dev.hyperopt.engine.store.SharedTrialStore;
import dev.hyperopt.engine.store.TrialStoreFactory;
import dev.hyperopt.engine.store.jdbc.JdbcTrialStore;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code postgresql://[user@]host[:port]/db}. The user defaults to {@code PGUSER}, then the
 * login name; the password comes from {@code PGPASSWORD}, else the driver looks it up in
 * {@code ~/.pgpass} (or the file {@code PGPASSFILE} names). A password is never accepted in
 * the URL, and never appears in a message.
 */
public final class PostgresTrialStoreFactory implements TrialStoreFactory {
    private static final Pattern URL = Pattern.compile(
            "//(?:(?<user>[^@:/\\s]+)@)?(?<host>\\[[0-9A-Fa-f:.]+]|[^@:/\\[\\]\\s]+)(?::(?<port>\\d{1,5}))?/(?<db>[^/?#\\s]+)");

    /** The parts of a URL; {@code user} is null when the URL names none. */
    public record Target(String user, String host, int port, String database) {
        /** The user to connect as: the URL's, else PGUSER, else the system's, as psql does. */
        public String login() {
            return user != null ? user : firstSet(System.getenv("PGUSER"), System.getProperty("user.name"));
        }

        public String jdbcUrl() {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }
    }

    /** What every connection of this project sets: the login, PGPASSWORD when set, time-outs to connect, and a name. */
    public static Properties connectionProperties(Target t, String applicationName) {
        Properties p = new Properties();
        p.setProperty("user", t.login());
        String password = System.getenv("PGPASSWORD");
        if (password != null && !password.isEmpty()) p.setProperty("password", password);
        p.setProperty("connectTimeout", "10");
        p.setProperty("loginTimeout", "15");
        p.setProperty("ApplicationName", applicationName);
        return p;
    }

    /**
     * @throws StoreException naming what is wrong, without echoing a password
     */
    public static Target parse(StoreUrl url) {
        String rest = url.rest();
        int at = rest.indexOf('@');
        int colon = rest.indexOf(':', 2);
        if (at > 0 && colon > 0 && colon < at) {
            throw new StoreException("store URL 'postgresql://...': put the password in PGPASSWORD or ~/.pgpass, not in the URL");
        }
        Matcher m = URL.matcher(rest);
        if (!m.matches()) {
            throw new StoreException("store URL '" + url + "' is malformed; write postgresql://[user@]host[:port]/database");
        }
        int port = m.group("port") == null ? 5432 : Integer.parseInt(m.group("port"));
        if (port < 1 || port > 65535) throw new StoreException("store URL '" + url + "': port " + port + " is out of range");
        return new Target(m.group("user"), m.group("host"), port, m.group("db"));
    }

    @Override
    public SharedTrialStore open(StoreUrl url) {
        return open(url, Clock.systemUTC());
    }

    /** The store at {@code url}, its leases measured by {@code clock}: tests move time on at will. */
    public SharedTrialStore open(StoreUrl url, Clock clock) {
        Target t = parse(url);
        String user = t.login();
        String password = System.getenv("PGPASSWORD");
        Properties p = connectionProperties(t, "hyperopt");
        p.setProperty("socketTimeout", "0");
        p.setProperty("tcpKeepAlive", "true");
        String jdbc = t.jdbcUrl();
        Connection c;
        try {
            c = DriverManager.getConnection(jdbc, p);
        } catch (SQLException e) {
            throw new StoreException("store '" + url + "': cannot connect as " + user + ": " + describe(e, password), e);
        }
        // A server restart drops the connection; the store opens another the same way.
        return new JdbcTrialStore(c, () -> DriverManager.getConnection(jdbc, p), new PostgresDialect(), url.text(), clock);
    }

    private static String firstSet(String a, String b) {
        return a != null && !a.isBlank() ? a : b;
    }

    /** A connection failure in one line, the password never in it. */
    public static String describe(SQLException e, String password) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
        if (root != e && root.getMessage() != null && m.contains("attempt failed")) m = m + " (" + root.getMessage() + ")";
        if (password != null && !password.isEmpty()) m = m.replace(password, "***");
        return m;
    }
}
