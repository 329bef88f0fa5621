package dev.hyperopt.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code hyperopt}: the top-level command; each sub-command is its own class. */
@Command(name = "hyperopt",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Hyperparameter optimization: search spaces in .hspace files, searched by TPE, random search or annealing.",
        subcommands = {CommandLine.HelpCommand.class, CheckCommand.class, SampleCommand.class, FmtCommand.class, GraphCommand.class,
                TuneCommand.class, WorkerCommand.class, AskCommand.class, TellCommand.class, EnqueueCommand.class,
                StudiesCommand.class, TrialsCommand.class, ReportCommand.class, DashboardCommand.class, BenchCommand.class})
public final class HyperoptCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing sub-command");
    }
}
