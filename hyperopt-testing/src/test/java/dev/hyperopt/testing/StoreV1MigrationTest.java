package dev.hyperopt.testing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hyperopt.dsl.HSpaceCompiler;
import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.engine.api.Intermediate;
import dev.hyperopt.engine.api.Outcome;
import dev.hyperopt.engine.api.Trial;
import dev.hyperopt.engine.api.TrialState;
import dev.hyperopt.engine.run.Hyperopt;
import dev.hyperopt.engine.run.Result;
import dev.hyperopt.engine.run.StopReason;
import dev.hyperopt.engine.store.SharedTrialStore;
import dev.hyperopt.engine.store.StoreException;
import dev.hyperopt.engine.store.StudyInfo;
import dev.hyperopt.engine.store.jdbc.Schema;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A store written by schema version 1 ({@code store-v1/}: three studies made by the release
 * before version 2, one of them killed while a trial ran; see its README) opened by this
 * version: the first open migrates it in one transaction, keeps every row as it was, and its
 * studies resume. A backend's test makes the version-1 store from the fixture before each test.
 */
@Timeout(120)
abstract class StoreV1MigrationTest {
    /** The fixture's space; its fingerprint is the one its studies were made with. */
    static final SearchSpace SPACE = new HSpaceCompiler().compile("space.hspace", resource("space.hspace")).orThrow();

    /** Reads JSON columns as the release that wrote them did: whole numbers as longs. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);

    @TempDir
    Path dir;

    /** A copy of {@code store-v1.db}, the source of the expected rows. */
    protected Path fixture;

    /** Makes a new version-1 store holding the rows of {@code fixture}, the one {@link #open()} then opens. */
    protected abstract void makeV1Store(Path fixture) throws Exception;

    /** Opens the store, as a process would; the first open migrates it. */
    protected abstract SharedTrialStore open() throws Exception;

    /** A plain connection to the store's database. */
    protected abstract Connection raw() throws Exception;

    /** What any change to the store's tables or its version row changes. */
    protected abstract String schemaStamp(Connection c) throws SQLException;

    @BeforeEach
    void makeStore() throws Exception {
        fixture = dir.resolve("fixture-v1.db");
        try (InputStream in = StoreV1MigrationTest.class.getResourceAsStream("/store-v1/store-v1.db")) {
            assertThat(in).as("the fixture store-v1/store-v1.db").isNotNull();
            Files.copy(in, fixture);
        }
        makeV1Store(fixture);
    }

    static String resource(String name) {
        try (InputStream in = StoreV1MigrationTest.class.getResourceAsStream("/store-v1/" + name)) {
            if (in == null) throw new IllegalStateException("no test resource store-v1/" + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Connection sqlite(Path file) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file);
    }

    /** Every column of both version-1 tables, read alike from either database. */
    record Rows(List<List<Object>> studies, List<List<Object>> trials) {}

    static final String STUDY_COLUMNS = "id, name, fingerprint, space, algorithm, seed, settings, next_trial, created";
    static final String TRIAL_COLUMNS = "study_id, number, state, assignment, labels, config, loss, attachments, error,"
            + " started, finished, owner, lease_until, attempts";

    static Rows rows(Connection c) throws SQLException {
        return new Rows(read(c, "SELECT " + STUDY_COLUMNS + " FROM studies ORDER BY id", "LSSSSLSLS"),
                read(c, "SELECT " + TRIAL_COLUMNS + " FROM trials ORDER BY study_id, number", "LLSBSSDSSSSSLL"));
    }

    /** Rows with each column read by its type: L a long, D a double, S text, B bytes (as hex); null stays null. */
    private static List<List<Object>> read(Connection c, String sql, String types) throws SQLException {
        List<List<Object>> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 0; i < types.length(); i++) {
                    Object v = switch (types.charAt(i)) {
                        case 'L' -> r.getLong(i + 1);
                        case 'D' -> r.getDouble(i + 1);
                        case 'B' -> r.getBytes(i + 1) == null ? null : HexFormat.of().formatHex(r.getBytes(i + 1));
                        default -> r.getString(i + 1);
                    };
                    row.add(r.wasNull() ? null : v);
                }
                out.add(row);
            }
        }
        return out;
    }

    static int version(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT version FROM schema_version")) {
            assertThat(r.next()).isTrue();
            int v = r.getInt(1);
            assertThat(r.next()).as("one version row").isFalse();
            return v;
        }
    }

    private Rows fixtureRows() throws SQLException {
        try (Connection c = sqlite(fixture)) {
            return rows(c);
        }
    }

    @Test
    void keepsEveryStudyAndTrialUnchanged() throws Exception {
        Rows expected = fixtureRows();
        try (Connection c = raw()) {
            assertThat(version(c)).isEqualTo(1);
            assertThat(rows(c)).as("the version-1 store holds the fixture's rows").isEqualTo(expected);
        }
        try (SharedTrialStore store = open()) {
            assertThat(store.studies()).extracting(StudyInfo::name).containsExactly("fixture", "interrupted", "second");
            assertThat(store.study("fixture")).map(StudyInfo::algorithm).contains("tpe");
            assertThat(store.study("fixture")).map(StudyInfo::seed).contains(3L);
            assertThat(store.study("second")).map(StudyInfo::algorithm).contains("rand");
            assertThat(store.study("interrupted")).map(StudyInfo::seed).contains(5L);
            assertThat(store.settings("fixture")).containsEntry("objective_cmd", "python3 obj.py").containsEntry("max_evals", "12");
            for (List<Object> study : expected.studies()) {
                String name = (String) study.get(1);
                assertThat(store.study(name).orElseThrow().created()).isEqualTo(Instant.parse((String) study.get(8)));
                assertThat(store.spaceText(name)).contains((String) study.get(3));
                List<List<Object>> rows = expected.trials().stream().filter(t -> t.get(0).equals(study.get(0))).toList();
                List<Trial> trials = store.trials(name);
                assertThat(trials).hasSameSizeAs(rows);
                for (int i = 0; i < rows.size(); i++) assertSameTrial(trials.get(i), rows.get(i));
            }
            // What the fixture's README says it holds.
            List<Trial> fixtureTrials = store.trials("fixture");
            assertThat(fixtureTrials).extracting(Trial::number).containsExactlyElementsOf(LongStream.range(0, 12).boxed().toList());
            assertThat(fixtureTrials).filteredOn(t -> t.state() == TrialState.FAIL).extracting(Trial::number).containsExactly(2L, 5L);
            assertThat(fixtureTrials).filteredOn(t -> t.state() == TrialState.FAIL).extracting(Trial::error).containsOnly("x too large");
            assertThat(fixtureTrials).filteredOn(Trial::isOk).hasSize(10);
            assertThat(store.trials("second")).hasSize(5).allMatch(Trial::isOk);
            assertThat(store.trials("interrupted")).extracting(Trial::state)
                    .containsExactly(TrialState.OK, TrialState.OK, TrialState.OK, TrialState.RUNNING);
            assertThat(store.queued("fixture")).isEmpty();
        }
        try (Connection c = raw()) {
            assertThat(version(c)).isEqualTo(Schema.CURRENT).isEqualTo(2);
            assertThat(rows(c)).as("every row as version 1 wrote it").isEqualTo(expected);
        }
    }

    /** The trial as read through the store is the row as version 1 wrote it, decoded here independently of the store. */
    private static void assertSameTrial(Trial t, List<Object> row) throws IOException {
        assertThat(t.number()).isEqualTo(row.get(1));
        assertThat(t.state().id()).isEqualTo(row.get(2));
        ByteBuffer values = ByteBuffer.wrap(HexFormat.of().parseHex((String) row.get(3)));
        double[] expected = new double[values.remaining() / Double.BYTES];
        for (int i = 0; i < expected.length; i++) expected[i] = values.getDouble();
        assertThat(t.values()).containsExactly(expected);
        assertThat(t.labels()).isEqualTo(JSON.readValue((String) row.get(4), Map.class));
        assertThat(t.config().value()).isEqualTo(JSON.readValue((String) row.get(5), Map.class));
        if (row.get(6) == null) assertThat(t.loss()).isNaN();
        else assertThat(t.loss()).isEqualTo((Double) row.get(6));
        assertThat(t.attachments()).isEqualTo(JSON.readValue((String) row.get(7), Map.class));
        assertThat(t.error()).isEqualTo(row.get(8));
        assertThat(t.started()).isEqualTo(Instant.parse((String) row.get(9)));
        assertThat(t.finished()).isEqualTo(row.get(10) == null ? null : Instant.parse((String) row.get(10)));
        assertThat(t.intermediate()).isEmpty();
    }

    @Test
    void resumesTheInterruptedStudyByEvaluatingItsRunningTrialAgain() throws Exception {
        Map<Long, Map<String, Object>> seen = new ConcurrentHashMap<>();
        try (SharedTrialStore store = open()) {
            List<Trial> before = store.trials("interrupted");
            Result r = Hyperopt.minimize(SPACE, ctx -> {
                assertThat(seen.put(ctx.trial(), ctx.labels())).as("trial " + ctx.trial() + " evaluated twice").isNull();
                return Outcome.ok(Math.abs(ctx.config().getDouble("x")));
            }).store(store).study("interrupted").maxEvals(6).run();
            assertThat(seen.keySet()).containsExactlyInAnyOrder(3L, 4L, 5L);
            assertThat(seen.get(3L)).as("trial 3 keeps its assignment").isEqualTo(before.get(3).labels());
            assertThat(r.trials()).extracting(Trial::number).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
            assertThat(r.trials()).allMatch(Trial::isOk);
            assertThat(r.trials().subList(0, 3)).isEqualTo(before.subList(0, 3));
            assertThat(r.trials().get(3).loss()).isEqualTo(Math.abs((Double) before.get(3).labels().get("x")));
            assertThat(r.stopReason()).isEqualTo(StopReason.MAX_EVALS);
        }
        try (SharedTrialStore again = open()) {
            assertThat(again.trials("interrupted")).hasSize(6).allMatch(Trial::isFinished);
        }
    }

    @Test
    void continuesTheFixtureStudyWithTrials12To14() throws Exception {
        Map<Long, Map<String, Object>> seen = new ConcurrentHashMap<>();
        try (SharedTrialStore store = open()) {
            List<Trial> before = store.trials("fixture");
            Result r = Hyperopt.minimize(SPACE, ctx -> {
                seen.put(ctx.trial(), ctx.labels());
                return Outcome.ok(Math.pow(ctx.config().getDouble("x") - 1, 2));
            }).store(store).study("fixture").maxEvals(15).run();
            assertThat(seen.keySet()).containsExactlyInAnyOrder(12L, 13L, 14L);
            assertThat(r.trials()).extracting(Trial::number).containsExactlyElementsOf(LongStream.range(0, 15).boxed().toList());
            assertThat(r.trials()).allMatch(Trial::isFinished);
            assertThat(r.trials().subList(0, 12)).isEqualTo(before);
        }
    }

    @Test
    void takesReportsPrunedTrialsAndQueuedConfigurationsOnceMigrated() throws Exception {
        Trial pruned;
        try (SharedTrialStore store = open()) {
            store.openStudy("second", SPACE, "rand", 4);
            Trial model = store.trial("second", 0).orElseThrow();
            long n = store.reserveTrial("second");
            assertThat(n).isEqualTo(5);
            store.startTrial("second", Trial.running(n, model.values(), model.labels(), model.config(), Instant.parse("2026-12-03T00:00:00Z")));
            store.report("second", n, new Intermediate(1, 2.5));
            store.report("second", n, new Intermediate(2, 2.25));
            pruned = store.finishTrial("second", n, Outcome.pruned(), Instant.parse("2026-12-03T00:00:01Z"));
            store.enqueue("second", model.labels());
        }
        try (SharedTrialStore again = open()) {
            assertThat(again.trial("second", 5)).contains(pruned);
            assertThat(pruned.state()).isEqualTo(TrialState.PRUNED);
            assertThat(pruned.intermediate()).containsExactly(new Intermediate(1, 2.5), new Intermediate(2, 2.25));
            assertThat(again.dequeue("second")).contains(again.trial("second", 0).orElseThrow().labels());
        }
    }

    @Test
    void openingAMigratedStoreAgainChangesNothing() throws Exception {
        open().close();
        Rows rows;
        String stamp;
        try (Connection c = raw()) {
            rows = rows(c);
            stamp = schemaStamp(c);
        }
        try (SharedTrialStore again = open()) {
            assertThat(again.studies()).hasSize(3);
        }
        try (Connection c = raw()) {
            assertThat(version(c)).isEqualTo(2);
            assertThat(schemaStamp(c)).isEqualTo(stamp);
            assertThat(rows(c)).isEqualTo(rows);
        }
    }

    @Test
    void processesOpeningAVersion1StoreAtOnceMigrateItOnce() throws Exception {
        Rows expected = fixtureRows();
        int processes = 4;
        CyclicBarrier start = new CyclicBarrier(processes);
        ExecutorService pool = Executors.newFixedThreadPool(processes);
        try {
            List<Future<Integer>> opened = new ArrayList<>();
            for (int i = 0; i < processes; i++) {
                opened.add(pool.submit(() -> {
                    start.await();
                    try (SharedTrialStore s = open()) {
                        return s.trials("fixture").size();
                    }
                }));
            }
            // A second migration would fail (its tables exist): every open succeeding means one migrated.
            for (Future<Integer> f : opened) assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo(12);
        } finally {
            pool.shutdownNow();
        }
        try (Connection c = raw()) {
            assertThat(version(c)).isEqualTo(2);
            assertThat(rows(c)).isEqualTo(expected);
        }
    }

    @Test
    void aMigrationThatFailsLeavesTheStoreAsItWas() throws Exception {
        Rows rows;
        String stamp;
        try (Connection c = raw(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE queued_configs (note TEXT)"); // a table of the user's, in the way of version 2
            rows = rows(c);
            stamp = schemaStamp(c);
        }
        assertThatThrownBy(this::open).isInstanceOf(StoreException.class).hasMessageContaining("queued_configs")
                .satisfies(e -> assertThat(e.getMessage().lines().count()).isEqualTo(1));
        try (Connection c = raw(); Statement s = c.createStatement()) {
            assertThat(version(c)).isEqualTo(1);
            assertThat(schemaStamp(c)).as("no step of the migration is left").isEqualTo(stamp);
            assertThat(rows(c)).isEqualTo(rows);
            s.execute("DROP TABLE queued_configs");
        }
        try (SharedTrialStore store = open()) {
            assertThat(store.trials("second")).hasSize(5);
        }
        try (Connection c = raw()) {
            assertThat(version(c)).isEqualTo(2);
        }
    }
}
