package dev.hyperopt.cli;

import dev.hyperopt.engine.api.Trial;
import dev.hyperopt.engine.run.Progress;
import dev.hyperopt.engine.run.Result;
import dev.hyperopt.engine.run.RunListener;
import dev.hyperopt.engine.store.StudyInfo;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;

/** The progress bar of {@code hyperopt tune} on a terminal: trials done, best loss, elapsed and remaining time. */
final class TuneProgress implements RunListener {
    private final PrintStream out;
    private ProgressBar bar;

    TuneProgress(PrintStream out) {
        this.out = out;
    }

    /** Whether a progress bar belongs on this process's output: only when it is an interactive terminal. */
    static boolean onTerminal() {
        return System.console() != null;
    }

    @Override
    public void started(StudyInfo study, int maxEvals, int finished) {
        bar = new ProgressBarBuilder()
                .setTaskName(study.name())
                .setInitialMax(maxEvals)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .setConsumer(new ConsoleProgressBarConsumer(out))
                .build();
        bar.stepTo(Math.min(finished, maxEvals));
        bar.setExtraMessage("best -");
    }

    @Override
    public void trialFinished(Trial trial, Progress progress) {
        if (bar == null) return;
        bar.stepTo(Math.min(progress.finished(), progress.maxEvals()));
        bar.setExtraMessage(progress.best().map(b -> "best " + String.format(java.util.Locale.ROOT, "%.6g", b.loss())).orElse("best -"));
    }

    @Override
    public void finished(Result result) {
        if (bar != null) bar.close();
    }
}
