package dev.hyperopt.engine.spi;

import java.io.PrintWriter;
import java.util.List;

/**
 * A command a family adds to {@code hyperopt} beside its tune command, run as
 * {@code hyperopt FAMILY NAME [options]} ({@code hyperopt vision predict}, {@code hyperopt dl4j
 * baseline}). The command line builds its options and help from {@link #options()}; the family
 * needs no command-line code of its own.
 */
public interface FamilyCommand {

    /** The sub-command's name: {@code predict}. */
    String name();

    /** One or two sentences for {@code --help}. */
    String description();

    /** Its options and positional arguments. */
    List<CommandOption> options();

    /**
     * Runs the command.
     *
     * @return the exit status: 0 when it did what was asked
     * @throws CommandException for anything the user can fix, shown as one line with status 1
     */
    int run(Arguments arguments, PrintWriter out, PrintWriter err) throws Exception;
}
