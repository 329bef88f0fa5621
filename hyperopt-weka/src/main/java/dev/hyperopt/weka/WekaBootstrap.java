package dev.hyperopt.weka;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Settings Weka needs before its first class loads. The netlib natives are excluded from
 * the build, so BLAS, LAPACK and ARPACK must be the pure-Java F2J ones, or the first class
 * that touches {@code Capabilities} fails to initialise. The package manager stays offline
 * and loads no installed packages, so runs are reproducible and make no network calls.
 * Every entry point of this module calls {@link #init()} first.
 */
public final class WekaBootstrap {
    /** The system properties set here, in the order a child JVM is given them. */
    static final String[][] PROPERTIES = {
            {"com.github.fommil.netlib.BLAS", "com.github.fommil.netlib.F2jBLAS"},
            {"com.github.fommil.netlib.LAPACK", "com.github.fommil.netlib.F2jLAPACK"},
            {"com.github.fommil.netlib.ARPACK", "com.github.fommil.netlib.F2jARPACK"},
            {"weka.packageManager.offline", "true"},
            {"weka.packageManager.loadPackages", "false"},
            {"java.awt.headless", "true"},
    };

    static {
        for (String[] p : PROPERTIES) {
            if (System.getProperty(p[0]) == null) System.setProperty(p[0], p[1]);
        }
        if (System.getProperty("WEKA_HOME") == null && System.getenv("WEKA_HOME") == null) {
            // Weka would otherwise create ~/wekafiles on first use.
            System.setProperty("WEKA_HOME", Path.of(System.getProperty("java.io.tmpdir"), "hyperopt-wekafiles").toString());
        }
    }

    private WekaBootstrap() {}

    /** Makes sure the settings are in place; cheap after the first call. */
    public static void init() {
        // the static initialiser does the work
    }

    /** The properties a child JVM needs for the same settings: name and value pairs, WEKA_HOME included. */
    public static List<String[]> properties() {
        List<String[]> out = new ArrayList<>();
        for (String[] p : PROPERTIES) out.add(new String[]{p[0], System.getProperty(p[0])});
        String home = System.getProperty("WEKA_HOME", System.getenv("WEKA_HOME"));
        if (home != null) out.add(new String[]{"WEKA_HOME", home});
        return out;
    }
}
