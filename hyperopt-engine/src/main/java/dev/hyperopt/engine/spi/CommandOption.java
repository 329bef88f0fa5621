package dev.hyperopt.engine.spi;

import java.util.Objects;

/**
 * An option of a command that a family adds to {@code hyperopt}: {@code --data FILE}, a flag
 * such as {@code --verbose}, or the command's positional arguments. The command line declares
 * it, shows it in {@code --help} and hands its value to the family as text in {@link Arguments};
 * the family checks the value, so that a bad one is reported in the family's own words.
 *
 * @param name         the option's name with its dashes ({@code --data}); for arguments, their label
 * @param label        what the value is called in the help ({@code FILE}); null for a flag
 * @param description  one sentence for {@code --help}
 * @param defaultValue the value when the option is not given, or null for none
 * @param required     whether the command refuses to run without it
 * @param kind         a value, a flag or positional arguments
 */
public record CommandOption(String name, String label, String description, String defaultValue, boolean required, Kind kind) {

    /** How the option is written on the command line. */
    public enum Kind {
        /** {@code --name VALUE}. */
        VALUE,
        /** {@code --name}, no value: true when given. */
        FLAG,
        /** One or more positional arguments. */
        ARGUMENTS
    }

    public CommandOption {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(kind, "kind");
        if (kind != Kind.ARGUMENTS && !name.startsWith("--")) throw new IllegalArgumentException("an option's name starts with --: " + name);
    }

    /** {@code --name LABEL}, optional, with no default. */
    public static CommandOption value(String name, String label, String description) {
        return new CommandOption(name, label, description, null, false, Kind.VALUE);
    }

    /** {@code --name}, a flag that is off unless given. */
    public static CommandOption flag(String name, String description) {
        return new CommandOption(name, null, description, null, false, Kind.FLAG);
    }

    /** One or more positional arguments called {@code label}. */
    public static CommandOption arguments(String label, String description) {
        return new CommandOption(label, label, description, null, true, Kind.ARGUMENTS);
    }

    /** The same option with a default value. */
    public CommandOption withDefault(String value) {
        return new CommandOption(name, label, description, value, false, kind);
    }

    /** The same option, which the command cannot run without. */
    public CommandOption asRequired() {
        return new CommandOption(name, label, description, null, true, kind);
    }
}
