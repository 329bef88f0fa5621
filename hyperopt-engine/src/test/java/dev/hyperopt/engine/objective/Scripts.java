package dev.hyperopt.engine.objective;

import org.junit.jupiter.api.Assumptions;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The test objectives under {@code src/test/resources/objectives}, as shell commands. */
public final class Scripts {
    private Scripts() {}

    /** {@code python3 plan.py PLAN [extra]}; skips the test when python3 is missing. */
    public static String plan(String plan, String... extra) {
        assumePython();
        StringBuilder sb = new StringBuilder("python3 '").append(path("plan.py")).append("' ").append(plan);
        for (String e : extra) sb.append(' ').append(e);
        return sb.toString();
    }

    public static Path path(String name) {
        try {
            return Path.of(Scripts.class.getResource("/objectives/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static void assumePython() {
        boolean ok;
        try {
            Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            ok = p.waitFor() == 0;
        } catch (Exception e) {
            ok = false;
        }
        Assumptions.assumeTrue(ok, "python3 is needed for this test");
    }
}
