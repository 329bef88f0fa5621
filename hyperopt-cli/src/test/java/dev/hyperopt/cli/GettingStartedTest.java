package dev.hyperopt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the first tune of docs/getting-started.md as a reader would: the space and the
 * Python objective are taken from the page, and the command is the page's.
 */
@Timeout(120)
class GettingStartedTest {
    static final Path PAGE = Path.of("..").toAbsolutePath().normalize().resolve("docs/getting-started.md");

    @TempDir
    Path dir;

    private static String block(String md, String language, String after) {
        int at = md.indexOf(after);
        assertThat(at).as("the page has '%s'", after).isGreaterThanOrEqualTo(0);
        Matcher m = Pattern.compile("^```" + language + "\\n(.*?)^```", Pattern.MULTILINE | Pattern.DOTALL).matcher(md);
        assertThat(m.find(at)).as("a %s block after '%s'", language, after).isTrue();
        return m.group(1);
    }

    @Test
    void theFirstTuneWorksAsThePageSays() throws Exception {
        TuneCommandTestSupport.require("python3");
        String md = Files.readString(PAGE);
        Path space = Files.writeString(dir.resolve("first.hspace"), block(md, "hspace", "Save this as `first.hspace`"));
        Path objective = Files.writeString(dir.resolve("objective.py"), block(md, "python", "Save\nthis as `objective.py`"));
        assertThat(md).contains("--objective-cmd \"python3 objective.py\" \\\n    --max-evals 50 --seed 1 --store memory: --report first.html");
        Path json = dir.resolve("r.json");
        Cli r = Cli.run("tune", space.toString(), "--objective-cmd", "python3 '" + objective + "'", "--max-evals", "50",
                "--seed", "1", "--store", "memory:", "--report", dir.resolve("first.html").toString(), "--json", json.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("study:   first (algo tpe, seed 1)\ntrials:  50 (ok ");
        JsonNode doc = new ObjectMapper().readTree(json.toFile());
        double lr = doc.get("best").get("config").get("lr").asDouble();
        assertThat(lr).as("the page says the best rate is close to 0.01").isBetween(0.003, 0.03);
        boolean failed = false;
        for (JsonNode t : doc.get("trials")) {
            if (t.get("status").asText().equals("fail")) {
                assertThat(t.get("error").asText()).isEqualTo("diverged");
                failed = true;
            }
        }
        assertThat(failed).as("some trials fail, as the page says").isTrue();
        assertThat(Files.readString(dir.resolve("first.html"))).contains("id=\"report-data\"");
    }
}
