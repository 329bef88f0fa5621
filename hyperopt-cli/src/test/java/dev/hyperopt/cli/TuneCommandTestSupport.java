package dev.hyperopt.cli;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What several command tests need from the machine. Continuous integration ({@code CI} set,
 * as {@code .ci/run} runs) provides all of it, so there a missing tool fails the test;
 * elsewhere the test is skipped, saying what it needs.
 */
final class TuneCommandTestSupport {
    private static final Map<String, Boolean> RUNS = new ConcurrentHashMap<>();

    private TuneCommandTestSupport() {}

    /** Fails or skips the calling test (see the class comment) unless {@code program --version} runs. */
    static void require(String program) {
        if (!RUNS.computeIfAbsent(program, TuneCommandTestSupport::runs)) missing(program + " is needed for this test");
    }

    /** Fails the calling test under CI, skips it elsewhere. */
    static void missing(String what) {
        String ci = System.getenv("CI");
        if (ci != null && !ci.isBlank()) Assertions.fail(what + " (CI is set, and .ci/run provides it)");
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
