package dev.hyperopt.cli;

import dev.hyperopt.dsl.ir.Num;
import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.engine.api.Objective;
import dev.hyperopt.engine.api.Trial;
import dev.hyperopt.engine.api.TrialState;
import dev.hyperopt.engine.inject.Engine;
import dev.hyperopt.engine.api.Durations;
import dev.hyperopt.engine.run.Hyperopt;
import dev.hyperopt.engine.run.Minimize;
import dev.hyperopt.engine.run.Result;
import dev.hyperopt.engine.run.StopSignal;
import dev.hyperopt.engine.sample.Sampler;
import dev.hyperopt.engine.store.SharedTrialStore;
import dev.hyperopt.engine.store.StoreException;
import dev.hyperopt.engine.store.StudyInfo;
import dev.hyperopt.engine.store.TrialStore;
import dev.hyperopt.engine.worker.QueuedObjective;
import dev.hyperopt.engine.worker.StoreWorker;
import dev.hyperopt.report.HtmlReport;

import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * One search as every tune command runs it: the study opened (or resumed) in the store, the
 * trials evaluated here or queued for workers, Ctrl-C honoured, progress shown, then the
 * result document, the report and the summary. The commands differ only in the space, the
 * objective and what they do with the best trial.
 */
final class StudyRun implements AutoCloseable {
    /** The settings key of the study's pruner, which workers make again. */
    static final String PRUNER = "pruner";
    /** How often a run with workers looks for their results. */
    private static final Duration WORKER_POLL = Duration.ofMillis(20);

    private final TuneOptions options;
    private final TuneOptions.Values values;
    private final Engine engine;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Interruption interruption;
    private final boolean algoGiven;

    StudyRun(TuneOptions options, Engine engine, CommandSpec command) {
        this.options = options;
        this.engine = engine;
        this.values = options.values(engine);
        this.out = command.commandLine().getOut();
        this.err = command.commandLine().getErr();
        this.algoGiven = command.commandLine().getParseResult().hasMatchedOption("--algo");
        this.interruption = new Interruption();
    }

    TuneOptions.Values values() {
        return values;
    }

    /** Whether the user stopped the run (Ctrl-C, kill): what finished is kept, nothing more is done. */
    boolean stopped() {
        return interruption.isRequested();
    }

    /**
     * Runs the search.
     *
     * @param objective  evaluates trials here; unused with {@code --workers}
     * @param settings   what a worker needs to make the objective on its machine
     * @param sampler    wraps the sampler {@code --algo} names (identity for most)
     * @param trialLines a line per finished trial instead of a progress bar
     * @param knownGood  the family's known-good configurations, evaluated first (after those of {@code --enqueue})
     */
    Result run(SearchSpace space, String defaultStudy, Objective objective, Map<String, String> settings,
               UnaryOperator<Sampler> sampler, boolean trialLines, List<Map<String, Object>> knownGood) {
        String studyName = options.study != null ? options.study : defaultStudy;
        List<Map<String, Object>> enqueued = new ArrayList<>();
        if (options.enqueue != null) enqueued.addAll(Configurations.read(options.enqueue, space));
        enqueued.addAll(knownGood);
        TrialStore store = openStore(engine, options.store);
        // Only a shared store keeps settings: what workers, and later runs, read of this one.
        SharedTrialStore shared = store instanceof SharedTrialStore s ? s : null;
        String algo = values.algo();
        StudyInfo info;
        try {
            if (options.workers) SharedTrialStore.of(store, options.store).handToWorkers();
            info = store.openStudy(studyName, space, algo, values.seed());
            // A resumed study goes on with its own algorithm unless --algo says otherwise.
            if (!algoGiven) algo = info.algorithm();
            if (shared != null) shared.updateSettings(studyName, studySettings(settings));
        } catch (StoreException e) {
            store.close();
            throw new UserError(UserError.describe(e));
        }
        if (!values.seedGiven() || info.seed() != values.seed()) {
            // A study keeps the seed it was created with.
            err.println("hyperopt: seed " + info.seed());
            err.flush();
        }
        StopSignal stop = interruption.signal();
        try (store; QueuedObjective queued = options.workers ? new QueuedObjective(shared, studyName, WORKER_POLL) : null) {
            Minimize run = Hyperopt.minimize(space, options.workers ? queued : objective).engine(engine);
            values.applyTo(run, options.workers);
            run.enqueue(enqueued);
            run.sampler(algo, sampler.apply(engine.sampler(algo))).store(store).study(studyName).stopSignal(stop);
            if (!options.quiet) {
                if (trialLines) run.listener(new TrialLines(err));
                else if (TuneProgress.onTerminal()) run.listener(new TuneProgress(System.err));
            }
            try {
                return run.run();
            } catch (StoreException e) {
                throw new UserError(UserError.describe(e));
            } finally {
                if (shared != null) markOver(shared, studyName);
            }
        }
    }

    private Map<String, String> studySettings(Map<String, String> objectiveSettings) {
        Map<String, String> m = new LinkedHashMap<>(objectiveSettings);
        m.put("trial_timeout", values.trialLimit() == null ? null : values.trialLimit().toMillis() + "ms");
        m.put("max_evals", Integer.toString(values.maxEvals()));
        m.put("parallel", Integer.toString(values.parallel()));
        m.put("workers", Boolean.toString(options.workers));
        m.put(PRUNER, values.pruner().toString());
        m.put(StoreWorker.RUN, StoreWorker.ACTIVE);
        return m;
    }

    private static void markOver(SharedTrialStore store, String study) {
        try {
            store.updateSettings(study, Map.of(StoreWorker.RUN, StoreWorker.OVER));
        } catch (StoreException e) {
            // the store is failing already; that error is the one reported
        }
    }

    /** The result document (with what a refit measured at its top level) and the report, where asked for. */
    void write(Result r, SearchSpace space, Map<String, Object> measured) {
        ResultDocument.writeIfAsked(r, measured, options.json);
        if (options.report != null) {
            try {
                HtmlReport.of(r, space).write(options.report);
            } catch (IOException e) {
                throw new UserError("cannot write " + options.report + ": " + UserError.describe(e));
            }
        }
    }

    /** The plain-text summary of the run; {@code loss} names what a loss is ({@code loss}, {@code validation error}). */
    void summary(Result r, String loss) {
        Map<TrialState, Integer> counts = r.counts();
        out.printf("study:   %s (algo %s, seed %d)%n", r.study().name(), r.algorithm(), r.seed());
        int pruned = counts.get(TrialState.PRUNED);
        out.printf("trials:  %d (ok %d, fail %d%s) in %s; stopped: %s%n", r.trials().size(), counts.get(TrialState.OK),
                counts.get(TrialState.FAIL), pruned > 0 ? ", pruned " + pruned : "", Durations.format(r.elapsed()),
                r.stopReason().description());
        if (r.best().isPresent()) {
            Trial b = r.best().get();
            out.printf("best:    trial %d, %s %s%n", b.number(), loss, Num.format(b.loss()));
            out.printf("config:  %s%n", ResultDocument.compact(b.config() == null ? null : b.config().value()));
            out.printf("labels:  %s%n", ResultDocument.compact(b.labels()));
        } else {
            out.println("best:    none (no trial finished ok)");
        }
        out.flush();
    }

    /** Where the result document and the report went, the summary's last lines. */
    void outputs() {
        if (options.json != null) out.printf("result:  %s%n", options.json);
        if (options.report != null) out.printf("report:  %s%n", options.report);
        out.flush();
    }

    /** The command is over: a Ctrl-C waiting on it may let the JVM exit. */
    @Override
    public void close() {
        interruption.close();
    }

    /** Opens a store for a command: a bad or unreachable URL is a one-line user error. */
    static TrialStore openStore(Engine engine, String url) {
        try {
            return engine.openStore(url);
        } catch (StoreException | IllegalArgumentException e) {
            throw new UserError(UserError.describe(e));
        }
    }

    /**
     * A run in which no trial finished ok is a failure (exit 1), as Hyperopt raises
     * {@code AllTrialsFailed}: the error names the reasons, most frequent first. Called once
     * the result is printed and written, which keep every trial. A run the user stopped
     * before any trial finished is not one.
     */
    void failIfNoTrialSucceeded(Result r) {
        if (r.best().isPresent() || stopped()) return;
        throw new UserError(noTrialSucceeded(r));
    }

    private static String noTrialSucceeded(Result r) {
        Map<String, Long> reasons = r.trials().stream().filter(t -> t.error() != null)
                .collect(Collectors.groupingBy(Trial::error, LinkedHashMap::new, Collectors.counting()));
        long pruned = r.counts().get(TrialState.PRUNED);
        if (reasons.isEmpty()) {
            return "no trial finished ok: " + (pruned > 0 ? "all " + pruned + " were pruned" : "no trial ran");
        }
        long failed = reasons.values().stream().mapToLong(Long::longValue).sum();
        List<Map.Entry<String, Long>> byCount = reasons.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).toList();
        StringBuilder sb = new StringBuilder("no trial finished ok: ").append(failed).append(" failed");
        if (pruned > 0) sb.append(", ").append(pruned).append(" pruned");
        sb.append(": ");
        int shown = Math.min(3, byCount.size());
        for (int i = 0; i < shown; i++) {
            Map.Entry<String, Long> e = byCount.get(i);
            if (i > 0) sb.append("; ");
            sb.append(e.getValue()).append(" x ").append(e.getKey());
        }
        if (byCount.size() > shown) sb.append("; and ").append(byCount.size() - shown).append(" other reasons");
        return sb.toString();
    }
}
