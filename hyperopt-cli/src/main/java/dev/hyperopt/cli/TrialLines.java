package dev.hyperopt.cli;

import dev.hyperopt.dsl.ir.Num;
import dev.hyperopt.engine.api.Trial;
import dev.hyperopt.engine.run.Progress;
import dev.hyperopt.engine.run.RunListener;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * One line per finished trial on standard error, for the commands whose trials train a model
 * on validation data ({@code dl4j tune}, {@code vision tune}): its validation error or why it
 * failed, its layers and seconds when it attached them, and the best so far.
 */
final class TrialLines implements RunListener {
    private final PrintWriter err;

    TrialLines(PrintWriter err) {
        this.err = err;
    }

    /** Prints a whole line, never interleaved with another thread's. */
    static void print(PrintWriter err, String line) {
        synchronized (err) {
            err.println(line);
            err.flush();
        }
    }

    @Override
    public void trialFinished(Trial t, Progress p) {
        String what = t.isOk() ? "validation error " + Num.format(t.loss()) : "failed: " + t.error();
        Object seconds = t.attachments().get("seconds");
        Object layers = t.attachments().get("units");
        String best = p.best().map(b -> Num.format(b.loss()) + " (trial " + b.number() + ")").orElse("-");
        print(err, String.format(Locale.ROOT, "trial %d/%d: %s%s%s; best %s", p.finished(), p.maxEvals(), what,
                layers instanceof List<?> l ? ", layers " + l : "", seconds == null ? "" : ", " + seconds + " s", best));
    }
}
