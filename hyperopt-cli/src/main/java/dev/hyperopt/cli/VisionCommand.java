package dev.hyperopt.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code hyperopt vision}: image classifiers of the vision family; its work is in the sub-commands. */
@Command(name = "vision", mixinStandardHelpOptions = true,
        description = "Image classifiers: random-filter convnet pipelines and trained CNNs, tuned on a set of images.",
        subcommands = {VisionTuneCommand.class, VisionPredictCommand.class})
final class VisionCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing sub-command (tune or predict)");
    }
}
