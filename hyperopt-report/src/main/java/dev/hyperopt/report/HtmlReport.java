package dev.hyperopt.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hyperopt.dsl.ir.Choice;
import dev.hyperopt.dsl.ir.ChoiceKind;
import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.engine.api.Intermediate;
import dev.hyperopt.engine.api.Trial;
import dev.hyperopt.engine.run.Result;
import dev.hyperopt.engine.store.StudyInfo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A study as one self-contained HTML file: the optimization history, the learning curves of
 * trials that reported intermediate values (pruned ones told apart), one panel per
 * hyperparameter, hyperparameter importance ({@link ForestImportance}), parallel coordinates
 * of the best trials and a sortable table of every trial with its failure reason. The page
 * draws itself with inline script into SVG; it loads nothing from the network, so it can be
 * mailed, archived or opened offline.
 *
 * <pre>{@code
 * Result r = Hyperopt.minimize(space, objective).maxEvals(100).run();
 * HtmlReport.of(r, space).write(Path.of("report.html"));
 * }</pre>
 *
 * @param space the study's space, or null: axis scales and categories are then guessed from the labels
 * @param seed  the study's seed, or null when unknown
 */
public record HtmlReport(String study, String algorithm, Long seed, SearchSpace space, List<Trial> trials, Instant generated) {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Failure reasons longer than this are cut in the page; the store keeps them whole. */
    static final int MAX_ERROR = 2000;

    public HtmlReport {
        Objects.requireNonNull(study, "study");
        Objects.requireNonNull(generated, "generated");
        List<Trial> sorted = new ArrayList<>(trials);
        sorted.sort(Comparator.comparingLong(Trial::number));
        trials = List.copyOf(sorted);
    }

    /** The report of a finished run. */
    public static HtmlReport of(Result result, SearchSpace space) {
        return of(result.study(), space, result.trials());
    }

    /** The report of a study read from a store. */
    public static HtmlReport of(StudyInfo study, SearchSpace space, List<Trial> trials) {
        return new HtmlReport(study.name(), study.algorithm(), study.seed(), space, trials, Clock.systemUTC().instant());
    }

    /**
     * The data the page draws, as a JSON-ready map (columns of equal length, one entry per trial).
     * {@code intermediate} is null when no trial reported a value; otherwise it holds, per trial,
     * null or its reported values as one flat list {@code [step, value, step, value, ...]}.
     */
    public Map<String, Object> data() {
        int n = trials.size();
        List<ParamColumn> columns = ParamColumn.of(space, trials);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("study", study);
        d.put("algorithm", algorithm);
        d.put("seed", seed);
        d.put("generated", generated.truncatedTo(ChronoUnit.SECONDS).toString());
        d.put("spaceGiven", space != null);
        List<Long> number = new ArrayList<>(n);
        List<String> state = new ArrayList<>(n);
        List<Double> loss = new ArrayList<>(n);
        List<Long> millis = new ArrayList<>(n);
        List<Long> started = new ArrayList<>(n);
        List<String> error = new ArrayList<>(n);
        List<List<Number>> intermediate = new ArrayList<>(n);
        boolean reported = false;
        Trial best = null;
        int bestIndex = -1;
        for (int i = 0; i < n; i++) {
            Trial t = trials.get(i);
            number.add(t.number());
            state.add(t.state().id());
            loss.add(t.isOk() ? t.loss() : null);
            millis.add(t.finished() == null ? null : Duration.between(t.started(), t.finished()).toMillis());
            started.add(t.started().toEpochMilli());
            String e = t.error();
            error.add(e == null || e.length() <= MAX_ERROR ? e : e.substring(0, MAX_ERROR) + "\u2026");
            intermediate.add(flat(t.intermediate()));
            reported |= !t.intermediate().isEmpty();
            if (t.isOk() && (best == null || t.loss() < best.loss())) {
                best = t;
                bestIndex = i;
            }
        }
        d.put("number", number);
        d.put("state", state);
        d.put("loss", loss);
        d.put("millis", millis);
        d.put("started", started);
        d.put("error", error);
        // A study without reports carries no column of nulls.
        d.put("intermediate", reported ? intermediate : null);
        List<Map<String, Object>> params = new ArrayList<>();
        for (ParamColumn c : columns) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("label", c.label());
            p.put("kind", c.kind());
            p.put("log", c.log());
            p.put("prior", c.prior());
            p.put("categories", c.categories());
            p.put("guessed", c.guessed());
            // Named choices (choice { a: ..., b: ... }) get a plot of the loss by branch.
            p.put("named", space != null && !c.guessed() && space.byLabel(c.label()) instanceof Choice ch && ch.kind() == ChoiceKind.NAMED);
            double[] v = c.values();
            List<Object> values = new ArrayList<>(n);
            boolean integral = !c.kind().equals("float");
            for (double x : v) values.add(Double.isNaN(x) ? null : integral ? (Object) (long) x : (Object) x);
            p.put("values", values);
            params.add(p);
        }
        d.put("params", params);
        d.put("importance", importance(columns));
        if (best != null) {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("index", bestIndex);
            b.put("trial", best.number());
            b.put("loss", best.loss());
            b.put("config", best.config() == null ? null : best.config().value());
            b.put("labels", best.labels());
            d.put("best", b);
        } else {
            d.put("best", null);
        }
        return d;
    }

    /** Reported values as {@code [step, value, ...]}: half the size of a list of objects, and as exact. */
    private static List<Number> flat(List<Intermediate> values) {
        if (values.isEmpty()) return null;
        List<Number> out = new ArrayList<>(values.size() * 2);
        for (Intermediate v : values) {
            out.add(v.step());
            out.add(v.value());
        }
        return out;
    }

    private Map<String, Object> importance(List<ParamColumn> columns) {
        List<Integer> ok = new ArrayList<>();
        for (int i = 0; i < trials.size(); i++) if (trials.get(i).isOk()) ok.add(i);
        double[][] x = new double[ok.size()][columns.size()];
        double[] y = new double[ok.size()];
        List<double[]> cols = new ArrayList<>();
        for (ParamColumn c : columns) cols.add(c.values());
        for (int r = 0; r < ok.size(); r++) {
            int i = ok.get(r);
            y[r] = trials.get(i).loss();
            for (int j = 0; j < columns.size(); j++) x[r][j] = cols.get(j)[i];
        }
        ForestImportance forest = new ForestImportance();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", forest.method() + "; a choice is shuffled together with the hyperparameters of its branches, "
                + "which are ranked again among the trials that took their branch");
        m.put("trials", ok.size());
        m.put("min", ForestImportance.MIN_TRIALS);
        List<ConditionalImportance.Entry> ranking = columns.isEmpty() ? null
                : new ConditionalImportance(forest, columns.get(0).guessed() ? null : space, x, y).rank();
        if (ranking == null) {
            m.put("values", null);
            m.put("ranking", null);
        } else {
            List<Double> v = new ArrayList<>();
            for (double d : ConditionalImportance.flatten(ranking, columns.size(), ok.size())) v.add(d);
            m.put("values", v);
            m.put("ranking", entries(ranking));
        }
        return m;
    }

    /** The ranking as JSON: {@code [{column, importance, branches: [{option, name, trials, entries}]}]}. */
    private static List<Map<String, Object>> entries(List<ConditionalImportance.Entry> ranking) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ConditionalImportance.Entry e : ranking) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("column", e.column());
            m.put("importance", e.importance());
            List<Map<String, Object>> branches = new ArrayList<>();
            for (ConditionalImportance.Branch b : e.branches()) {
                Map<String, Object> bm = new LinkedHashMap<>();
                bm.put("option", b.option());
                bm.put("name", b.name());
                bm.put("trials", b.trials());
                bm.put("entries", entries(b.entries()));
                branches.add(bm);
            }
            m.put("branches", branches);
            out.add(m);
        }
        return out;
    }

    /** The whole page. */
    public String html() {
        String json;
        try {
            json = MAPPER.writeValueAsString(data());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("report data is not JSON", e);
        }
        // Inside <script>, "</script" or "<!--" in a string would end or confuse the block; \u003c keeps the JSON equal.
        json = json.replace("<", "\\u003c");
        return resource("report.html")
                .replace("{{TITLE}}", escape("hyperopt report: " + study))
                .replace("{{STYLE}}", resource("report.css"))
                .replace("{{SCRIPT}}", resource("report.js"))
                .replace("{{DATA}}", json);
    }

    /** Writes the page to {@code file} in one step: a reader never sees half a report. */
    public void write(Path file) throws IOException {
        Path abs = file.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir != null) Files.createDirectories(dir);
        // A sibling created like any new file (so with the usual permissions, unlike a temp file's 0600).
        Path tmp = abs.resolveSibling("." + abs.getFileName() + "." + ProcessHandle.current().pid() + "." + System.nanoTime() + ".tmp");
        try {
            Files.writeString(tmp, html(), StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("resource " + name + " is missing from the report module");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
