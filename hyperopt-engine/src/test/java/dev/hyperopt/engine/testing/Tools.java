package dev.hyperopt.engine.testing;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Programs that some tests run. Continuous integration ({@code CI} set, as {@code .ci/run}
 * runs) installs every one of them, so there a missing program fails the test; elsewhere
 * the test is skipped, saying what it needs.
 */
public final class Tools {
    private static final Map<String, Boolean> RUNS = new ConcurrentHashMap<>();

    private Tools() {}

    /** Fails or skips the calling test (see the class comment) unless {@code program --version} runs. */
    public static void require(String program) {
        if (!RUNS.computeIfAbsent(program, Tools::runs)) missing(program + " is needed for this test");
    }

    /** Fails the calling test under CI, skips it elsewhere. */
    public static void missing(String what) {
        String ci = System.getenv("CI");
        if (ci != null && !ci.isBlank()) Assertions.fail(what + " (CI is set, and .ci/run installs it)");
        Assumptions.abort(what);
    }

    private static boolean runs(String program) {
        try {
            Process p = new ProcessBuilder(program, "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
