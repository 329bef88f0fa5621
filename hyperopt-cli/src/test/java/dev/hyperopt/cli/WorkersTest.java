package dev.hyperopt.cli;

import dev.hyperopt.engine.api.Trial;
import dev.hyperopt.engine.inject.Engine;
import dev.hyperopt.engine.store.TrialStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several processes on one study in a shared store: a driver with worker processes (one of
 * them killed in the middle of a trial), and two drivers side by side.
 */
@Timeout(240)
class WorkersTest {
    private static final Pattern SUMMARY = Pattern.compile("worker: (\\d+) trials of study w evaluated");

    @TempDir
    Path dir;

    private Path space() throws Exception {
        Path f = dir.resolve("w.hspace");
        Files.writeString(f, "space = {x: uniform(-5, 5), y: uniform(0, 1)}\n");
        return f;
    }

    @Test
    void workersOnSqliteFinishEveryTrialOnceWhenOneIsKilled() throws Exception {
        workersFinishEveryTrialOnceWhenOneIsKilled("sqlite:" + dir.resolve("w.db"));
    }

    @Test
    void workersOnPostgresFinishEveryTrialOnceWhenOneIsKilled() throws Exception {
        String url = TestStores.postgres();
        workersFinishEveryTrialOnceWhenOneIsKilled(url);
    }

    private void workersFinishEveryTrialOnceWhenOneIsKilled(String store) throws Exception {
        TuneCommandTest.needsPython();
        int evals = 30;
        List<Process> workers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            workers.add(Jvm.start(dir, dir.resolve("worker" + i + ".txt"), "worker", "--store", store, "--study", "w",
                    "--lease", "3s"));
        }
        Process driver = Jvm.start(dir, dir.resolve("driver.txt"), "tune", space().toString(), "--workers",
                "--objective-cmd", TuneCommandTest.plan("ok", "--sleep", "0.1"), "--algo", "rand", "--max-evals",
                Integer.toString(evals), "--seed", "3", "--parallel", "6", "--store", store, "--study", "w", "--quiet");
        // Once trials are flowing, kill the first worker in the middle of one.
        try (TrialStore s = Engine.standard().openStore(store)) {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (System.nanoTime() < end && (s.study("w").isEmpty() || s.trials("w").stream().filter(Trial::isFinished).count() < 6)) {
                Thread.sleep(50);
            }
        }
        Process victim = workers.get(0);
        victim.destroyForcibly();
        assertThat(victim.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(driver.waitFor(120, TimeUnit.SECONDS)).as("the driver finishes").isTrue();
        String driverOut = Files.readString(dir.resolve("driver.txt"));
        assertThat(driver.exitValue()).as(driverOut).isZero();
        assertThat(driverOut).contains("trials:  " + evals + " (ok " + evals + ", fail 0)");
        int recorded = 0;
        for (int i = 1; i < 3; i++) {
            assertThat(workers.get(i).waitFor(60, TimeUnit.SECONDS)).as("worker " + i + " sees the run is over").isTrue();
            String out = Files.readString(dir.resolve("worker" + i + ".txt"));
            assertThat(workers.get(i).exitValue()).as(out).isZero();
            Matcher m = SUMMARY.matcher(out);
            assertThat(m.find()).as(out).isTrue();
            recorded += Integer.parseInt(m.group(1));
        }
        try (TrialStore s = Engine.standard().openStore(store)) {
            List<Trial> trials = s.trials("w");
            assertThat(trials).hasSize(evals).allMatch(Trial::isOk);
            assertThat(trials).extracting(Trial::number).containsExactlyElementsOf(LongStream.range(0, evals).boxed().toList());
            Set<Object> pids = new HashSet<>();
            for (Trial t : trials) {
                assertThat(t.attachments().get("trial")).isEqualTo(t.number());
                pids.add(t.attachments().get("pid"));
            }
            assertThat(pids).as("objective processes of several workers").hasSizeGreaterThanOrEqualTo(2);
        }
        // Each worker prints a line for every trial it recorded: no trial is recorded by two.
        Set<Long> all = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            for (long n : recordedBy(dir.resolve("worker" + i + ".txt"))) {
                assertThat(all.add(n)).as("trial " + n + " recorded twice").isTrue();
            }
        }
        // The victim may die between recording a trial and printing its line.
        assertThat(all.size()).isBetween(evals - 1, evals);
        assertThat(recorded).isEqualTo(recordedBy(dir.resolve("worker1.txt")).size() + recordedBy(dir.resolve("worker2.txt")).size());
    }

    @Test
    void aWorkerWithItsOwnCommandRunsThatInsteadOfTheStudys() throws Exception {
        TuneCommandTest.needsPython();
        String store = "sqlite:" + dir.resolve("own.db");
        Process worker = Jvm.start(dir, dir.resolve("own-worker.txt"), "worker", "--store", store, "--study", "w",
                "--objective-cmd", TuneCommandTest.plan("ok"));
        Process driver = Jvm.start(dir, dir.resolve("own-driver.txt"), "tune", space().toString(), "--workers",
                "--objective-cmd", "program-that-exists-only-on-the-driver-machine", "--algo", "rand", "--max-evals", "6",
                "--seed", "3", "--parallel", "2", "--store", store, "--study", "w", "--quiet");
        assertThat(driver.waitFor(120, TimeUnit.SECONDS)).as("the driver finishes").isTrue();
        String driverOut = Files.readString(dir.resolve("own-driver.txt"));
        assertThat(driverOut).as(driverOut).contains("trials:  6 (ok 6, fail 0)");
        assertThat(worker.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(dir.resolve("own-worker.txt"))).contains("worker: 6 trials of study w evaluated (ok 6, fail 0)");
    }

    private static List<Long> recordedBy(Path output) throws Exception {
        List<Long> out = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^hyperopt: trial (\\d+) ok").matcher(Files.readString(output));
        while (m.find()) out.add(Long.parseLong(m.group(1)));
        return out;
    }

    @Test
    void twoDriversOnSqliteNeverShareATrialNumber() throws Exception {
        twoDriversOnOneStudyNeverShareATrialNumber("sqlite:" + dir.resolve("two.db"));
    }

    @Test
    void twoDriversOnPostgresNeverShareATrialNumber() throws Exception {
        String url = TestStores.postgres();
        twoDriversOnOneStudyNeverShareATrialNumber(url);
    }

    private void twoDriversOnOneStudyNeverShareATrialNumber(String store) throws Exception {
        TuneCommandTest.needsPython();
        int evals = 40;
        List<Process> drivers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            drivers.add(Jvm.start(dir, dir.resolve("driver" + i + ".txt"), "tune", space().toString(),
                    "--objective-cmd", TuneCommandTest.plan("ok", "--sleep", "0.05"), "--algo", "rand", "--max-evals",
                    Integer.toString(evals), "--seed", "3", "--parallel", "2", "--store", store, "--study", "w", "--quiet"));
        }
        for (int i = 0; i < 2; i++) {
            assertThat(drivers.get(i).waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(drivers.get(i).exitValue()).as(Files.readString(dir.resolve("driver" + i + ".txt"))).isZero();
        }
        try (TrialStore s = Engine.standard().openStore(store)) {
            List<Trial> trials = s.trials("w");
            assertThat(trials).extracting(Trial::number).containsExactlyElementsOf(LongStream.range(0, evals).boxed().toList());
            assertThat(trials).allMatch(Trial::isOk);
            Set<Object> pids = new HashSet<>();
            for (Trial t : trials) pids.add(t.attachments().get("pid"));
            assertThat(pids).as("both drivers evaluated trials").hasSizeGreaterThanOrEqualTo(2);
        }
    }
}
