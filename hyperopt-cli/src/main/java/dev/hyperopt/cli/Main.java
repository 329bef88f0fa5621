package dev.hyperopt.cli;

import picocli.CommandLine;

/** Entry point of {@code bin/hyperopt}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit status (0 ok, 1 user error, 2 usage error). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new HyperoptCommand());
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            // Library errors reach the user as one line, never as a stack trace.
            cmd.getErr().println("hyperopt: " + UserError.describe(e));
            return e instanceof UserError ue ? ue.exitCode() : 1;
        });
        cl.setParameterExceptionHandler((e, args) -> {
            CommandLine c = e.getCommandLine();
            c.getErr().println("hyperopt: " + e.getMessage());
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
            return 2;
        });
        return cl;
    }
}
