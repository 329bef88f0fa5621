package dev.hyperopt.report;

import dev.hyperopt.engine.run.Result;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Opens reports in headless Chromium: the scripts ran without an error (the page's own
 * error hook and the browser's console log are both checked), every plot was drawn into
 * the DOM, and the screenshot shows plots rather than a blank page. The pages and
 * screenshots stay under {@code target/report-test} to look at.
 */
@Timeout(300)
class ReportBrowserTest {
    static final Path OUT = Path.of(System.getProperty("report.outputDirectory", "target/report-test"));
    static Chromium chromium;

    @BeforeAll
    static void browser() throws IOException {
        chromium = Chromium.require();
        Files.createDirectories(OUT);
    }

    private static int count(String html, String needle) {
        int n = 0;
        for (int i = html.indexOf(needle); i >= 0; i = html.indexOf(needle, i + needle.length())) n++;
        return n;
    }

    private static String rendered(Path page, String fragment) throws Exception {
        String url = page.toAbsolutePath().toUri() + (fragment == null ? "" : fragment);
        Chromium.Run run = chromium.dumpDom(url, OUT);
        assertThat(run.exit()).as("chromium exit status; stderr:\n%s", run.err()).isZero();
        assertThat(Chromium.consoleMessages(run.err())).as("console output of the page").isEmpty();
        String dom = run.out();
        assertThat(dom).as("the scripts ran to the end").contains("data-rendered=\"true\"");
        assertThat(dom).doesNotContain("data-errors=");
        return dom;
    }

    @Test
    void aSmallStudyDrawsEveryPlot() throws Exception {
        Result r = Studies.run(12, "rand", 11, 4);
        Path page = OUT.resolve("small.html");
        HtmlReport.of(r, Studies.space()).write(page);
        String dom = rendered(page, null);
        assertThat(dom).contains("id=\"history-svg\"", "class=\"best-line\"", "class=\"fail-mark\"");
        assertThat(count(dom, "class=\"param-svg\"")).isEqualTo(6);
        assertThat(count(dom, "class=\"bar\"")).isEqualTo(6);
        assertThat(dom).contains("id=\"parallel-svg\"");
        assertThat(count(dom, "<tr data-trial=")).isEqualTo(12);
        assertThat(dom).contains("out of memory in trial 3", "<span class=\"status fail\">fail</span>");
        assertThat(dom).contains("class=\"best\"");

        Path png = OUT.resolve("small.png");
        Chromium.Run shot = chromium.screenshot(page, png, 1280, 2400, OUT);
        assertThat(shot.exit()).as(shot.err()).isZero();
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(1280);
        int inked = 0;
        int orange = 0;
        int blue = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                int red = rgb >> 16 & 0xff;
                int green = rgb >> 8 & 0xff;
                int b = rgb & 0xff;
                if (red < 235 || green < 235 || b < 235) inked++;
                if (red > 190 && green < 110 && b < 60) orange++;   // the best-so-far line and best-trial rings
                if (b > 150 && red < 110) blue++;                 // trial dots and importance bars
            }
        }
        double share = inked / (double) (img.getWidth() * img.getHeight());
        assertThat(share).as("share of non-background pixels").isBetween(0.03, 0.6);
        assertThat(orange).as("pixels of the best-so-far line").isGreaterThan(200);
        assertThat(blue).as("pixels of dots and bars").isGreaterThan(500);
    }

    @Test
    void theTableSortsAndFiltersFromTheLink() throws Exception {
        Result r = Studies.run(40, "rand", 12, 5);
        Path page = OUT.resolve("filtered.html");
        HtmlReport.of(r, Studies.space()).write(page);
        String dom = rendered(page, "#filter=ok&sort=loss&dir=desc");
        Matcher m = Pattern.compile("<tr data-trial=\"(\\d+)\"").matcher(dom);
        java.util.List<Double> shown = new java.util.ArrayList<>();
        while (m.find()) {
            long trial = Long.parseLong(m.group(1));
            var t = r.trials().get((int) trial);
            assertThat(t.isOk()).as("trial %d is ok", trial).isTrue();
            shown.add(t.loss());
        }
        assertThat(shown).hasSize((int) r.trials().stream().filter(t -> t.isOk()).count());
        assertThat(shown).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }

    @Test
    void tenThousandTrialsRenderOnePageOfTheTable() throws Exception {
        long t0 = System.nanoTime();
        Result r = Studies.run(10_000, "rand", 13, 50);
        long runMs = (System.nanoTime() - t0) / 1_000_000;
        Path page = OUT.resolve("large.html");
        t0 = System.nanoTime();
        HtmlReport.of(r, Studies.space()).write(page);
        long writeMs = (System.nanoTime() - t0) / 1_000_000;
        long bytes = Files.size(page);
        Chromium.Run run = chromium.dumpDom(page, OUT);
        assertThat(run.exit()).isZero();
        assertThat(Chromium.consoleMessages(run.err())).isEmpty();
        String dom = run.out();
        assertThat(dom).contains("data-rendered=\"true\"").doesNotContain("data-errors=");
        Matcher ms = Pattern.compile("data-render-ms=\"([0-9.]+)\"").matcher(dom);
        assertThat(ms.find()).isTrue();
        double renderMs = Double.parseDouble(ms.group(1));
        assertThat(count(dom, "<tr data-trial=")).as("one page of the table").isEqualTo(50);
        Path png = OUT.resolve("large.png");
        Chromium.Run shot = chromium.screenshot(page, png, 1280, 2400, OUT);
        assertThat(shot.exit()).isZero();
        Files.writeString(OUT.resolve("large.txt"), String.format(
                "trials 10000%nrun (rand, in-memory) ms %d%nwrite report ms %d%nfile bytes %d%nscript render ms %.1f%n"
                        + "chromium --dump-dom wall ms %d%nchromium --screenshot wall ms %d%n",
                runMs, writeMs, bytes, renderMs, run.millis(), shot.millis()));
        assertThat(bytes).as("file size").isLessThan(8_000_000);
    }

    @Test
    void studiesWithoutOkTrialsOrWithoutTrialsStillDraw() throws Exception {
        Result failed = dev.hyperopt.engine.run.Hyperopt.minimize(Studies.space(),
                ctx -> dev.hyperopt.engine.api.Outcome.fail("no GPU")).algorithm("rand").maxEvals(5).seed(1).study("broken").run();
        Path page = OUT.resolve("all-failed.html");
        HtmlReport.of(failed, Studies.space()).write(page);
        String dom = rendered(page, null);
        assertThat(dom).contains("No trial finished ok.", "class=\"fail-mark\"", "Importance needs at least 8 trials", "no loss to plot against");
        assertThat(count(dom, "<td class=\"error\">no GPU</td>")).isEqualTo(5);

        Path empty = OUT.resolve("empty.html");
        new HtmlReport("empty", "tpe", null, Studies.space(), java.util.List.of(), java.time.Instant.EPOCH).write(empty);
        assertThat(rendered(empty, null)).contains("no trials", "No trial finished ok.");
    }
}
