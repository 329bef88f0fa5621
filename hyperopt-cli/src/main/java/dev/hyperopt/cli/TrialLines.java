package dev.hyperopt.cli;

import dev.hyperopt.dsl.ir.Num;
import dev.hyperopt.engine.api.Intermediate;
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

    /** A worker's line for a trial it recorded. */
    static void finished(PrintWriter err, Trial t) {
        print(err, "hyperopt: trial " + t.number() + " " + t.state().id() + switch (t.state()) {
            case OK -> " loss " + Num.format(t.loss());
            case PRUNED -> stoppedAt(t);
            default -> ": " + t.error();
        });
    }

    /** Where a pruned trial stopped: " at step S (value V)", or nothing when it reported nothing. */
    static String stoppedAt(Trial t) {
        Intermediate last = t.lastIntermediate();
        return last == null ? "" : " at step " + last.step() + " (value " + Num.format(last.value()) + ")";
    }

    @Override
    public void trialFinished(Trial t, Progress p) {
        String what = switch (t.state()) {
            case OK -> "validation error " + Num.format(t.loss());
            case PRUNED -> "pruned" + stoppedAt(t);
            default -> "failed: " + t.error();
        };
        Object seconds = t.attachments().get("seconds");
        Object layers = t.attachments().get("units");
        String best = p.best().map(b -> Num.format(b.loss()) + " (trial " + b.number() + ")").orElse("-");
        print(err, String.format(Locale.ROOT, "trial %d/%d: %s%s%s; best %s", p.finished(), p.maxEvals(), what,
                layers instanceof List<?> l ? ", layers " + l : "", seconds == null ? "" : ", " + seconds + " s", best));
    }
}
