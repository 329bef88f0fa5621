package dev.hyperopt.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code hyperopt weka}: commands for Weka data sets; {@code tune} is the one there is. */
@Command(name = "weka", mixinStandardHelpOptions = true,
        description = "Auto-tune Weka classifier pipelines.",
        subcommands = {WekaTuneCommand.class})
final class WekaCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing sub-command (tune)");
    }
}
