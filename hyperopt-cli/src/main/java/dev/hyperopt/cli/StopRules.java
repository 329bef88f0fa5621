package dev.hyperopt.cli;

import dev.hyperopt.engine.run.Minimize;
import picocli.CommandLine.Option;

import java.time.Duration;

/** The run's stop rules, shared by every command that runs a search ({@code tune}, {@code weka tune}, {@code dl4j tune}). */
final class StopRules {
    @Option(names = "--timeout", paramLabel = "DURATION", description = "limit for the whole run, e.g. 90s, 10m")
    String timeout;

    @Option(names = "--early-stop", paramLabel = "N", description = "stop after N trials without improvement")
    String earlyStop;

    @Option(names = "--loss-threshold", paramLabel = "X", description = "stop once a loss is at or below X")
    String lossThreshold;

    /** The limit of the whole run, or null for none. */
    Duration runLimit() {
        return timeout == null ? null : OptionValues.duration("--timeout", timeout);
    }

    /** Trials without improvement before stopping, or null for no such rule. */
    Integer patience() {
        return earlyStop == null ? null : OptionValues.integer("--early-stop", earlyStop, 1);
    }

    /** The loss at or below which the run stops, or null for no such rule. */
    Double threshold() {
        return lossThreshold == null ? null : OptionValues.number("--loss-threshold", lossThreshold);
    }

    /** Checks the values given, so that a bad one is reported before any work starts. */
    void validate() {
        runLimit();
        patience();
        threshold();
    }

    /** Sets the rules given on the run. */
    void applyTo(Minimize run) {
        Duration limit = runLimit();
        Integer patience = patience();
        Double threshold = threshold();
        if (limit != null) run.timeout(limit);
        if (patience != null) run.earlyStop(patience);
        if (threshold != null) run.lossThreshold(threshold);
    }
}
