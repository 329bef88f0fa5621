package dev.hyperopt.engine.run;

/** Why a run ended. */
public enum StopReason {
    /** The study holds {@code maxEvals} trials. */
    MAX_EVALS("max evals reached"),
    /** The whole run's time limit passed; trials still running were cancelled. */
    TIMEOUT("time limit reached"),
    /** A trial's loss reached the loss threshold. */
    LOSS_THRESHOLD("loss threshold reached"),
    /** Too many trials in a row did not improve the best loss. */
    EARLY_STOP("no improvement (early stop)"),
    /** Someone asked the run to stop (Ctrl-C); trials still running were cancelled. */
    INTERRUPTED("interrupted");

    private final String description;

    StopReason(String description) {
        this.description = description;
    }

    /** A few words for summaries. */
    public String description() {
        return description;
    }
}
