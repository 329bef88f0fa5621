package dev.hyperopt.cli;

import dev.hyperopt.engine.inject.Engine;
import dev.hyperopt.engine.prune.PrunerSpec;
import dev.hyperopt.engine.run.Minimize;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;

/**
 * The options every tune command takes ({@code tune}, {@code weka tune}, {@code dl4j tune},
 * {@code vision tune} and any family's), declared once with one meaning. A family's defaults
 * for {@code --max-evals}, {@code --trial-timeout} and {@code --pruner} come from its command's
 * default-value provider. Values are read as text and checked here, so that a bad one is a user error
 * (status 1) with one line naming the option, as the contract asks.
 */
final class TuneOptions {
    /** What {@code --trial-timeout} reads when a trial has no limit. */
    static final String NO_LIMIT = "none";

    @Option(names = "--algo", paramLabel = "ALGO", defaultValue = "tpe", description = "tpe, rand or anneal (default: ${DEFAULT-VALUE})")
    String algo;

    @Option(names = "--max-evals", paramLabel = "N", defaultValue = "100", description = "trials in the study at most (default: ${DEFAULT-VALUE})")
    String maxEvals;

    @Option(names = "--seed", paramLabel = "S", description = "random seed (default: random, printed)")
    String seed;

    @Option(names = "--parallel", paramLabel = "K", defaultValue = "1", description = "trials evaluated side by side (default: ${DEFAULT-VALUE})")
    String parallel;

    @Option(names = "--timeout", paramLabel = "DURATION", description = "limit for the whole run, e.g. 90s, 10m")
    String timeout;

    @Option(names = "--trial-timeout", paramLabel = "DURATION", defaultValue = NO_LIMIT,
            description = "limit for each trial, e.g. 30s; a trial past it is stopped and fails (default: ${DEFAULT-VALUE})")
    String trialTimeout;

    @Option(names = "--early-stop", paramLabel = "N", description = "stop after N trials without improvement")
    String earlyStop;

    @Option(names = "--loss-threshold", paramLabel = "X", description = "stop once a loss is at or below X")
    String lossThreshold;

    @Option(names = "--store", paramLabel = "URL", defaultValue = "sqlite:hyperopt.db",
            description = "where trials are kept: sqlite:PATH, memory: or postgresql://[user@]host[:port]/db (default: ${DEFAULT-VALUE})")
    String store;

    @Option(names = "--study", paramLabel = "NAME", description = "study name in the store (a resumed study goes on where it stopped)")
    String study;

    @Option(names = "--workers", description = "evaluate nothing here: queue the trials in the store for "
            + "'hyperopt worker' processes (on any machines) and wait for their results")
    boolean workers;

    @Option(names = "--json", paramLabel = "FILE", description = "write the result document to FILE")
    Path json;

    @Option(names = "--report", paramLabel = "FILE", description = "write an HTML report of the study to FILE at the end of the run")
    Path report;

    @Option(names = "--quiet", description = "no progress bar and no line per trial")
    boolean quiet;

    @Option(names = "--pruner", paramLabel = "NAME[:KEY=VALUE,...]", defaultValue = "none",
            description = "stop trials whose reported values are poor: none, median, percentile, asha, hyperband, "
                    + "wilcoxon, e.g. asha:reduction_factor=3 (default: ${DEFAULT-VALUE})")
    String pruner;

    @Option(names = "--enqueue", paramLabel = "FILE",
            description = "JSON lines of configurations or labels to evaluate before the sampler is asked "
                    + "(those the study already has are skipped)")
    Path enqueue;

    @Mixin
    ImportRoots importRoots = new ImportRoots();

    /** The checked values, read before any work starts. */
    record Values(String algo, int maxEvals, long seed, boolean seedGiven, int parallel, Duration runLimit,
                  Duration trialLimit, Integer patience, Double threshold, PrunerSpec pruner) {

        /** Sets the budget, stop rules and limits given on the run (with workers the trial limit is theirs); the sampler is the caller's. */
        void applyTo(Minimize run, boolean workers) {
            run.maxEvals(maxEvals).seed(seed).parallelism(parallel).pruner(pruner);
            if (runLimit != null) run.timeout(runLimit);
            if (trialLimit != null && !workers) run.trialTimeout(trialLimit);
            if (patience != null) run.earlyStop(patience);
            if (threshold != null) run.lossThreshold(threshold);
        }
    }

    /** Checks every value; a bad one is a one-line user error naming its option. */
    Values values(Engine engine) {
        int evals = OptionValues.integer("--max-evals", maxEvals, 1);
        int k = OptionValues.integer("--parallel", parallel, 1);
        Duration runLimit = timeout == null ? null : OptionValues.duration("--timeout", timeout);
        Duration trialLimit = trialTimeout == null || trialTimeout.equals(NO_LIMIT) ? null : OptionValues.duration("--trial-timeout", trialTimeout);
        Integer patience = earlyStop == null ? null : OptionValues.integer("--early-stop", earlyStop, 1);
        Double threshold = lossThreshold == null ? null : OptionValues.number("--loss-threshold", lossThreshold);
        OptionValues.algorithm(engine, algo);
        PrunerSpec prunerSpec = OptionValues.pruner(engine, pruner);
        if (study != null && study.isBlank()) throw new UserError("invalid value for --study: the name is empty");
        boolean seedGiven = seed != null;
        long s = seedGiven ? OptionValues.longValue("--seed", seed) : Math.floorMod(new SecureRandom().nextLong(), 1_000_000_000L);
        return new Values(algo, evals, s, seedGiven, k, runLimit, trialLimit, patience, threshold, prunerSpec);
    }
}
