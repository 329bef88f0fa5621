package dev.hyperopt.dashboard;

import dev.hyperopt.dsl.CompileResult;
import dev.hyperopt.dsl.HSpaceCompiler;
import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.engine.api.Trial;
import dev.hyperopt.engine.store.SharedTrialStore;
import dev.hyperopt.engine.store.SpaceFingerprint;
import dev.hyperopt.engine.store.StudyInfo;
import dev.hyperopt.engine.store.TrialStore;
import dev.hyperopt.report.HtmlReport;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the dashboard shows of a store, read afresh on every request: the studies with their
 * counts and best loss, a study's report, a study's version (which changes whenever a trial
 * starts or finishes), and the summaries and histories of studies to compare. Only reads.
 */
final class StudyViews {
    private final TrialStore store;
    /** Compiled spaces by fingerprint: a study's space never changes, and compiling it on every refresh is waste. */
    private final Map<String, Optional<SearchSpace>> spaces = new ConcurrentHashMap<>();

    StudyViews(TrialStore store) {
        this.store = store;
    }

    Optional<StudyInfo> study(String name) {
        return store.study(name);
    }

    /** One row a study, by name. */
    List<Map<String, Object>> studies() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (StudyInfo info : store.studies()) rows.add(summary(info, store.trials(info.name())));
        return rows;
    }

    /** A study's report page as {@code hyperopt report} would write it now, with the version of the trials it shows. */
    record Report(String html, Map<String, Object> version) {}

    Report report(StudyInfo info) {
        List<Trial> trials = store.trials(info.name());
        return new Report(HtmlReport.of(info, space(info), trials).html(), version(info, trials));
    }

    /** What changes whenever a trial of the study is added, reports a value or finishes. */
    Map<String, Object> version(StudyInfo info) {
        return version(info, store.trials(info.name()));
    }

    private static Map<String, Object> version(StudyInfo info, List<Trial> trials) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("study", info.name());
        m.put("trials", trials.size());
        long finished = 0;
        long reported = 0;
        Instant last = null;
        for (Trial t : trials) {
            if (t.isFinished()) finished++;
            reported += t.intermediate().size();
            if (t.finished() != null && (last == null || t.finished().isAfter(last))) last = t.finished();
        }
        m.put("finished", finished);
        m.put("reported", reported);
        m.put("lastFinished", last == null ? null : last.toString());
        m.put("version", trials.size() + "-" + finished + "-" + reported + "-" + (last == null ? 0 : last.toEpochMilli()));
        return m;
    }

    /** A study's summary with its history (trial numbers and losses of the ok trials) and its best trial's configuration. */
    Map<String, Object> compared(StudyInfo info) {
        List<Trial> trials = store.trials(info.name());
        Map<String, Object> m = summary(info, trials);
        List<Long> number = new ArrayList<>();
        List<Double> loss = new ArrayList<>();
        Trial best = null;
        for (Trial t : trials) {
            if (!t.isOk()) continue;
            number.add(t.number());
            loss.add(t.loss());
            if (best == null || t.loss() < best.loss()) best = t;
        }
        m.put("number", number);
        m.put("loss", loss);
        m.put("bestConfig", best == null || best.config() == null ? null : best.config().value());
        return m;
    }

    static Map<String, Object> summary(StudyInfo info, List<Trial> trials) {
        int ok = 0;
        int fail = 0;
        int pruned = 0;
        int running = 0;
        Trial best = null;
        Instant last = null;
        for (Trial t : trials) {
            switch (t.state()) {
                case OK -> ok++;
                case FAIL -> fail++;
                case PRUNED -> pruned++;
                case RUNNING -> running++;
            }
            if (t.isOk() && (best == null || t.loss() < best.loss())) best = t;
            if (t.finished() != null && (last == null || t.finished().isAfter(last))) last = t.finished();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("study", info.name());
        m.put("algorithm", info.algorithm());
        m.put("seed", info.seed());
        m.put("created", info.created().toString());
        m.put("trials", trials.size());
        m.put("ok", ok);
        m.put("fail", fail);
        m.put("pruned", pruned);
        m.put("running", running);
        m.put("bestTrial", best == null ? null : best.number());
        m.put("bestLoss", best == null ? null : best.loss());
        m.put("lastFinished", last == null ? null : last.toString());
        m.put("state", running > 0 ? "running" : trials.isEmpty() ? "empty" : "idle");
        return m;
    }

    /** The space the store recorded for the study, when it still compiles to the study's space; null otherwise (the report then guesses axes). */
    private SearchSpace space(StudyInfo info) {
        return spaces.computeIfAbsent(info.spaceFingerprint() + "\0" + info.name(), k -> {
            if (!(store instanceof SharedTrialStore shared)) return Optional.empty();
            Optional<String> text = shared.spaceText(info.name());
            if (text.isEmpty()) return Optional.empty();
            CompileResult r = new HSpaceCompiler().compile("study " + info.name(), text.get());
            if (!r.ok() || !SpaceFingerprint.of(r.space()).equals(info.spaceFingerprint())) return Optional.empty();
            return Optional.of(r.space());
        }).orElse(null);
    }
}
