package dev.hyperopt.cli;

/** What several command tests need from the machine. */
final class TuneCommandTestSupport {
    private TuneCommandTestSupport() {}

    /** Whether python3 runs here (the test objectives are Python scripts). */
    static boolean python3() {
        try {
            Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
