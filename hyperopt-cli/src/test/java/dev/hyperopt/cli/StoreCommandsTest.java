package dev.hyperopt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** tune on an SQLite file, resumed; studies and trials reading it back; stores that cannot be opened. */
@Timeout(120)
class StoreCommandsTest {
    @TempDir
    Path dir;

    private Path space(String name, String text) throws Exception {
        Path f = dir.resolve(name);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
        return f;
    }

    private String store() {
        return "sqlite:" + dir.resolve("h.db");
    }

    private Cli tune(Path space, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("tune", space.toString(), "--objective-cmd",
                TuneCommandTest.plan("ok,fail"), "--seed", "4", "--store", store()));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void aStudyGrowsAcrossRunsAndIsReadBack() throws Exception {
        TuneCommandTest.needsPython();
        Path f = space("line.hspace", "space = {x: uniform(-1, 1), k: choice(1, 2)}\n");
        Cli first = tune(f, "--algo", "rand", "--max-evals", "6");
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).contains("trials:  6 (ok 3, fail 3)");
        Cli second = tune(f, "--max-evals", "10");
        assertThat(second.exit()).as(second.err()).isZero();
        assertThat(second.out()).as("the study keeps its algorithm").contains("study:   line (algo rand, seed 4)")
                .contains("trials:  10 (ok 5, fail 5)");

        Cli studies = Cli.run("studies", "--store", store());
        assertThat(studies.exit()).isZero();
        assertThat(studies.outLines()).hasSize(2);
        assertThat(studies.outLines().get(0)).startsWith("STUDY").contains("TRIALS").contains("BEST");
        assertThat(studies.outLines().get(1).split("\\s+")).startsWith("line", "10", "5", "5", "0");
        Cli studiesJson = Cli.run("studies", "--store", store(), "--json");
        JsonNode row = new ObjectMapper().readTree(studiesJson.out());
        assertThat(row.get("study").asText()).isEqualTo("line");
        assertThat(row.get("algo").asText()).isEqualTo("rand");
        assertThat(row.get("seed").asLong()).isEqualTo(4);

        Cli json = Cli.run("trials", "--store", store(), "--study", "line", "--json");
        assertThat(json.exit()).isZero();
        JsonNode doc = new ObjectMapper().readTree(json.out());
        assertThat(doc.get("trials")).hasSize(10);
        assertThat(doc.get("trials").get(1).get("error").asText()).isEqualTo("diverged");
        assertThat(doc.get("best").get("trial").asInt()).isEven();

        Cli csv = Cli.run("trials", "--store", store(), "--study", "line", "--csv");
        assertThat(csv.outLines()).hasSize(11);
        assertThat(csv.outLines().get(0)).isEqualTo("trial,status,loss,started,finished,error,x,k");
        assertThat(csv.outLines().get(2)).startsWith("1,fail,,").contains(",diverged,");

        Cli table = Cli.run("trials", "--store", store(), "--study", "line");
        assertThat(table.outLines()).hasSize(11);
        assertThat(table.outLines().get(2)).contains("fail").contains("diverged");
    }

    @Test
    void anotherSpaceUnderTheSameStudyNameIsOneLine() throws Exception {
        TuneCommandTest.needsPython();
        Path a = space("s.hspace", "space = {x: uniform(-1, 1)}\n");
        assertThat(tune(a, "--algo", "rand", "--max-evals", "2").exit()).isZero();
        Path b = space("other/s.hspace", "space = {x: uniform(-2, 2)}\n");
        Cli again = tune(b, "--algo", "rand", "--max-evals", "2");
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.errLines()).containsExactly("hyperopt: study 's' was created for a different search space; use another study name");
        assertThat(again.out()).isEmpty();
    }

    @Test
    void storesThatCannotBeOpenedAreOneLineForEveryCommand() {
        String[][] cases = {
                {"studies", "--store", "postgresql://"},
                {"studies", "--store", "postgresql://127.0.0.1:1/db"},
                {"trials", "--store", "sqlite:" + dir.resolve("missing/h.db"), "--study", "s"},
                {"studies", "--store", "sqlite:" + dir.resolve("none.db")},
                {"trials", "--store", "memory:", "--study", "s"},
                {"worker", "--store", "postgresql://u:pw@127.0.0.1/db", "--study", "s"},
                {"worker", "--store", "memory:", "--study", "s", "--lease", "0s"},
        };
        for (String[] c : cases) {
            Cli r = Cli.run(c);
            assertThat(r.exit()).as(String.join(" ", c) + ": " + r.err()).isEqualTo(1);
            assertThat(r.errLines()).as(r.err()).hasSize(1);
            assertThat(r.err()).startsWith("hyperopt: ").doesNotContain("pw@");
            assertThat(r.hasStackTrace()).isFalse();
        }
        assertThat(Cli.run("trials", "--store", "memory:", "--study", "s").err()).contains("no study named 's'");
        Cli missing = Cli.run("studies", "--store", "sqlite:" + dir.resolve("typo.db"));
        assertThat(missing.err()).isEqualTo("hyperopt: no such store file: " + dir.resolve("typo.db") + System.lineSeparator());
        assertThat(dir.resolve("typo.db")).doesNotExist();
    }

    @Test
    void workersNeedASharedStore() throws Exception {
        Path f = space("w.hspace", "space = {x: uniform(-1, 1)}\n");
        Cli r = Cli.run("tune", f.toString(), "--objective-cmd", "cat", "--workers", "--store", "memory:");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("workers need a shared store");
    }
}
