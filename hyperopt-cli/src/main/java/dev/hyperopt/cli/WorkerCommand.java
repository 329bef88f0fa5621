package dev.hyperopt.cli;

import dev.hyperopt.engine.api.Durations;
import dev.hyperopt.engine.api.Objective;
import dev.hyperopt.engine.api.TrialState;
import dev.hyperopt.engine.inject.Engine;
import dev.hyperopt.engine.objective.CommandObjective;
import dev.hyperopt.engine.prune.Pruner;
import dev.hyperopt.engine.run.StopSignal;
import dev.hyperopt.engine.store.StoreException;
import dev.hyperopt.engine.store.SharedTrialStore;
import dev.hyperopt.engine.worker.StoreWorker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code hyperopt worker --store URL --study NAME}: evaluates the trials that a
 * {@code hyperopt tune ... --workers} run queues in a shared store, with the objective
 * command the study records, until that run is over. Any number of workers, on any
 * machines, may serve one study; each trial is evaluated by one of them at a time. A worker
 * given its own {@code --objective-cmd} (the program's path differs on its machine) runs that
 * instead, and starts it while it waits for the study.
 */
@Command(name = "worker", mixinStandardHelpOptions = true, sortOptions = false, versionProvider = VersionProvider.class,
        description = {"Evaluate the trials of a study held in a shared store, for a 'hyperopt tune --workers' run.",
                "Runs the objective the study records (a command, or a family's objective with its options); exits once the study's run is over."})
final class WorkerCommand implements Callable<Integer> {
    private static final Duration POLL = Duration.ofMillis(10);
    private static final Duration WAIT_POLL = Duration.ofMillis(50);
    private static final Duration SETTINGS_GRACE = Duration.ofSeconds(10);

    @Spec
    CommandSpec spec;

    @Option(names = "--store", required = true, paramLabel = "URL", description = "the study's store: postgresql://[user@]host[:port]/db or sqlite:PATH")
    String store;

    @Option(names = "--study", required = true, paramLabel = "NAME", description = "the study to work for")
    String study;

    @Option(names = "--parallel", paramLabel = "K", defaultValue = "1", description = "trials evaluated side by side (default: ${DEFAULT-VALUE})")
    String parallel;

    @Option(names = "--lease", paramLabel = "DURATION", defaultValue = "30s",
            description = "how long a trial stays this worker's without a heartbeat; then another worker takes it (default: ${DEFAULT-VALUE})")
    String lease;

    @Option(names = "--objective-cmd", paramLabel = "CMD",
            description = "the objective program as this machine runs it, instead of the command the study records; started at once, before the study appears")
    String objectiveCmd;

    @Option(names = "--quiet", description = "no line per trial on standard error")
    boolean quiet;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int k = OptionValues.integer("--parallel", parallel, 1);
        Duration leaseTime = OptionValues.duration("--lease", lease);
        if (study.isBlank()) throw new UserError("invalid value for --study: the name is empty");
        SharedTrialStore trialStore = TuneCommand.openShared(Engine.standard(), store);

        // Ctrl-C or kill: stop, and let go of the trials being evaluated so that others take them at once.
        Interruption interruption = new Interruption();
        StopSignal stop = interruption.signal();
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger pruned = new AtomicInteger();
        try (trialStore) {
            trialStore.lease(leaseTime);
            // A command of its own is known before the study exists: its programs start while the worker waits.
            ObjectiveSettings.Made made = objectiveCmd == null ? null : new ObjectiveSettings.Made(prestarted(objectiveCmd, k, err), null);
            try {
                if (!awaitStudy(trialStore, err, stop)) return 0;
                Map<String, String> settings = trialStore.settings(study);
                // A driver records its settings just after it creates the study: give it a moment.
                long grace = System.nanoTime() + SETTINGS_GRACE.toNanos();
                while (!ObjectiveSettings.recorded(settings) && System.nanoTime() < grace && !stop.isRequested()) {
                    Thread.sleep(WAIT_POLL.toMillis());
                    settings = trialStore.settings(study);
                }
                Duration trialLimit = settings.get("trial_timeout") == null ? null : Durations.parse(settings.get("trial_timeout"));
                if (made == null) {
                    if (!ObjectiveSettings.recorded(settings)) {
                        throw new UserError("study '" + study + "' records no objective; run its driver with "
                                + "hyperopt tune FILE --objective-cmd CMD --store URL --study " + study + " --workers");
                    }
                    made = ObjectiveSettings.make(settings, Engine.standard(), err);
                    if (made.objective() instanceof CommandObjective c) prestart(c, k);
                }
                Pruner pruner = pruner(settings.getOrDefault(StudyRun.PRUNER, "none"));
                run(trialStore, made.objective(), k, trialLimit, pruner, stop, new AtomicInteger[] {ok, failed, pruned}, err);
            } finally {
                if (made != null) made.close();
            }
            out.printf("worker: %d trials of study %s evaluated (ok %d, fail %d%s)%s%n",
                    ok.get() + failed.get() + pruned.get(), study, ok.get(), failed.get(),
                    pruned.get() > 0 ? ", pruned " + pruned.get() : "", stop.isRequested() ? "; stopped" : "; the run is over");
            out.flush();
            return 0;
        } catch (StoreException e) {
            throw new UserError(UserError.describe(e));
        } finally {
            interruption.close();
        }
    }

    /** The objective program, {@code copies} of it started now. */
    private static CommandObjective prestarted(String cmd, int copies, PrintWriter err) {
        CommandObjective objective = ObjectiveSettings.command(cmd, err);
        prestart(objective, copies);
        return objective;
    }

    private static void prestart(CommandObjective objective, int copies) {
        try {
            objective.prestart(copies);
        } catch (java.io.IOException e) {
            objective.close();
            throw new UserError("cannot start objective command: " + e.getMessage());
        }
    }

    /** The pruner the driver recorded: workers judge the reports of the trials they evaluate. */
    private static Pruner pruner(String spec) {
        try {
            return Engine.standard().pruner(spec);
        } catch (IllegalArgumentException e) {
            throw new UserError("the study's pruner cannot be made on this machine: " + e.getMessage());
        }
    }

    /** Runs the slots; {@code counts} are the ok, failed and pruned trials recorded. */
    private void run(SharedTrialStore trialStore, Objective objective, int k, Duration trialLimit, Pruner pruner, StopSignal stop,
                     AtomicInteger[] counts, PrintWriter err) throws InterruptedException {
        StoreWorker worker = new StoreWorker(trialStore, study, objective, k, trialLimit, POLL, stop::isRequested, t -> {
            counts[t.state().ordinal() - TrialState.OK.ordinal()].incrementAndGet();
            if (!quiet) TrialLines.finished(err, t);
        }, pruner);
        worker.run();
    }

    /** Waits for the study to appear (workers may start before their driver); false when stopped first. */
    private boolean awaitStudy(SharedTrialStore s, PrintWriter err, StopSignal stop) throws InterruptedException {
        boolean said = false;
        while (s.study(study).isEmpty()) {
            if (stop.isRequested()) return false;
            if (!said) {
                err.println("hyperopt: waiting for study '" + study + "' to appear in " + store);
                err.flush();
                said = true;
            }
            Thread.sleep(WAIT_POLL.toMillis());
        }
        return true;
    }
}
