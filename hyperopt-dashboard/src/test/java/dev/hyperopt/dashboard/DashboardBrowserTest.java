package dev.hyperopt.dashboard;

import dev.hyperopt.engine.store.SharedTrialStore;
import dev.hyperopt.engine.store.TrialStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in headless Chromium, against a real SQLite store that another thread writes
 * trials to: the study page shows new trials, and reloads itself when they finish; the list
 * and the comparison draw without an error and with no overlapping text, 1400 and 800 pixels
 * wide. Pages and screenshots stay under {@code target/dashboard-test} to look at.
 */
@Timeout(600)
class DashboardBrowserTest {
    static final Path OUT = Path.of(System.getProperty("dashboard.outputDirectory", "target/dashboard-test"));
    private static final Pattern TRIALS = Pattern.compile("id=\"dashboard-live\"[^>]*data-trials=\"(\\d+)\"");

    @TempDir
    static Path dir;
    static Chromium chromium;
    static Path db;
    static StudyWriter tpe;
    static TrialStore store;
    static Dashboard dashboard;
    /** The other thread that writes trials, as a worker next to the dashboard would. */
    static ExecutorService writer;

    @BeforeAll
    static void serve() throws Exception {
        chromium = Chromium.require();
        Files.createDirectories(OUT);
        db = dir.resolve("runs.db");
        writer = Executors.newSingleThreadExecutor();
        tpe = writer.submit(() -> new StudyWriter(db, "tpe", "tpe", 1).trials(40)).get();
        writer.submit(() -> {
            try (StudyWriter random = new StudyWriter(db, "random", "rand", 1)) {
                random.trials(40);
            }
        }).get();
        writer.submit(tpe::start).get();
        store = ReadOnlyStores.open("sqlite:" + db);
        dashboard = Dashboard.start(store, 0);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (dashboard != null) dashboard.close();
        if (store != null) store.close();
        if (writer != null) {
            if (tpe != null) writer.submit(tpe::close);
            writer.shutdown();
            writer.awaitTermination(30, TimeUnit.SECONDS);
        }
    }

    private static String url(String path) {
        return dashboard.url().resolve(path).toString();
    }

    /** The page as drawn, checked for errors of its scripts and of the browser's console. */
    private static String rendered(String url, int width, int virtualMillis) throws Exception {
        Chromium.Run run = chromium.dumpDom(url, width, virtualMillis, OUT);
        assertThat(run.exit()).as("chromium exit status; stderr:\n%s", run.err()).isZero();
        assertThat(run.console()).as("console output of %s", url).isEmpty();
        assertThat(run.out()).as("the scripts of %s ran to the end", url).contains("data-rendered=\"true\"");
        assertThat(run.out()).doesNotContain("data-errors=");
        return run.out();
    }

    private static int trialsShown(String dom) {
        Matcher m = TRIALS.matcher(dom);
        assertThat(m.find()).as("the dashboard's script on the study page").isTrue();
        return Integer.parseInt(m.group(1));
    }

    @Test
    void theStudyPageShowsTrialsThatAnotherThreadWrote() throws Exception {
        String before = rendered(url("/study/tpe"), 1400, 0);
        int n = trialsShown(before);
        assertThat(before).contains("id=\"dashboard-bar\"").contains(n + " trials (");
        writer.submit(() -> tpe.trials(5)).get();
        String after = rendered(url("/study/tpe"), 1400, 0);
        assertThat(trialsShown(after)).isEqualTo(n + 5);
        assertThat(after).contains((n + 5) + " trials (");
    }

    /**
     * The page polls the study's version and reloads when it changes. The dashboard here reads
     * through a store that lets the writer finish three trials just before it answers the
     * page's first poll, so the page loaded before them must reload to show them.
     */
    @Test
    void theStudyPageReloadsWhenTrialsFinish() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        int before = 6;
        Path file = dir.resolve("reloading.db");
        try (StudyWriter w = writer.submit(() -> new StudyWriter(file, "reloading", "rand", 5).trials(before)).get();
             TrialStore reloading = ReadOnlyStores.open("sqlite:" + file)) {
            TrialStore watched = (TrialStore) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {SharedTrialStore.class},
                    (proxy, method, args) -> {
                        // Read 1 draws the page; read 2 answers its first poll.
                        if (method.getName().equals("trials") && reads.incrementAndGet() == 2) writer.submit(() -> w.trials(3)).get();
                        try {
                            return method.invoke(reloading, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
            try (Dashboard d = Dashboard.start(watched, 0)) {
                Chromium.Run run = chromium.dumpDom(d.url().resolve("/study/reloading").toString(), 1400, 10_000, OUT);
                assertThat(run.exit()).as("chromium exit status; stderr:\n%s", run.err()).isZero();
                assertThat(run.console()).isEmpty();
                assertThat(reads.get()).as("reads of the trials: the page, its polls, the page again").isGreaterThanOrEqualTo(3);
                assertThat(trialsShown(run.out())).isEqualTo(before + 3);
            }
        }
    }

    @Test
    void theListAndTheComparisonDrawWithoutErrorsOrOverlaps() throws Exception {
        Map<String, String> wide = new HashMap<>();
        for (int width : new int[] {1400, 800}) {
            for (String path : List.of("/", "/compare?study=tpe&study=random")) {
                String dom = rendered(url(path), width, 0);
                assertThat(dom).as("%s at %d px", path, width).contains("data-overlaps=\"0\"");
                if (width == 1400) wide.put(path, dom);
            }
        }
        String list = wide.get("/");
        assertThat(list).contains("data-study=\"tpe\"").contains("data-study=\"random\"").contains("href=\"/study/tpe\"")
                .contains("<span class=\"state running\">running</span>");
        String compare = wide.get("/compare?study=tpe&study=random");
        assertThat(compare).contains("id=\"compare-svg\"").contains("class=\"best-line\" data-study=\"tpe\"")
                .contains("class=\"best-line\" data-study=\"random\"");
        assertThat(count(compare, "<circle ")).isGreaterThan(40);
        assertThat(count(compare, "class=\"card\"")).isEqualTo(2);
        // The report page, at both widths, draws without an error too.
        rendered(url("/study/random"), 800, 0);
    }

    @Test
    void anUnknownStudyIsANotFoundPage() throws Exception {
        String dom = rendered(url("/study/no-such-study"), 1400, 0);
        assertThat(dom).contains("data-page=\"missing\"").contains("No study 'no-such-study' in this store.");
    }

    @Test
    void screenshots() throws IOException, InterruptedException {
        for (String[] shot : new String[][] {{"dashboard-studies.png", "/", "360"}, {"dashboard-study.png", "/study/tpe", "1000"},
                {"dashboard-compare.png", "/compare?study=tpe&study=random", "1000"}}) {
            Path png = OUT.resolve(shot[0]);
            Files.deleteIfExists(png);
            Chromium.Run run = chromium.screenshot(url(shot[1]), png, 1400, Integer.parseInt(shot[2]), OUT);
            assertThat(run.exit()).as("chromium exit status; stderr:\n%s", run.err()).isZero();
            assertThat(Files.size(png)).isGreaterThan(10_000);
        }
    }

    private static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + needle.length())) n++;
        return n;
    }
}
