package dev.hyperopt.nd4j;

import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * When training should stop. Past the soft deadline training ends and keeps what it has
 * (as hyperopt-dbn's time limit did); a cancellation, such as a trial timeout or a stopped
 * run, aborts it.
 */
public record TimeBudget(long deadlineNanos, BooleanSupplier cancelled) {

    /** No deadline and never cancelled. */
    public static TimeBudget unlimited() {
        return new TimeBudget(Long.MAX_VALUE, () -> false);
    }

    /** A budget ending {@code seconds} from now. */
    public static TimeBudget seconds(double seconds, BooleanSupplier cancelled) {
        long now = System.nanoTime();
        long span = seconds >= 1e9 ? Long.MAX_VALUE / 2 : (long) (seconds * 1e9);
        return new TimeBudget(now + Math.max(0, span), cancelled);
    }

    /** A budget that ends at {@code fraction} of the time this one has left, or earlier when this one does. */
    public TimeBudget share(double fraction) {
        if (deadlineNanos == Long.MAX_VALUE) return this;
        long now = System.nanoTime();
        long left = Math.max(0, deadlineNanos - now);
        return new TimeBudget(now + (long) (left * fraction), cancelled);
    }

    /** Whether the soft deadline has passed; throws when the work was cancelled. */
    public boolean expired() {
        if (cancelled.getAsBoolean()) throw new CancellationException("training was cancelled");
        return deadlineNanos != Long.MAX_VALUE && System.nanoTime() - deadlineNanos >= 0;
    }
}
