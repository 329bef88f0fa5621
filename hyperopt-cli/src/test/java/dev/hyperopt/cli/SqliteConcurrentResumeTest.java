package dev.hyperopt.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two {@code tune} processes resume the same SQLite study at once, as two shells would: the
 * study ends with each trial once, none evaluated twice, and neither process shows the user
 * a locked database.
 */
@Timeout(300)
class SqliteConcurrentResumeTest {
    @TempDir
    Path dir;

    private static final String OBJECTIVE = """
            import json, sys
            log = open(sys.argv[1], "a")
            for line in sys.stdin:
                req = json.loads(line)
                log.write("%d\\n" % req["trial"]); log.flush()
                c = req["config"]
                print(json.dumps({"loss": (c["x"] - 1) ** 2 + c["y"] ** 2}), flush=True)
            """;

    private Process tune(String name, int maxEvals) throws Exception {
        return Jvm.start(dir, dir.resolve(name + ".out"), "tune", "space.hspace", "--objective-cmd", "python3 objective.py evals.log",
                "--max-evals", Integer.toString(maxEvals), "--parallel", "4", "--algo", "rand", "--seed", "1",
                "--store", "sqlite:study.db", "--study", "s", "--quiet");
    }

    private void finishes(Process p, String name) throws Exception {
        assertThat(p.waitFor(240, TimeUnit.SECONDS)).as(name + " ends").isTrue();
        String out = Files.readString(dir.resolve(name + ".out"));
        assertThat(p.exitValue()).as(name + ": " + out).isZero();
        assertThat(out).doesNotContainIgnoringCase("locked").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void twoRunsResumingOneStudyAtOnceEvaluateEachTrialOnce() throws Exception {
        TuneCommandTestSupport.require("python3");
        Files.writeString(dir.resolve("space.hspace"), "space = { x: uniform(-5, 5), y: uniform(-5, 5) }\n");
        Files.writeString(dir.resolve("objective.py"), OBJECTIVE);
        finishes(tune("first", 5), "first");

        Process a = tune("a", 60);
        Process b = tune("b", 60);
        finishes(a, "a");
        finishes(b, "b");

        List<Long> numbers = new ArrayList<>();
        Set<String> configs = new HashSet<>();
        Set<String> states = new HashSet<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("study.db"));
             Statement s = c.createStatement();
             // A reserved row (a number handed out past the limit, then let go) is no trial: readers skip it too.
             ResultSet r = s.executeQuery("SELECT number, state, config FROM trials WHERE state <> 'reserved' ORDER BY number")) {
            while (r.next()) {
                numbers.add(r.getLong(1));
                states.add(r.getString(2));
                configs.add(r.getString(3));
            }
        }
        assertThat(numbers).hasSize(60).doesNotHaveDuplicates().allMatch(n -> n >= 0 && n < 60);
        assertThat(states).containsExactly("ok");
        assertThat(configs).as("no configuration twice").hasSize(60);
        Map<String, Long> evaluations = Files.readAllLines(dir.resolve("evals.log")).stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(evaluations).hasSize(60);
        assertThat(evaluations.values()).as("each trial evaluated once").containsOnly(1L);
    }
}
