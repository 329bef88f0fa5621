package dev.hyperopt.engine.spi;

/**
 * A problem the user fixes (a bad value, a missing file, data that do not fit), raised by a
 * family's command: the command line prints its message as one line and exits with status 1.
 */
public class CommandException extends RuntimeException {
    public CommandException(String message) {
        super(message);
    }

    public CommandException(String message, Throwable cause) {
        super(message, cause);
    }
}
