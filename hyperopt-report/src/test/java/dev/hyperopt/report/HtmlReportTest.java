package dev.hyperopt.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hyperopt.engine.api.Intermediate;
import dev.hyperopt.engine.api.Trial;
import dev.hyperopt.engine.api.TrialState;
import dev.hyperopt.engine.run.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DATA = Pattern.compile("<script type=\"application/json\" id=\"report-data\">(.*?)</script>", Pattern.DOTALL);

    @TempDir
    Path dir;

    private static JsonNode embedded(String html) throws Exception {
        Matcher m = DATA.matcher(html);
        assertThat(m.find()).as("the page embeds its data").isTrue();
        return JSON.readTree(m.group(1));
    }

    @Test
    void thePageEmbedsEveryTrialAndHyperparameter() throws Exception {
        Result r = Studies.run(30, "rand", 5, 7);
        String html = HtmlReport.of(r, Studies.space()).html();
        JsonNode d = embedded(html);
        assertThat(d.get("study").asText()).isEqualTo("demo");
        assertThat(d.get("algorithm").asText()).isEqualTo("rand");
        assertThat(d.get("seed").asLong()).isEqualTo(5);
        assertThat(d.get("number")).hasSize(30);
        assertThat(d.get("spaceGiven").asBoolean()).isTrue();
        List<String> labels = d.get("params").findValuesAsText("label");
        assertThat(labels).containsExactly("lr", "units", "activation", "optimizer", "optimizer.sgd.momentum", "optimizer.adam.beta1");
        JsonNode lr = d.get("params").get(0);
        assertThat(lr.get("log").asBoolean()).isTrue();
        assertThat(lr.get("prior").asText()).isEqualTo("loguniform(1e-5, 0.1)");
        assertThat(d.get("params").get(1).get("log").asBoolean()).isFalse();
        JsonNode act = d.get("params").get(2);
        assertThat(act.get("kind").asText()).isEqualTo("categorical");
        assertThat(act.get("categories").toString()).isEqualTo("[\"relu\",\"tanh\",\"gelu\"]");
        assertThat(d.get("params").get(3).get("categories").toString()).isEqualTo("[\"sgd\",\"adam\"]");
        // A conditional hyperparameter is null exactly where its branch was not taken.
        for (int i = 0; i < 30; i++) {
            boolean sgd = d.get("params").get(3).get("values").get(i).asInt() == 0;
            assertThat(d.get("params").get(4).get("values").get(i).isNull()).isEqualTo(!sgd);
            assertThat(d.get("params").get(5).get("values").get(i).isNull()).isEqualTo(sgd);
        }
        // Failures have no loss and keep their reason; the best trial is the lowest loss.
        for (int i = 0; i < 30; i++) {
            Trial t = r.trials().get(i);
            assertThat(d.get("state").get(i).asText()).isEqualTo(t.state().id());
            assertThat(d.get("loss").get(i).isNull()).isEqualTo(!t.isOk());
            if (!t.isOk()) assertThat(d.get("error").get(i).asText()).isEqualTo(t.error());
        }
        assertThat(r.trials().get(6).isOk()).isFalse();
        assertThat(d.get("best").get("trial").asLong()).isEqualTo(r.best().orElseThrow().number());
        assertThat(d.get("best").get("loss").asDouble()).isEqualTo(r.best().orElseThrow().loss());
        assertThat(d.get("importance").get("values")).hasSize(6);
        assertThat(d.get("importance").get("method").asText()).contains("random-forest permutation importance");
    }

    @Test
    void reportedValuesAreEmbeddedPerTrialAsFlatStepValueLists() throws Exception {
        // ok with curves, pruned early, one failed after reporting, one ok that never reported, one still running.
        Studies.Stored s = Studies.withCurves("curves", 14, 3, n -> n == 5 ? new Studies.Fate(TrialState.FAIL, 2)
                : n == 6 ? new Studies.Fate(TrialState.OK, 0)
                : n == 13 ? new Studies.Fate(TrialState.RUNNING, 4)
                : n % 3 == 1 ? new Studies.Fate(TrialState.PRUNED, 1 + (int) n % 4)
                : new Studies.Fate(TrialState.OK, 12));
        String html = s.report().html();
        JsonNode d = embedded(html);
        JsonNode curves = d.get("intermediate");
        assertThat(curves).hasSize(14);
        for (int i = 0; i < 14; i++) {
            Trial t = s.trials().get(i);
            JsonNode c = curves.get(i);
            assertThat(d.get("state").get(i).asText()).isEqualTo(t.state().id());
            if (t.intermediate().isEmpty()) {
                assertThat(c.isNull()).as("trial %d reported nothing", i).isTrue();
                continue;
            }
            assertThat(c).as("trial %d", i).hasSize(2 * t.intermediate().size());
            for (int k = 0; k < t.intermediate().size(); k++) {
                Intermediate v = t.intermediate().get(k);
                assertThat(c.get(2 * k).isIntegralNumber()).isTrue();
                assertThat(c.get(2 * k).asLong()).isEqualTo(v.step());
                assertThat(c.get(2 * k + 1).asDouble()).as("exact value").isEqualTo(v.value());
            }
        }
        assertThat(s.trials().get(4).state()).isEqualTo(TrialState.PRUNED);
        assertThat(d.get("state").get(4).asText()).isEqualTo("pruned");
        assertThat(d.get("loss").get(4).isNull()).isTrue();
        assertThat(d.get("error").get(4).isNull()).as("a pruned trial has no failure reason").isTrue();
        assertThat(curves.get(4)).hasSize(2 * (1 + 4 % 4));
        assertThat(d.get("error").get(5).asText()).isEqualTo("diverged after step 2");
        // An ok trial ends with its last reported value; the best is still the lowest loss.
        assertThat(d.get("loss").get(0).asDouble()).isEqualTo(s.trials().get(0).lastIntermediate().value());
        Trial best = s.trials().stream().filter(Trial::isOk).min(java.util.Comparator.comparingDouble(Trial::loss)).orElseThrow();
        assertThat(d.get("best").get("trial").asLong()).isEqualTo(best.number());
        // The page has the panel for the script to fill (or to take out when no trial reported).
        assertThat(html).contains("<section id=\"curves\">", "id=\"curves-plot\"", "id=\"curves-caption\"");
    }

    @Test
    void aStudyWithoutReportsCarriesNoColumnOfNulls() throws Exception {
        JsonNode d = embedded(HtmlReport.of(Studies.run(20, "rand", 8, 4), Studies.space()).html());
        assertThat(d.has("intermediate")).isTrue();
        assertThat(d.get("intermediate").isNull()).isTrue();
        JsonNode empty = embedded(new HtmlReport("empty", "tpe", null, Studies.space(), List.of(), Instant.EPOCH).html());
        assertThat(empty.get("intermediate").isNull()).isTrue();
    }

    @Test
    void theLearningRateIsTheMostImportant() throws Exception {
        JsonNode d = embedded(HtmlReport.of(Studies.run(200, "rand", 2, 0), Studies.space()).html());
        JsonNode imp = d.get("importance").get("values");
        for (int j = 1; j < imp.size(); j++) assertThat(imp.get(0).asDouble()).as("lr against %s", j).isGreaterThan(imp.get(j).asDouble());
    }

    @Test
    void nothingIsLoadedFromTheNetworkAndMarkupInDataCannotEscape() throws Exception {
        Result r = Studies.run(12, "rand", 3, 0);
        String html = new HtmlReport("</script><script>alert(1)</script>", "rand", 3L, Studies.space(), r.trials(), Instant.EPOCH).html();
        assertThat(html).doesNotContain("<script src", "<link", "@import", "url(", "fetch(", "XMLHttpRequest", "<img", "<iframe");
        assertThat(html).doesNotContain("<script>alert(1)");
        assertThat(html).contains("<title>hyperopt report: &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>");
        assertThat(embedded(html).get("study").asText()).isEqualTo("</script><script>alert(1)</script>");
    }

    @Test
    void withoutTheSpaceScalesAndCategoriesAreGuessedFromLabels() throws Exception {
        Result r = Studies.run(40, "rand", 4, 0);
        JsonNode d = embedded(HtmlReport.of(r.study(), null, r.trials()).html());
        assertThat(d.get("spaceGiven").asBoolean()).isFalse();
        JsonNode params = d.get("params");
        JsonNode lr = null;
        JsonNode opt = null;
        for (JsonNode p : params) {
            if (p.get("label").asText().equals("lr")) lr = p;
            if (p.get("label").asText().equals("optimizer")) opt = p;
        }
        assertThat(lr.get("log").asBoolean()).as("four decades of positive values").isTrue();
        assertThat(lr.get("guessed").asBoolean()).isTrue();
        assertThat(opt.get("kind").asText()).isEqualTo("categorical");
        assertThat(opt.get("categories")).hasSize(2);
    }

    @Test
    void anEmptyStudyStillMakesAPage() throws Exception {
        String html = new HtmlReport("empty", "tpe", null, Studies.space(), List.of(), Instant.EPOCH).html();
        JsonNode d = embedded(html);
        assertThat(d.get("number")).isEmpty();
        assertThat(d.get("best").isNull()).isTrue();
        assertThat(d.get("importance").get("values").isNull()).isTrue();
    }

    @Test
    void writeReplacesTheFileInOneStep() throws Exception {
        Path out = dir.resolve("sub/report.html");
        HtmlReport.of(Studies.run(5, "rand", 1, 0), Studies.space()).write(out);
        assertThat(Files.readString(out)).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
        try (var s = Files.list(out.getParent())) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactly("report.html");
        }
    }
}
