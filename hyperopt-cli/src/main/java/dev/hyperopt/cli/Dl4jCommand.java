package dev.hyperopt.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code hyperopt dl4j}: the deep-network family on DL4J; its work is in the sub-commands. */
@Command(name = "dl4j", mixinStandardHelpOptions = true,
        description = "Deep belief nets, stacked denoising autoencoders and MLPs on DL4J (CPU).",
        subcommands = {Dl4jTuneCommand.class, Dl4jBaselineCommand.class})
final class Dl4jCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing sub-command (tune or baseline)");
    }
}
