package dev.hyperopt.suite.fidelity;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The Python interpreter the twin and anchor tests run: {@code HYPEROPT_BENCH_PYTHON} when
 * set, else {@code python3}. Continuous integration ({@code CI} set, as {@code .ci/run} runs)
 * installs Python and Optuna, so there a missing one fails the test; elsewhere the test is
 * skipped, saying what it needs.
 */
final class PythonTools {
    private PythonTools() {}

    static String python() {
        String p = System.getenv("HYPEROPT_BENCH_PYTHON");
        return p == null || p.isBlank() ? "python3" : p;
    }

    /** The interpreter, which must run. */
    static String requirePython() {
        if (!runs(python(), "-c", "pass")) missing(python() + " is needed for this test");
        return python();
    }

    /** The interpreter, which must import Optuna. */
    static String requireOptuna() {
        if (!runs(requirePython(), "-c", "import optuna")) {
            missing(python() + " cannot import optuna (Debian: python3-optuna; or set HYPEROPT_BENCH_PYTHON to an interpreter that has it)");
        }
        return python();
    }

    private static void missing(String what) {
        String ci = System.getenv("CI");
        if (ci != null && !ci.isBlank()) Assertions.fail(what + " (CI is set, and .ci/run installs it)");
        Assumptions.abort(what);
    }

    private static boolean runs(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
