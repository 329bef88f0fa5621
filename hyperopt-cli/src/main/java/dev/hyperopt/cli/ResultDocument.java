package dev.hyperopt.cli;

import dev.hyperopt.engine.api.Intermediate;
import dev.hyperopt.engine.api.Trial;
import dev.hyperopt.engine.run.Result;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The result document (printed with the mapper {@code sample} uses, so configs and labels
 * look the same in both) of {@code hyperopt tune --json FILE}, shaped exactly as the command-line
 * contract says: study, algo, seed, best (trial, loss, config, labels; null when no trial
 * finished ok) and every trial in order with its status (ok, fail or pruned), loss, config,
 * labels, attachments, reported intermediate values, start and finish times (UTC) and error.
 */
final class ResultDocument {
    private ResultDocument() {}

    static Map<String, Object> of(Result r) {
        return of(r.study().name(), r.algorithm(), r.seed(), r.trials(), r.best());
    }

    /** The document of a run, with what its refit measured ({@code "test": {"loss": 0.25}}) at the top level. */
    static Map<String, Object> of(Result r, Map<String, Object> measured) {
        Map<String, Object> doc = of(r);
        doc.putAll(measured);
        return doc;
    }

    /** The document of a study as a store holds it ({@code hyperopt trials --json}). */
    static Map<String, Object> of(String study, String algorithm, long seed, List<Trial> trials, Optional<Trial> best) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("study", study);
        doc.put("algo", algorithm);
        doc.put("seed", seed);
        if (best.isPresent()) {
            Trial b = best.get();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("trial", b.number());
            m.put("loss", b.loss());
            m.put("config", config(b));
            m.put("labels", b.labels());
            doc.put("best", m);
        } else {
            doc.put("best", null);
        }
        List<Map<String, Object>> list = new ArrayList<>();
        for (Trial t : trials) list.add(trial(t));
        doc.put("trials", list);
        return doc;
    }

    static Map<String, Object> trial(Trial t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("trial", t.number());
        m.put("status", t.state().id());
        m.put("loss", t.isOk() ? t.loss() : null);
        m.put("config", config(t));
        m.put("labels", t.labels());
        m.put("attachments", t.attachments());
        m.put("intermediate", intermediate(t));
        m.put("started", time(t.started()));
        m.put("finished", time(t.finished()));
        m.put("error", t.error());
        return m;
    }

    /** The values the trial reported, as {@code [{"step": 1, "value": 1.2}, ...]}. */
    static List<Map<String, Object>> intermediate(Trial t) {
        List<Map<String, Object>> out = new ArrayList<>(t.intermediate().size());
        for (Intermediate v : t.intermediate()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("step", v.step());
            m.put("value", v.value());
            out.add(m);
        }
        return out;
    }

    private static Object config(Trial t) {
        return t.config() == null ? null : t.config().value();
    }

    static String time(Instant i) {
        return i == null ? null : i.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    /** Writes the document to {@code file} when one is given (--json); a failure is the user's one line. */
    static void writeIfAsked(Result r, Map<String, Object> measured, Path file) {
        if (file == null) return;
        try {
            write(of(r, measured), file);
        } catch (IOException e) {
            throw new UserError("cannot write " + file + ": " + UserError.describe(e));
        }
    }

    static void write(Map<String, Object> doc, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, ".hyperopt-result", ".json");
        try {
            Json.PRETTY.writeValue(tmp.toFile(), doc);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** One line of compact JSON, for summaries. */
    static String compact(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            return String.valueOf(value);
        }
    }
}
