package dev.hyperopt.cli;

import dev.hyperopt.engine.api.Trial;
import dev.hyperopt.engine.inject.Engine;
import dev.hyperopt.engine.store.TrialStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code hyperopt tune} killed with SIGKILL at random moments and started again: the study
 * ends with exactly max-evals trials, each number once, all finished, and an intact file.
 */
@Timeout(300)
class CrashResumeTest {
    private static final int MAX_EVALS = 200;

    @TempDir
    Path dir;

    private int finished(Path db) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM trials WHERE state IN ('ok', 'fail')")) {
            return r.next() ? r.getInt(1) : 0;
        } catch (java.sql.SQLException notYet) {
            return 0;
        }
    }

    private static String integrity(Path db) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("PRAGMA integrity_check")) {
            r.next();
            return r.getString(1);
        }
    }

    @Test
    void killedAtRandomMomentsItResumesWithNoTrialLostOrCountedTwice() throws Exception {
        TuneCommandTest.needsPython();
        Path space = dir.resolve("crash.hspace");
        Files.writeString(space, "space = {x: uniform(-5, 5), m: choice {a: {y: uniform(0, 1)}, b: {}}}\n");
        Path db = dir.resolve("crash.db");
        String[] args = {"tune", space.toString(), "--objective-cmd", TuneCommandTest.plan("ok", "--sleep", "0.05"),
                "--algo", "rand", "--max-evals", Integer.toString(MAX_EVALS), "--seed", "5", "--parallel", "3",
                "--store", "sqlite:" + db, "--quiet"};
        Random random = new Random(42);
        int kills = 0;
        int midRun = 0;
        while (kills < 12) {
            int before = finished(db);
            Process p = Jvm.start(dir, dir.resolve("run" + kills + ".txt"), args);
            // Kill it once it has finished a random number of trials more (1 to 10): at most about a
            // hundred trials in all, so the kills interrupt runs however fast the machine is.
            int target = before + 1 + random.nextInt(10);
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (p.isAlive() && finished(db) < target && System.nanoTime() < end) Thread.sleep(20);
            boolean alive = p.isAlive();
            p.destroyForcibly(); // SIGKILL: no shutdown hook runs
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            kills++;
            int after = finished(db);
            if (alive && after < MAX_EVALS) midRun++;
            assertThat(integrity(db)).isEqualTo("ok");
            if (after >= MAX_EVALS) break;
        }
        assertThat(midRun).as("kills that interrupted a run").isGreaterThanOrEqualTo(10);

        Process last = Jvm.start(dir, dir.resolve("last.txt"), args);
        assertThat(last.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String out = Files.readString(dir.resolve("last.txt"));
        assertThat(last.exitValue()).as(out).isZero();
        assertThat(out).contains("trials:  " + MAX_EVALS + " (ok " + MAX_EVALS + ", fail 0)");
        assertThat(integrity(db)).isEqualTo("ok");
        try (TrialStore store = Engine.standard().openStore("sqlite:" + db)) {
            List<Trial> trials = store.trials("crash");
            assertThat(trials).hasSize(MAX_EVALS).allMatch(Trial::isOk);
            assertThat(trials).extracting(Trial::number).containsExactlyElementsOf(
                    java.util.stream.LongStream.range(0, MAX_EVALS).boxed().toList());
            for (Trial t : trials) {
                assertThat(t.attachments().get("trial")).as("the reply is the trial's own").isEqualTo(t.number());
                assertThat(t.loss()).isCloseTo(loss(t), org.assertj.core.data.Offset.offset(1e-9));
            }
        }
    }

    /** What plan.py answers: the sum of squares of the numeric labels. */
    private static double loss(Trial t) {
        double sum = 0;
        for (Object v : t.labels().values()) if (v instanceof Number n) sum += n.doubleValue() * n.doubleValue();
        return sum;
    }
}
