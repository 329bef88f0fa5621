package dev.hyperopt.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the PostgreSQL password comes from, in a process of its own so that its environment
 * can differ: {@code PGPASSWORD}, else the password file ({@code ~/.pgpass}, or the one
 * {@code PGPASSFILE} names); a wrong one is one line that never shows it.
 */
@Timeout(120)
class PostgresPasswordTest {
    @TempDir
    Path dir;

    private record Run(int exit, String output) {}

    private Run studies(String url, Map<String, String> env, List<String> unset) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "studies", "--store", url));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        unset.forEach(pb.environment()::remove);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out);
    }

    @Test
    void thePasswordComesFromPgpassOrPgpasswordAndIsNeverShown() throws Exception {
        String url = TestStores.postgres();
        String password = System.getenv("PGPASSWORD");
        Assumptions.assumeTrue(password != null && !password.isEmpty(), "the test server has no password");
        URI u = URI.create(url.replaceFirst("^postgresql:", "http:"));

        Path pgpass = dir.resolve("pgpass");
        Files.writeString(pgpass, u.getHost() + ":" + u.getPort() + ":*:" + u.getUserInfo() + ":" + password + "\n");
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));
        Run fromFile = studies(url, Map.of("PGPASSFILE", pgpass.toString()), List.of("PGPASSWORD"));
        assertThat(fromFile.exit()).as(fromFile.output()).isZero();
        assertThat(fromFile.output()).contains("no studies in");

        Run fromVariable = studies(url, Map.of("PGPASSFILE", dir.resolve("none").toString()), List.of());
        assertThat(fromVariable.exit()).as(fromVariable.output()).isZero();

        String wrong = "not-the-password-" + password.substring(0, 4);
        Run refused = studies(url, Map.of("PGPASSWORD", wrong), List.of());
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.output().lines().toList()).as(refused.output()).hasSize(1);
        assertThat(refused.output()).startsWith("hyperopt: store '" + url + "': cannot connect as postgres")
                .contains("password authentication failed").doesNotContain(wrong).doesNotContain(password);
    }
}
