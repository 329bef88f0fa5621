package dev.hyperopt.engine.objective;

import dev.hyperopt.engine.testing.Tools;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The test objectives under {@code src/test/resources/objectives}, as shell commands. */
public final class Scripts {
    private Scripts() {}

    /** {@code python3 plan.py PLAN [extra]}; python3 missing fails the test under CI and skips it elsewhere. */
    public static String plan(String plan, String... extra) {
        Tools.require("python3");
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
}
