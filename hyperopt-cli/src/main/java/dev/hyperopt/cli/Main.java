package dev.hyperopt.cli;

import dev.hyperopt.engine.inject.Engine;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

import java.io.PrintWriter;

/** Entry point of {@code bin/hyperopt}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        // A failure on another thread must not reach the user as a stack trace either.
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
            System.err.println("hyperopt: internal error: " + UserError.describe(e));
            System.err.flush();
            Runtime.getRuntime().halt(1);
        });
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit status (0 ok, 1 user error, 2 usage error). */
    public static int run(String... args) {
        return run(commandLine(), args);
    }

    /** Runs a configured command line (tests set its out and err); errors never escape as stack traces. */
    static int run(CommandLine cl, String... args) {
        try {
            return cl.execute(args);
        } catch (StackOverflowError e) {
            return fail(cl.getErr(), "the input is nested too deeply");
        } catch (OutOfMemoryError e) {
            return fail(cl.getErr(), "out of memory (raise it with JAVA_OPTS=-Xmx...)");
        } catch (RuntimeException | Error e) {
            return fail(cl.getErr(), "internal error: " + UserError.describe(e));
        }
    }

    private static int fail(PrintWriter err, String message) {
        err.println("hyperopt: " + message);
        err.flush();
        return 1;
    }

    /** The command tree with its error handling: one line per problem, exit 1 or 2. */
    public static CommandLine commandLine() {
        return commandLine(CommandLine.defaultFactory());
    }

    /** The command tree with commands made by {@code factory} (tests give commands their own engine). */
    static CommandLine commandLine(CommandLine.IFactory factory) {
        CommandLine cl = new CommandLine(new HyperoptCommand(), factory);
        FamilyCommands.addTo(cl, Engine.discover());
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getOut().flush();
            // Library errors reach the user as one line, never as a stack trace.
            fail(cmd.getErr(), UserError.describe(e));
            return e instanceof UserError ue ? ue.exitCode() : 1;
        });
        cl.setParameterExceptionHandler(Main::parameterError);
        return cl;
    }

    /**
     * A value that does not convert ({@code --n abc}) is a user error (1, one line); a flag
     * or argument that is unknown, missing or repeated is a usage error (2, with a hint).
     */
    private static int parameterError(ParameterException e, String[] args) {
        CommandLine c = e.getCommandLine();
        PrintWriter err = c.getErr();
        err.println("hyperopt: " + e.getMessage());
        if (e.getCause() instanceof TypeConversionException || e.getCause() instanceof NumberFormatException) {
            err.flush();
            return 1;
        }
        err.println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return 2;
    }
}
