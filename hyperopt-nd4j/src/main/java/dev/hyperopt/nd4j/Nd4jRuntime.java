package dev.hyperopt.nd4j;

import org.nd4j.linalg.factory.Nd4j;

/**
 * Starts ND4J the way the neural-net modules need it: one native thread. On small machines ND4J runs
 * two to four times faster with one OpenMP thread than with its default of one per core,
 * and parallel trials already use the other cores.
 */
public final class Nd4jRuntime {
    private static volatile boolean started;

    private Nd4jRuntime() {}

    /** Idempotent; every entry point that touches ND4J calls it first. */
    public static void start() {
        if (started) return;
        synchronized (Nd4jRuntime.class) {
            if (started) return;
            Nd4j.getEnvironment().setMaxThreads(1);
            Nd4j.getEnvironment().setMaxMasterThreads(1);
            started = true;
        }
    }

    /**
     * Sets the native threads of the operations that follow: more than one only where nothing
     * else trains at the same time (one refit after the trials), where it runs about 15% faster
     * on two cores.
     */
    public static void threads(int n) {
        if (n < 1) throw new IllegalArgumentException("threads must be >= 1, got " + n);
        start();
        Nd4j.getEnvironment().setMaxThreads(n);
        Nd4j.getEnvironment().setMaxMasterThreads(n);
    }
}
