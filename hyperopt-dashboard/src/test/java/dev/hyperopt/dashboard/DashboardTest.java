package dev.hyperopt.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hyperopt.engine.store.StoreException;
import dev.hyperopt.engine.store.TrialStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The dashboard's pages and answers over HTTP, against a real SQLite store that another store connection writes. */
@Timeout(120)
class DashboardTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;
    static Path db;
    static StudyWriter tpe;
    static TrialStore store;
    static Dashboard dashboard;

    @BeforeAll
    static void serve() throws IOException {
        db = dir.resolve("runs.db");
        tpe = new StudyWriter(db, "tpe", "tpe", 1).trials(12);
        try (StudyWriter random = new StudyWriter(db, "random search", "rand", 1)) {
            random.trials(8);
        }
        store = ReadOnlyStores.open("sqlite:" + db);
        dashboard = Dashboard.start(store, 0);
    }

    @AfterAll
    static void stop() {
        if (dashboard != null) dashboard.close();
        if (store != null) store.close();
        if (tpe != null) tpe.close();
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(dashboard.url().resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = get(path);
        assertThat(r.statusCode()).as("status of %s: %s", path, r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        return JSON.readTree(r.body());
    }

    @Test
    void servesOnTheLoopbackOnly() {
        assertThat(dashboard.url().getHost()).isEqualTo("127.0.0.1");
        assertThat(dashboard.url().getPort()).isPositive();
    }

    @Test
    void listsTheStudiesWithCountsAndBestLoss() throws Exception {
        JsonNode studies = json("/api/studies");
        assertThat(studies).hasSize(2);
        JsonNode random = studies.get(0);
        assertThat(random.get("study").asText()).isEqualTo("random search");
        assertThat(random.get("trials").asInt()).isEqualTo(8);
        assertThat(random.get("algorithm").asText()).isEqualTo("rand");
        assertThat(random.get("state").asText()).isEqualTo("idle");
        assertThat(random.get("ok").asInt() + random.get("fail").asInt()).isEqualTo(8);
        assertThat(random.get("bestLoss").isNumber()).isTrue();
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"dashboard-data\"").contains("random search");
    }

    @Test
    void theStudyPageIsTheReportWithTheRefreshScript() throws Exception {
        HttpResponse<String> page = get("/study/random%20search");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"report-data\"").contains("id=\"dashboard-live\"")
                .contains("data-version-url=\"/api/study/random%20search/version\"").contains("data-trials=\"8\"");
        assertThat(page.headers().firstValue("cache-control")).hasValue("no-store");
    }

    @Test
    void theVersionChangesWhenAnotherConnectionFinishesATrial() throws Exception {
        JsonNode before = json("/api/study/tpe/version");
        assertThat(json("/api/study/tpe/version").get("version")).isEqualTo(before.get("version"));
        tpe.trials(1);
        JsonNode after = json("/api/study/tpe/version");
        assertThat(after.get("trials").asInt()).isEqualTo(before.get("trials").asInt() + 1);
        assertThat(after.get("version").asText()).isNotEqualTo(before.get("version").asText());
    }

    @Test
    void comparesStudies() throws Exception {
        JsonNode studies = json("/api/compare?study=tpe&study=random%20search");
        assertThat(studies).hasSize(2);
        JsonNode random = studies.get(1);
        assertThat(random.get("number").size()).isEqualTo(random.get("ok").asInt());
        assertThat(random.get("loss").size()).isEqualTo(random.get("ok").asInt());
        assertThat(random.get("bestConfig").has("lr")).isTrue();
        assertThat(get("/compare?study=tpe&study=random%20search").body()).contains("\"page\":\"compare\"");
    }

    @Test
    void anUnknownStudyOrPageIsNotFound() throws Exception {
        HttpResponse<String> study = get("/study/nope");
        assertThat(study.statusCode()).isEqualTo(404);
        assertThat(study.body()).contains("No study 'nope' in this store.");
        assertThat(get("/api/study/nope/version").statusCode()).isEqualTo(404);
        assertThat(get("/compare?study=tpe&study=nope").statusCode()).isEqualTo(404);
        assertThat(get("/no/such/page").statusCode()).isEqualTo(404);
    }

    @Test
    void refusesWhatWouldWrite() throws Exception {
        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(dashboard.url()).POST(HttpRequest.BodyPublishers.ofString("x")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        // The store itself is read-only: a write through it fails in SQLite, whatever the caller.
        assertThatThrownBy(() -> store.openStudy("new", "fingerprint", "tpe", 1)).isInstanceOf(StoreException.class);
        assertThat(store.study("new")).isEmpty();
    }

    @Test
    void readingLeavesTheFileAsItWas(@TempDir Path quiet) throws Exception {
        Path file = quiet.resolve("quiet.db");
        try (StudyWriter w = new StudyWriter(file, "s", "rand", 3)) {
            w.trials(4);
        }
        String before = sha(file);
        try (TrialStore s = ReadOnlyStores.open("sqlite:" + file); Dashboard d = Dashboard.start(s, 0)) {
            for (String path : new String[] {"/", "/study/s", "/api/study/s/version", "/compare?study=s"}) {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(d.url().resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(path).isEqualTo(200);
            }
        }
        assertThat(sha(file)).isEqualTo(before);
    }

    @Test
    void answersOnlyRequestsAddressedToTheLoopback() throws Exception {
        assertThat(statusLine("127.0.0.1")).endsWith(" 200 OK");
        assertThat(statusLine("localhost")).endsWith(" 200 OK");
        assertThat(statusLine("attacker.example")).contains(" 403 ");
    }

    /** The status line of a GET of the list with this Host header, which HttpClient does not let a caller set. */
    private static String statusLine(String host) throws IOException {
        try (Socket s = new Socket("127.0.0.1", dashboard.url().getPort())) {
            s.getOutputStream().write(("GET /api/studies HTTP/1.1\r\nHost: " + host + ":" + dashboard.url().getPort()
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        }
    }

    @Test
    void aPortInUseIsOneLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> Dashboard.start(store, taken.getLocalPort()))
                    .isInstanceOf(IOException.class)
                    .hasMessage("cannot serve on 127.0.0.1:" + taken.getLocalPort() + ": port " + taken.getLocalPort() + " is in use");
        }
    }

    @Test
    void storesThatCannotBeReadAreOneLine() {
        assertThatThrownBy(() -> ReadOnlyStores.open("sqlite:" + dir.resolve("missing.db")))
                .isInstanceOf(StoreException.class).hasMessageStartingWith("no such store file: ");
        assertThat(Files.exists(dir.resolve("missing.db"))).isFalse();
        assertThatThrownBy(() -> ReadOnlyStores.open("memory:")).isInstanceOf(StoreException.class)
                .hasMessageContaining("sqlite:PATH or postgresql://");
        assertThatThrownBy(() -> ReadOnlyStores.open("nothing")).isInstanceOf(StoreException.class).hasMessageContaining("has no scheme");
    }

    private static String sha(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

}
