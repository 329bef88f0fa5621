package dev.hyperopt.engine.spi;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * A family's tune command, {@code hyperopt FAMILY tune}: the family says what it searches
 * (its options, the space and the objective they make, and how the best configuration is
 * refitted); the command line adds the options every tune command shares ({@code --algo},
 * {@code --max-evals}, {@code --store}, {@code --workers}, {@code --json}, {@code --report},
 * {@code --quiet}, ...) and {@code --model FILE} for families that save a model, runs the
 * search and writes the result. A family is reachable from the command line with no
 * command-line code of its own.
 */
public interface Tuning {

    /**
     * The names the command line gives every tune command, which a family's own options must
     * not take ({@code --model} is added for families that save a model, {@code --no-defaults}
     * for every family).
     */
    Set<String> SHARED_OPTIONS = Set.of("--algo", "--max-evals", "--seed", "--parallel", "--timeout", "--trial-timeout",
            "--early-stop", "--loss-threshold", "--store", "--study", "--workers", "--json", "--report", "--quiet", "--pruner", "--enqueue",
            "--model", "--no-defaults", "--import-root",
            "--help", "--version", "-h", "-V");

    /** One or two sentences for {@code --help}. */
    String description();

    /** The family's own options ({@code --data}, {@code --space}, ...), beside the shared ones. */
    List<CommandOption> options();

    /** The shared options' defaults for this family. */
    Defaults defaults();

    /**
     * Reads the data the options name and makes the search: its space, objective and refit.
     * Workers of a {@code --workers} run call this too, with the same arguments, to make the
     * objective on their machine.
     *
     * @param seed the run's seed (for holdout splits and the like)
     * @param log  where to say what was read (the data's size, ...); the user's standard error
     * @throws CommandException for options or data the user must fix
     */
    Search prepare(Arguments arguments, long seed, PrintWriter log) throws Exception;

    /**
     * The shared options' defaults for a family.
     *
     * @param maxEvals     trials in a study at most
     * @param trialTimeout each trial's limit, or null for none
     * @param model        how {@code --model}'s default reads in the help ({@code DATA-NAME.model}),
     *                     or null when the family saves no model (no {@code --model} option)
     * @param trialLines   a line on standard error per finished trial (for slow trials that
     *                     train a model) instead of a progress bar
     * @param pruner       {@code --pruner}'s default, {@code NAME[:KEY=VALUE,...]}: what suits
     *                     the values the family's objective reports ({@code none} when it reports none)
     * @param parallel     {@code --parallel}'s default: 1, or more for a family whose trials each
     *                     use one core (see {@link #cores()})
     */
    record Defaults(int maxEvals, Duration trialTimeout, String model, boolean trialLines, String pruner, int parallel) {

        public Defaults {
            if (parallel < 1) throw new IllegalArgumentException("parallel must be >= 1, got " + parallel);
        }

        /** Defaults with one trial at a time. */
        public Defaults(int maxEvals, Duration trialTimeout, String model, boolean trialLines, String pruner) {
            this(maxEvals, trialTimeout, model, trialLines, pruner, 1);
        }

        /** Defaults for a family whose objective reports no intermediate values: no pruner, one trial at a time. */
        public Defaults(int maxEvals, Duration trialTimeout, String model, boolean trialLines) {
            this(maxEvals, trialTimeout, model, trialLines, "none");
        }

        /** The machine's cores: a trial per core, for trials that each train on one thread. */
        public static int cores() {
            return Runtime.getRuntime().availableProcessors();
        }
    }
}
