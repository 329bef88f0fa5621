package dev.hyperopt.report;

import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.engine.api.Intermediate;
import dev.hyperopt.engine.api.Trial;
import dev.hyperopt.engine.api.TrialState;
import dev.hyperopt.engine.run.Result;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /** The element with this id, from its opening tag to the matching close of its kind (plots do not nest svg). */
    private static String element(String dom, String id, String tag) {
        int start = dom.indexOf("id=\"" + id + "\"");
        assertThat(start).as("element #%s", id).isGreaterThanOrEqualTo(0);
        int end = dom.indexOf("</" + tag + ">", start);
        return dom.substring(start, end);
    }

    private static final Pattern CURVE = Pattern.compile("<path d=\"([^\"]*)\" class=\"(curve [^\"]*)\"(?: stroke=\"[^\"]*\")? data-trial=\"(\\d+)\"");

    /** Curve paths in the learning-curve plot: trial number to {class, path data}. */
    private static Map<Long, String[]> curves(String dom) {
        Map<Long, String[]> out = new LinkedHashMap<>();
        Matcher m = CURVE.matcher(element(dom, "curves-svg", "svg"));
        while (m.find()) {
            String[] was = out.put(Long.parseLong(m.group(3)), new String[] {m.group(2), m.group(1)});
            assertThat(was).as("one path for trial %s", m.group(3)).isNull();
        }
        return out;
    }

    /** The points of a path of M, L and implicit line-to segments: "M1 2L3 4 5 6". */
    private static List<double[]> points(String d) {
        List<double[]> out = new ArrayList<>();
        String[] nums = d.replace("h0", "").replaceAll("[ML]", " ").trim().split("\\s+");
        for (int i = 0; i + 1 < nums.length; i += 2) out.add(new double[] {Double.parseDouble(nums[i]), Double.parseDouble(nums[i + 1])});
        return out;
    }

    /** The centres of the crosses in each path of this class, path by path: each cross is "M x-s y-s l 2s 2s M x+s y-s l -2s 2s". */
    private static List<List<double[]>> crosses(String svg, String cls) {
        List<List<double[]>> out = new ArrayList<>();
        Matcher m = Pattern.compile("<path d=\"([^\"]*)\" class=\"" + cls + "\"").matcher(svg);
        Pattern move = Pattern.compile("M(-?[0-9.]+) (-?[0-9.]+)l");
        while (m.find()) {
            List<double[]> centres = new ArrayList<>();
            Matcher mv = move.matcher(m.group(1));
            while (mv.find()) {
                double x1 = Double.parseDouble(mv.group(1));
                double y1 = Double.parseDouble(mv.group(2));
                assertThat(mv.find()).as("a cross has two strokes").isTrue();
                double half = (Double.parseDouble(mv.group(1)) - x1) / 2;
                centres.add(new double[] {x1 + half, y1 + half});
            }
            out.add(centres);
        }
        return out;
    }

    /** What the script drew: the page's main part, without the script's own text. */
    private static String drawn(String dom) {
        int start = dom.indexOf("<main>");
        int end = dom.indexOf("</main>");
        assertThat(start).isGreaterThanOrEqualTo(0);
        return dom.substring(start, end);
    }

    /** The page's own account of its first overlapping texts. */
    private static String overlaps(String dom) {
        Matcher m = Pattern.compile("data-text-overlaps-first=\"([^\"]*)\"").matcher(dom);
        return m.find() ? m.group(1).replace("&quot;", "\"") : "none";
    }

    private static String subtitle(String dom) {
        Matcher m = Pattern.compile("id=\"subtitle\"[^>]*>([^<]*)<").matcher(dom);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    /** The table's rows as trial number to the text of its cells (markup inside a cell dropped). */
    private static Map<Long, List<String>> rows(String dom) {
        Map<Long, List<String>> out = new LinkedHashMap<>();
        Matcher row = Pattern.compile("<tr data-trial=\"(\\d+)\"[^>]*>(.*?)</tr>", Pattern.DOTALL).matcher(dom);
        while (row.find()) {
            List<String> cells = new ArrayList<>();
            Matcher cell = Pattern.compile("<td[^>]*>(.*?)</td>", Pattern.DOTALL).matcher(row.group(2));
            while (cell.find()) cells.add(cell.group(1).replaceAll("<[^>]+>", ""));
            out.put(Long.parseLong(row.group(1)), cells);
        }
        return out;
    }

    private static long count(List<Trial> trials, TrialState state) {
        return trials.stream().filter(t -> t.state() == state).count();
    }

    @Test
    void learningCurvesShowEveryReportingTrialAndTellPrunedOnesApart() throws Exception {
        // ok trials with 15 values, every third pruned after 1 to 4, trial 7 failed after 3, trial 9 ok without reports.
        Studies.Stored s = Studies.withCurves("curves", 16, 21, n -> n == 7 ? new Studies.Fate(TrialState.FAIL, 3)
                : n == 9 ? new Studies.Fate(TrialState.OK, 0)
                : n % 3 == 2 ? new Studies.Fate(TrialState.PRUNED, 1 + (int) (n / 3) % 4)
                : new Studies.Fate(TrialState.OK, 15));
        List<Trial> trials = s.trials();
        long ok = count(trials, TrialState.OK);
        long failed = count(trials, TrialState.FAIL);
        long pruned = count(trials, TrialState.PRUNED);
        assertThat(pruned).isEqualTo(5);
        Path page = OUT.resolve("curves.html");
        s.report().write(page);
        String dom = rendered(page, null);

        assertThat(subtitle(dom)).contains("16 trials (" + ok + " ok, " + failed + " failed, " + pruned + " pruned)");

        // One path per reporting trial, styled by how it ended, through one point per reported value.
        Map<Long, String[]> curves = curves(dom);
        Trial best = trials.stream().filter(Trial::isOk).min(java.util.Comparator.comparingDouble(Trial::loss)).orElseThrow();
        assertThat(curves.keySet()).containsExactlyInAnyOrderElementsOf(
                trials.stream().filter(t -> !t.intermediate().isEmpty()).map(Trial::number).toList());
        assertThat(best.intermediate()).as("the best trial reported values").isNotEmpty();
        List<double[]> prunedEnds = new ArrayList<>();
        for (Trial t : trials) {
            String[] c = curves.get(t.number());
            if (c == null) continue;
            String expected = switch (t.state()) {
                case PRUNED -> "curve pruned";
                case FAIL -> "curve fail";
                default -> t.number() == best.number() ? "curve ok best-curve" : "curve ok";
            };
            assertThat(c[0]).as("class of trial %d's curve", t.number()).isEqualTo(expected);
            List<double[]> pts = points(c[1]);
            assertThat(pts).as("points of trial %d", t.number()).hasSize(t.intermediate().size());
            if (t.state() == TrialState.PRUNED) prunedEnds.add(pts.get(pts.size() - 1));
        }
        // Later steps lie to the right, lower values (towards the loss) lower on the plot.
        List<double[]> okPts = points(curves.get(0L)[1]);
        assertThat(okPts.get(14)[0]).isGreaterThan(okPts.get(0)[0]);
        assertThat(okPts.get(14)[1]).isGreaterThan(okPts.get(0)[1]);
        // Each pruned curve ends in a cross where it stopped; the legend has one more.
        String curveSvg = element(dom, "curves-svg", "svg");
        List<List<double[]>> marks = crosses(curveSvg, "pruned-mark");
        assertThat(marks).hasSize(2);
        assertThat(marks.get(0)).hasSize((int) pruned);
        for (double[] end : prunedEnds) {
            assertThat(marks.get(0)).as("a cross at the end of a pruned curve").anySatisfy(c -> {
                assertThat(c[0]).isCloseTo(end[0], org.assertj.core.api.Assertions.within(0.05));
                assertThat(c[1]).isCloseTo(end[1], org.assertj.core.api.Assertions.within(0.05));
            });
        }
        assertThat(crosses(curveSvg, "fail-mark").get(0)).hasSize(1);
        assertThat(element(dom, "curves-caption", "p")).contains(pruned + " pruned", "pruned trials are thin grey lines");

        // The history puts pruned trials on a strip of their own, with a legend entry.
        String history = element(dom, "history-svg", "svg");
        List<List<double[]>> stops = crosses(history, "pruned-mark");
        assertThat(stops).hasSize(2);
        assertThat(stops.get(0)).hasSize((int) pruned);
        assertThat(history).contains(">pruned<", ">pruned trial<");

        // The table: status pruned, how many values each trial reported and its last one.
        assertThat(drawn(dom)).contains("data-key=\"reports\"", "data-key=\"step\"", "data-key=\"value\"");
        Map<Long, List<String>> rows = rows(dom);
        assertThat(rows).hasSize(16);
        for (Trial t : trials) {
            List<String> cells = rows.get(t.number());
            assertThat(cells.get(1)).isEqualTo(t.state().id());
            assertThat(cells.get(3)).isEqualTo(String.valueOf(t.intermediate().size()));
            Intermediate last = t.lastIntermediate();
            if (last == null) {
                assertThat(cells.subList(4, 6)).containsOnly("\u2014");
            } else {
                assertThat(Long.parseLong(cells.get(4))).isEqualTo(last.step());
                assertThat(Double.parseDouble(cells.get(5))).isEqualTo(last.value());
            }
        }
        assertThat(count(dom, "<span class=\"status pruned\">pruned</span>")).isEqualTo((int) pruned);

        // A link can show the pruned trials alone, those that ran longest first.
        Map<Long, List<String>> onlyPruned = rows(rendered(page, "#filter=pruned&sort=step&dir=desc"));
        assertThat(onlyPruned.keySet()).containsExactlyInAnyOrderElementsOf(
                trials.stream().filter(t -> t.state() == TrialState.PRUNED).map(Trial::number).toList());
        assertThat(onlyPruned.values().stream().map(c -> Long.parseLong(c.get(4))).toList())
                .isSortedAccordingTo(java.util.Comparator.reverseOrder());

        Chromium.Run shot = chromium.screenshot(page, OUT.resolve("curves.png"), 1280, 1400, OUT);
        assertThat(shot.exit()).as(shot.err()).isZero();
    }

    @Test
    void pointingAtACurveNamesItsTrialStepAndValue() throws Exception {
        Studies.Stored s = Studies.withCurves("hover", 10, 23,
                n -> n % 3 == 1 ? new Studies.Fate(TrialState.PRUNED, 2 + (int) n % 2) : new Studies.Fate(TrialState.OK, 8));
        String probe;
        try (var in = ReportBrowserTest.class.getResourceAsStream("hover-probe.js")) {
            probe = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        Path page = OUT.resolve("curves-hover.html");
        Files.writeString(page, s.report().html().replace("</body>", "<script>\n" + probe + "\n</script>\n</body>"));
        Matcher m = Pattern.compile("<pre id=\"probe\">(.*?)</pre>", Pattern.DOTALL).matcher(rendered(page, null));
        assertThat(m.find()).as("the probe ran").isTrue();
        com.fasterxml.jackson.databind.JsonNode p = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(m.group(1).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\""));

        // The last point of the first pruned curve: its trial, step and value, and that curve highlighted.
        Trial t = s.trials().get(p.get("curve").get("trial").asInt());
        assertThat(t.state()).isEqualTo(TrialState.PRUNED);
        Intermediate last = t.lastIntermediate();
        String tip = p.get("curve").get("tooltip").asText();
        assertThat(tip).startsWith("trial " + t.number() + " (pruned)\nstep " + last.step() + ": ");
        assertThat(Double.parseDouble(tip.split("\n")[1].substring(("step " + last.step() + ": ").length())))
                .isCloseTo(last.value(), org.assertj.core.api.Assertions.withinPercentage(0.1));
        assertThat(tip).contains(t.intermediate().size() + " values reported, the last at step " + last.step());
        assertThat(p.get("curve").get("highlight").asText()).isEqualTo(p.get("curve").get("d").asText());
        assertThat(p.get("curve").get("highlightVisibility").asText()).isEqualTo("visible");
        assertThat(p.get("afterLeaving").get("tooltipHidden").asBoolean()).isTrue();
        assertThat(p.get("afterLeaving").get("highlightVisibility").asText()).isEqualTo("hidden");

        // The first cross on the history's pruned strip is the first pruned trial.
        Trial first = s.trials().stream().filter(x -> x.state() == TrialState.PRUNED).findFirst().orElseThrow();
        assertThat(p.get("history").asText()).startsWith("trial " + first.number() + " (pruned)\n"
                + first.intermediate().size() + " values reported, the last at step " + first.lastIntermediate().step());
    }

    @Test
    void aThousandCurvesOfFiftyStepsAreOnePathEach() throws Exception {
        // Four in five trials run 50 steps; the fifth is pruned somewhere between step 1 and 49.
        long t0 = System.nanoTime();
        Studies.Stored s = Studies.withCurves("many", 1000, 22,
                n -> n % 5 == 4 ? new Studies.Fate(TrialState.PRUNED, 1 + (int) (n / 5) % 49) : new Studies.Fate(TrialState.OK, 50));
        long buildMs = (System.nanoTime() - t0) / 1_000_000;
        Path page = OUT.resolve("curves-large.html");
        t0 = System.nanoTime();
        s.report().write(page);
        long writeMs = (System.nanoTime() - t0) / 1_000_000;
        long bytes = Files.size(page);
        Chromium.Run run = chromium.dumpDom(page, OUT);
        assertThat(run.exit()).isZero();
        assertThat(Chromium.consoleMessages(run.err())).isEmpty();
        String dom = run.out();
        assertThat(dom).contains("data-rendered=\"true\"").doesNotContain("data-errors=");
        Map<Long, String[]> curves = curves(dom);
        assertThat(curves).hasSize(1000);
        assertThat(curves.values().stream().filter(c -> c[0].equals("curve pruned")).count()).isEqualTo(200);
        Matcher ms = Pattern.compile("data-render-ms=\"([0-9.]+)\"").matcher(dom);
        assertThat(ms.find()).isTrue();
        Matcher curveMs = Pattern.compile("id=\"curves-svg\" data-render-ms=\"([0-9.]+)\"").matcher(dom);
        assertThat(curveMs.find()).isTrue();
        long points = s.trials().stream().mapToLong(t -> t.intermediate().size()).sum();
        Files.writeString(OUT.resolve("curves-large.txt"), String.format(
                "trials 1000%nreported values %d%nbuild study (memory store) ms %d%nwrite report ms %d%nfile bytes %d%n"
                        + "script render ms %s%nlearning-curve panel ms %s%nchromium --dump-dom wall ms %d%n",
                points, buildMs, writeMs, bytes, ms.group(1), curveMs.group(1), run.millis()));
        assertThat(bytes).as("file size").isLessThan(3_000_000);
    }

    @Test
    void aSmallStudyDrawsEveryPlot() throws Exception {
        Result r = Studies.run(12, "rand", 11, 4);
        Path page = OUT.resolve("small.html");
        HtmlReport.of(r, Studies.space()).write(page);
        String dom = rendered(page, null);
        assertThat(dom).contains("id=\"history-svg\"", "class=\"best-line\"", "class=\"fail-mark\"");
        assertThat(count(dom, "class=\"param-svg\"")).isEqualTo(6);
        // The four always-active hyperparameters are ranked; the optimizer's branches have too few trials of their own.
        assertThat(count(dom, "class=\"bar\"")).isEqualTo(4);
        assertThat(count(dom, "class=\"choice-svg\"")).as("one plot of the loss by branch, for the optimizer").isEqualTo(1);
        assertThat(dom).contains("id=\"parallel-svg\"");
        assertThat(count(dom, "<tr data-trial=")).isEqualTo(12);
        assertThat(dom).contains("out of memory in trial 3", "<span class=\"status fail\">fail</span>");
        assertThat(dom).contains("class=\"best\"");
        // Without reported values there is no learning-curve panel and no report columns.
        assertThat(drawn(dom)).doesNotContain("id=\"curves\"", "curves-svg", "data-key=\"reports\"", "pruned-mark");
        assertThat(subtitle(dom)).contains("12 trials (" + count(r.trials(), TrialState.OK) + " ok, "
                + count(r.trials(), TrialState.FAIL) + " failed, 0 pruned)");

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

    /** A model search's space, as Weka's is: a choice of learners with long, dotted labels, and a filter choice. */
    static final SearchSpace LEARNERS = new dev.hyperopt.dsl.HSpaceCompiler().compile("learners.hspace", """
            space = {
              preprocessing: choice { none: "none", normalize: { attribute_indices_to_normalize: uniform(0, 1) },
                                      principal_components: { variance_covered_by_components: uniform(0.5, 0.99) } },
              classifiers: { any_classifier: choice {
                random_forest: { number_of_trees_in_the_forest: quniform(10, 500, 1) as int, maximum_depth_of_each_tree: uniformint(0, 30) },
                logistic_regression_with_a_ridge_estimator: { ridge: loguniform(1e-9, 1) },
                support_vector_machine: { complexity_constant: loguniform(0.01, 100), kernel: choice { polynomial: { exponent: uniform(1, 3) },
                                                                                  radial_basis_function: { gamma: loguniform(1e-4, 1) } } },
                k_nearest_neighbours: { k: uniformint(1, 50), distance_weighting: choice("none", "inverse", "similarity") },
                naive_bayes: { use_kernel_density_estimator: choice(false, true) },
              } },
            }
            """).orThrow();

    /** The learner decides most of the loss, the forest's depth the rest among forests. */
    static double learnersLoss(dev.hyperopt.engine.api.Config c) {
        String learner = c.branch("classifiers.any_classifier");
        double base = switch (learner) {
            case "random_forest" -> 0.20 + 0.004 * Math.abs(c.getDouble("classifiers.any_classifier.random_forest.maximum_depth_of_each_tree") - 12);
            case "logistic_regression_with_a_ridge_estimator" -> 0.26;
            case "support_vector_machine" -> 0.24;
            case "k_nearest_neighbours" -> 0.31;
            default -> 0.35;
        };
        return base + 0.002 * Math.abs(Math.sin(c.hashCode()));
    }

    @Test
    void aModelSearchRanksTheLearnerChoiceAndShowsEveryLabelWithoutOverlapAtTwoWidths() throws Exception {
        Result r = dev.hyperopt.engine.run.Hyperopt.minimize(LEARNERS, ctx -> dev.hyperopt.engine.api.Outcome.ok(learnersLoss(ctx.config())))
                .algorithm("rand").maxEvals(150).seed(5).study("learners").run();
        Path page = OUT.resolve("learners.html");
        HtmlReport.of(r, LEARNERS).write(page);
        for (int width : new int[]{1400, 800}) {
            Chromium.Run run = chromium.dumpDom(page.toAbsolutePath().toUri().toString(), OUT, width, 3000);
            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(Chromium.consoleMessages(run.err())).as("console output at %d px", width).isEmpty();
            String dom = run.out();
            assertThat(dom).contains("data-rendered=\"true\"").doesNotContain("data-errors=");
            assertThat(dom).as("overlapping text at %d px: %s", width, overlaps(dom))
                    .contains("data-text-overlaps=\"0\"");
            String importance = element(dom, "importance-svg", "svg");
            // The choice of learner is ranked at the top level, first; the forest's hyperparameters under its branch.
            Matcher first = Pattern.compile("text-anchor=\"end\"[^>]*>([^<]+)</text>").matcher(importance);
            assertThat(first.find()).isTrue();
            assertThat(first.group(1)).isEqualTo("classifiers.any_classifier");
            assertThat(importance).contains("classifiers.any_classifier = random_forest", "maximum_depth_of_each_tree");
            // A shortened label keeps its whole on hover.
            assertThat(importance).doesNotContain("..assifiers");
            assertThat(count(dom, "class=\"choice-svg\"")).as("the learner, the filter and the kernel choices").isEqualTo(3);
            String choice = element(dom, "choices-plots", "div");
            assertThat(choice).contains("data-label=\"classifiers.any_classifier\"", ">random_forest<", " ok \u00b7 best ");
        }
        Chromium.Run shot = chromium.screenshot(page, OUT.resolve("learners-1400.png"), 1400, 3000, OUT);
        assertThat(shot.exit()).as(shot.err()).isZero();
        Chromium.Run narrow = chromium.screenshot(page, OUT.resolve("learners-800.png"), 800, 3000, OUT);
        assertThat(narrow.exit()).as(narrow.err()).isZero();
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
        assertThat(subtitle(dom)).contains("5 trials (0 ok, 5 failed, 0 pruned)");
        assertThat(drawn(dom)).doesNotContain("id=\"curves\"");

        Path empty = OUT.resolve("empty.html");
        new HtmlReport("empty", "tpe", null, Studies.space(), java.util.List.of(), java.time.Instant.EPOCH).write(empty);
        assertThat(rendered(empty, null)).contains("no trials", "No trial finished ok.");
    }
}
