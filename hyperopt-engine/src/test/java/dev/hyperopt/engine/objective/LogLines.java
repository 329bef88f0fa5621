package dev.hyperopt.engine.objective;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A log sink for the objective programs' standard error that a test can wait on: the lines
 * come from a pump thread, so one may arrive after the trial that caused it has finished.
 */
final class LogLines implements Consumer<String> {
    private final List<String> lines = new ArrayList<>();

    @Override
    public synchronized void accept(String line) {
        lines.add(line);
        notifyAll();
    }

    /** The first line that matches, once it has arrived; a minute without one fails the test. */
    synchronized String await(Predicate<String> wanted) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (true) {
            for (String l : lines) if (wanted.test(l)) return l;
            long left = end - System.nanoTime();
            if (left <= 0) throw new AssertionError("no such line in the log: " + lines);
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    synchronized List<String> lines() {
        return List.copyOf(lines);
    }
}
