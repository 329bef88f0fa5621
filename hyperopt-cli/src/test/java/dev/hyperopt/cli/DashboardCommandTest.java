package dev.hyperopt.cli;

import dev.hyperopt.dashboard.Dashboard;
import dev.hyperopt.dashboard.ReadOnlyStores;
import dev.hyperopt.dsl.HSpaceCompiler;
import dev.hyperopt.engine.api.Outcome;
import dev.hyperopt.engine.api.TrialContext;
import dev.hyperopt.engine.inject.Engine;
import dev.hyperopt.engine.run.Hyperopt;
import dev.hyperopt.engine.run.Study;
import dev.hyperopt.engine.store.StoreException;
import dev.hyperopt.engine.store.TrialStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code hyperopt dashboard}: its address on the first line, its one-line errors, and stores opened read-only. */
@Timeout(180)
class DashboardCommandTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    /** A study of {@code n} trials in the store at {@code url}, written as a run would. */
    private static void study(String url, String name, int n) {
        try (TrialStore store = Engine.standard().openStore(url)) {
            Study s = Hyperopt.study(new HSpaceCompiler().compile("t", "space = { x: uniform(0, 1) }").orThrow())
                    .store(store).name(name).algorithm("rand").seed(1).open();
            for (int i = 0; i < n; i++) {
                TrialContext t = s.ask();
                s.tell(t.trial(), Outcome.ok(t.config().getDouble("x")));
            }
        }
    }

    private static HttpResponse<String> get(URI uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void printsItsAddressFirstServesTheStoreAndStopsOnASignal() throws Exception {
        Path db = dir.resolve("runs.db");
        study("sqlite:" + db, "first", 5);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "dashboard", "--store", "sqlite:" + db, "--port", "0"));
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectError(err.toFile()).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String first = out.readLine();
            assertThat(first).as("first line; stderr: %s", Files.readString(err)).matches("http://127\\.0\\.0\\.1:\\d+/");
            URI url = URI.create(first);
            HttpResponse<String> studies = get(url.resolve("/api/studies"));
            assertThat(studies.statusCode()).isEqualTo(200);
            assertThat(studies.body()).contains("\"study\":\"first\"").contains("\"trials\":5");
            assertThat(get(url.resolve("/study/first")).statusCode()).isEqualTo(200);
            assertThat(get(url.resolve("/study/nope")).statusCode()).isEqualTo(404);
            p.destroy(); // SIGTERM, as Ctrl-C: the shutdown hook stops the server and closes the store
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the server stops").isTrue();
        } finally {
            p.destroyForcibly();
        }
        String stderr = Files.readString(err);
        assertThat(stderr).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aStoreThatIsNotThereIsOneLine() {
        Cli r = Cli.run("dashboard", "--store", "sqlite:" + dir.resolve("missing.db"), "--port", "0");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.errLines()).containsExactly("hyperopt: no such store file: " + dir.resolve("missing.db"));
        assertThat(Files.exists(dir.resolve("missing.db"))).as("nothing is created").isFalse();
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aStoreOfOneProcessIsOneLine() {
        Cli r = Cli.run("dashboard", "--store", "memory:", "--port", "0");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).contains("sqlite:PATH or postgresql://");
        assertThat(r.hasStackTrace()).isFalse();
    }

    @Test
    void aPortInUseIsOneLine() throws Exception {
        Path db = dir.resolve("runs.db");
        study("sqlite:" + db, "first", 1);
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            Cli r = Cli.run("dashboard", "--store", "sqlite:" + db, "--port", String.valueOf(port));
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.errLines()).containsExactly("hyperopt: cannot serve on 127.0.0.1:" + port + ": port " + port + " is in use");
            assertThat(r.out()).isEmpty();
        }
    }

    @Test
    void aPortOutOfRangeIsOneLine() {
        Cli r = Cli.run("dashboard", "--store", "sqlite:x.db", "--port", "65536");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.errLines()).containsExactly("hyperopt: invalid value for --port: 65536 (give 0 to 65535)");
    }

    @Test
    void readsPostgresInAReadOnlySession() throws Exception {
        String url = TestStores.postgres();
        study(url, "pg", 3);
        try (TrialStore store = ReadOnlyStores.open(url); Dashboard d = Dashboard.start(store, 0)) {
            HttpResponse<String> studies = get(d.url().resolve("/api/studies"));
            assertThat(studies.statusCode()).isEqualTo(200);
            assertThat(studies.body()).contains("\"study\":\"pg\"").contains("\"trials\":3");
            assertThatThrownBy(() -> store.openStudy("new", "fingerprint", "tpe", 1)).isInstanceOf(StoreException.class);
        }
        try (TrialStore store = Engine.standard().openStore(url)) {
            assertThat(store.study("new")).as("the refused write left nothing").isEmpty();
        }
    }
}
