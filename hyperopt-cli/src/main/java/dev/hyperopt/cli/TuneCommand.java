package dev.hyperopt.cli;

import dev.hyperopt.dsl.ir.Num;
import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.engine.api.Durations;
import dev.hyperopt.engine.api.Trial;
import dev.hyperopt.engine.api.TrialState;
import dev.hyperopt.engine.inject.Engine;
import dev.hyperopt.engine.objective.CommandObjective;
import dev.hyperopt.engine.run.Hyperopt;
import dev.hyperopt.engine.run.Minimize;
import dev.hyperopt.engine.run.Result;
import dev.hyperopt.engine.run.StopSignal;
import dev.hyperopt.engine.api.Objective;
import dev.hyperopt.engine.store.SharedTrialStore;
import dev.hyperopt.engine.store.StoreException;
import dev.hyperopt.engine.store.StoreUrl;
import dev.hyperopt.engine.store.StudyInfo;
import dev.hyperopt.engine.store.TrialStore;
import dev.hyperopt.engine.worker.QueuedObjective;
import dev.hyperopt.engine.worker.StoreWorker;
import dev.hyperopt.report.HtmlReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;

/**
 * {@code hyperopt tune FILE --objective-cmd CMD}: minimizes an external program's loss over
 * the space in FILE. Values are checked here rather than by picocli so that a bad value is
 * a user error (status 1) with one clear line, as the contract asks.
 */
@Command(name = "tune", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Minimize an external objective over the space in FILE.",
                "The objective program reads {\"trial\",\"config\",\"labels\"} lines on standard input "
                        + "and answers each with one JSON line such as {\"loss\": 0.25} on standard output."})
final class TuneCommand implements java.util.concurrent.Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "the .hspace file of the search space")
    Path file;

    @Option(names = "--objective-cmd", required = true, paramLabel = "CMD",
            description = "the objective program, run with sh -c and kept running (one copy per parallel slot)")
    String objectiveCmd;

    @Option(names = "--algo", paramLabel = "ALGO", defaultValue = "tpe", description = "tpe, rand or anneal (default: ${DEFAULT-VALUE})")
    String algo;

    @Option(names = "--max-evals", paramLabel = "N", defaultValue = "100", description = "trials in the study at most (default: ${DEFAULT-VALUE})")
    String maxEvals;

    @Option(names = "--seed", paramLabel = "S", description = "random seed (default: random, printed)")
    String seed;

    @Option(names = "--parallel", paramLabel = "K", defaultValue = "1", description = "trials evaluated side by side (default: ${DEFAULT-VALUE})")
    String parallel;

    @Mixin
    StopRules stopRules;

    @Option(names = "--trial-timeout", paramLabel = "DURATION", description = "limit for each trial, e.g. 30s")
    String trialTimeout;

    @Option(names = "--store", paramLabel = "URL", defaultValue = "sqlite:hyperopt.db",
            description = "where trials are kept: sqlite:PATH, memory: or postgresql://[user@]host[:port]/db (default: ${DEFAULT-VALUE})")
    String store;

    @Option(names = "--study", paramLabel = "NAME", description = "study name in the store (default: FILE's name without .hspace)")
    String study;

    @Option(names = "--workers", description = "evaluate nothing here: queue the trials in the store for "
            + "'hyperopt worker' processes (on any machines) and wait for their results")
    boolean workers;

    @Option(names = "--json", paramLabel = "FILE", description = "write the result document to FILE")
    Path json;

    @Option(names = "--report", paramLabel = "FILE", description = "write an HTML report of the study to FILE at the end of the run")
    Path report;

    @Option(names = "--quiet", description = "no progress bar")
    boolean quiet;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Engine engine = Engine.standard();

        int evals = OptionValues.integer("--max-evals", maxEvals, 0);
        int k = OptionValues.integer("--parallel", parallel, 1);
        stopRules.validate();
        Duration trialLimit = trialTimeout == null ? null : OptionValues.duration("--trial-timeout", trialTimeout);
        if (objectiveCmd.isBlank()) throw new UserError("invalid value for --objective-cmd: the command is empty");
        OptionValues.algorithm(engine, algo);
        boolean randomSeed = seed == null;
        long s = randomSeed ? Math.floorMod(new SecureRandom().nextLong(), 1_000_000_000L) : OptionValues.longValue("--seed", seed);
        String studyName = study != null ? study : defaultStudy(file);
        if (studyName.isBlank()) throw new UserError("invalid value for --study: the name is empty");

        SearchSpace space = SpaceFiles.load(file, err);
        TrialStore trialStore = openStore(engine, store);
        SharedTrialStore shared = trialStore instanceof SharedTrialStore sh ? sh : null;
        StudyInfo info;
        try {
            if (workers) SharedTrialStore.of(trialStore, store).handToWorkers();
            info = trialStore.openStudy(studyName, space, algo, s);
            // A resumed study goes on with its own algorithm unless --algo says otherwise.
            if (!spec.commandLine().getParseResult().hasMatchedOption("--algo")) algo = info.algorithm();
            if (shared != null) shared.updateSettings(studyName, settings(evals, k, trialLimit));
        } catch (StoreException e) {
            trialStore.close();
            throw new UserError(UserError.describe(e));
        }
        if (randomSeed || info.seed() != s) {
            // A study keeps the seed it was created with.
            err.println("hyperopt: seed " + info.seed());
            err.flush();
        }

        Interruption interruption = new Interruption();
        StopSignal stop = interruption.signal();
        Result result;
        try (trialStore; CommandObjective local = workers ? null : new CommandObjective(objectiveCmd, null, line -> {
            synchronized (err) {
                err.println(line);
                err.flush();
            }
        }); QueuedObjective queued = workers ? new QueuedObjective(shared, studyName, WORKER_POLL) : null) {
            Objective objective = workers ? queued : local;
            Minimize run = Hyperopt.minimize(space, objective).engine(engine).algorithm(algo)
                    .maxEvals(evals).seed(s).parallelism(k).store(trialStore).study(studyName).stopSignal(stop);
            // With workers the limit is theirs: a trial's time in the queue does not count.
            if (trialLimit != null && !workers) run.trialTimeout(trialLimit);
            stopRules.applyTo(run);
            if (!quiet && TuneProgress.onTerminal()) run.listener(new TuneProgress(System.err));
            try {
                result = run.run();
            } catch (StoreException e) {
                throw new UserError(UserError.describe(e));
            } finally {
                if (shared != null) markOver(shared, studyName);
            }
            ResultDocument.writeIfAsked(result, json);
            if (report != null) {
                try {
                    HtmlReport.of(result, space).write(report);
                } catch (IOException e) {
                    throw new UserError("cannot write " + report + ": " + UserError.describe(e));
                }
            }
            summary(out, result);
        } finally {
            interruption.close();
        }
        return 0;
    }

    /** How often a run with workers looks for their results. */
    private static final Duration WORKER_POLL = Duration.ofMillis(20);

    /** Opens a store for a command: a bad or unreachable URL is a one-line user error. */
    static TrialStore openStore(Engine engine, String url) {
        try {
            return engine.openStore(url);
        } catch (StoreException | IllegalArgumentException e) {
            throw new UserError(UserError.describe(e));
        }
    }

    /** Opens a store that workers can share: one a single process keeps is a one-line user error. */
    static SharedTrialStore openShared(Engine engine, String url) {
        TrialStore s = openStore(engine, url);
        try {
            return SharedTrialStore.of(s, url);
        } catch (StoreException e) {
            s.close();
            throw new UserError(UserError.describe(e));
        }
    }

    /**
     * Opens a store that must already exist, for commands that only read: an SQLite file is
     * made on first use, so a missing one is a mistyped path, not a new, empty store.
     */
    static TrialStore openExisting(Engine engine, String url) {
        try {
            StoreUrl u = StoreUrl.parse(url);
            if (u.scheme().equals("sqlite") && !u.rest().isBlank()) {
                Path db = Path.of(u.rest().startsWith("//") ? u.rest().substring(2) : u.rest());
                if (!java.nio.file.Files.exists(db)) throw new UserError("no such store file: " + db);
            }
        } catch (IllegalArgumentException e) {
            throw new UserError(UserError.describe(e));
        }
        return openStore(engine, url);
    }

    /** What a worker needs to evaluate the study's trials, and what the study was run with. */
    private Map<String, String> settings(int evals, int k, Duration trialLimit) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put("objective_cmd", objectiveCmd);
        m.put("trial_timeout", trialLimit == null ? null : trialLimit.toMillis() + "ms");
        m.put("max_evals", Integer.toString(evals));
        m.put("parallel", Integer.toString(k));
        m.put("workers", Boolean.toString(workers));
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

    /** The plain-text summary printed at the end of a run. */
    void summary(PrintWriter out, Result r) {
        Map<TrialState, Integer> counts = r.counts();
        out.printf("study:   %s (algo %s, seed %d)%n", r.study().name(), r.algorithm(), r.seed());
        out.printf("trials:  %d (ok %d, fail %d) in %s; stopped: %s%n", r.trials().size(), counts.get(TrialState.OK),
                counts.get(TrialState.FAIL), Durations.format(r.elapsed()), r.stopReason().description());
        if (r.best().isPresent()) {
            Trial b = r.best().get();
            out.printf("best:    trial %d, loss %s%n", b.number(), Num.format(b.loss()));
            out.printf("config:  %s%n", ResultDocument.compact(b.config() == null ? null : b.config().value()));
            out.printf("labels:  %s%n", ResultDocument.compact(b.labels()));
        } else {
            out.println("best:    none (no trial finished ok)");
        }
        if (json != null) out.printf("result:  %s%n", json);
        if (report != null) out.printf("report:  %s%n", report);
        out.flush();
    }

    static String defaultStudy(Path file) {
        String name = file.getFileName() == null ? "study" : file.getFileName().toString();
        return name.endsWith(".hspace") ? name.substring(0, name.length() - ".hspace".length()) : name;
    }
}
