package dev.hyperopt.cli;

import dev.hyperopt.engine.spi.Arguments;
import dev.hyperopt.engine.spi.CommandOption;
import dev.hyperopt.engine.spi.Family;
import dev.hyperopt.engine.spi.FamilyCommand;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The commands families add: {@code hyperopt ID tune} for a family with a tuning, and
 * {@code hyperopt ID NAME} for each of its other commands. They are built from what the
 * family declares ({@link CommandOption}s), so a family on the class path reaches the command
 * line with no code here.
 */
final class FamilyCommands {
    private FamilyCommands() {}

    /**
     * Adds {@code hyperopt ID ...} to {@code root} for each family that has commands. A family
     * whose commands cannot be built (an option declared twice, or one the command line gives
     * every tune command) is left out with one line on standard error, so that one broken
     * module does not take the other commands with it.
     */
    static void addTo(CommandLine root, List<Family> families) {
        for (Family family : families) {
            if (family.tuning().isEmpty() && family.commands().isEmpty()) continue;
            if (root.getSubcommands().containsKey(family.id())) continue;  // a built-in command keeps its name
            try {
                root.addSubcommand(family.id(), group(family));
            } catch (CommandLine.PicocliException | IllegalArgumentException e) {
                root.getErr().println("hyperopt: the commands of family '" + family.id() + "' are left out: " + UserError.describe(e));
                root.getErr().flush();
            }
        }
    }

    /** {@code hyperopt ID}: only a holder of sub-commands; run alone it is a usage error. */
    private static CommandLine group(Family family) {
        CommandSpec[] self = new CommandSpec[1];
        CommandSpec spec = CommandSpec.wrapWithoutInspection((Runnable) () -> {
            throw new ParameterException(self[0].commandLine(), "missing sub-command (" + String.join(", ", self[0].subcommands().keySet()) + ")");
        });
        self[0] = spec;
        spec.name(family.id()).mixinStandardHelpOptions(true);
        spec.usageMessage().description(help(family.description()));
        CommandLine group = new CommandLine(spec);
        family.tuning().ifPresent(t -> group.addSubcommand("tune", FamilyTuneCommand.commandLine(family, t)));
        for (FamilyCommand c : family.commands()) group.addSubcommand(c.name(), command(c));
        return group;
    }

    /** {@code hyperopt ID NAME}: the family's command, with its declared options. */
    private static CommandLine command(FamilyCommand command) {
        CommandSpec[] self = new CommandSpec[1];
        CommandSpec spec = CommandSpec.wrapWithoutInspection((Callable<Integer>) () -> {
            CommandLine cl = self[0].commandLine();
            try {
                return command.run(arguments(self[0], command.options()), cl.getOut(), cl.getErr());
            } finally {
                cl.getOut().flush();
                cl.getErr().flush();
            }
        });
        self[0] = spec;
        spec.name(command.name()).mixinStandardHelpOptions(true);
        spec.usageMessage().description(help(command.description())).sortOptions(false);
        declare(spec, command.options());
        return new CommandLine(spec);
    }

    /** Adds the family's options to a command. */
    static void declare(CommandSpec spec, List<CommandOption> options) {
        for (CommandOption o : options) {
            String description = help(o.defaultValue() == null ? o.description() : o.description() + " (default: " + o.defaultValue() + ")");
            switch (o.kind()) {
                case VALUE -> spec.addOption(OptionSpec.builder(o.name()).paramLabel(o.label()).type(String.class)
                        .required(o.required()).defaultValue(o.defaultValue()).description(description).build());
                case FLAG -> spec.addOption(OptionSpec.builder(o.name()).type(boolean.class).arity("0").description(description).build());
                case ARGUMENTS -> spec.addPositional(PositionalParamSpec.builder().paramLabel(o.label()).arity(o.required() ? "1..*" : "0..*").required(o.required())
                        .type(List.class).auxiliaryTypes(String.class).description(description).build());
            }
        }
    }

    /** A family's text as picocli shows it: plain text, where picocli would read {@code %} as a format. */
    static String help(String text) {
        return text.replace("%", "%%");
    }

    /** The values given for the family's options, as text (defaults filled in, flags "true"). */
    static Arguments arguments(CommandSpec spec, List<CommandOption> options) {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> positional = new ArrayList<>();
        for (CommandOption o : options) {
            switch (o.kind()) {
                case VALUE -> {
                    Object v = spec.findOption(o.name()).getValue();
                    if (v != null) values.put(o.name(), v.toString());
                }
                case FLAG -> {
                    if (Boolean.TRUE.equals(spec.findOption(o.name()).getValue())) values.put(o.name(), "true");
                }
                case ARGUMENTS -> {
                    for (ArgSpec p : spec.positionalParameters()) {
                        if (o.label().equals(p.paramLabel()) && p.getValue() instanceof List<?> l) for (Object x : l) positional.add(String.valueOf(x));
                    }
                }
            }
        }
        return new Arguments(values, positional);
    }
}
