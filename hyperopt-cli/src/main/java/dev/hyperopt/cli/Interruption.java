package dev.hyperopt.cli;

import dev.hyperopt.engine.run.StopSignal;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (or a kill) during a command that runs trials: the command's stop signal is raised,
 * and the JVM waits up to 15 seconds for the command to close this, so that what finished is
 * recorded and reported before it exits.
 */
final class Interruption implements AutoCloseable {
    private final StopSignal stop = new StopSignal();
    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread hook;

    Interruption() {
        hook = new Thread(() -> {
            stop.request();
            try {
                done.await(15, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "hyperopt-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    StopSignal signal() {
        return stop;
    }

    boolean isRequested() {
        return stop.isRequested();
    }

    /** The command is done: an interrupt waiting on it may let the JVM exit. */
    @Override
    public void close() {
        done.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: the JVM exits once it returns
        }
    }
}
