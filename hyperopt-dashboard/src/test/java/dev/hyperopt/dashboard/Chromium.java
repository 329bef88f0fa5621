package dev.hyperopt.dashboard;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Headless Chromium driven through its command line, as the report's browser tests drive it:
 * {@code --dump-dom} prints the page after its scripts ran, {@code --screenshot} writes a PNG.
 * Each call gets a fresh profile and no network features beyond the page's own server.
 */
record Chromium(Path binary) {

    /** Where the browser is, or a skipped test when it is absent outside CI; under CI=true an absent browser fails. */
    static Chromium require() {
        Path found = find();
        if (found != null) return new Chromium(found);
        String message = "chromium is not installed (apt-get install chromium)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) Assertions.fail(message + ", and CI=true requires the browser tests to run");
        Assumptions.abort(message + "; skipping the browser tests (they run, and must pass, under CI=true)");
        return null;
    }

    private static Path find() {
        String path = System.getenv("PATH");
        if (path == null) return null;
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String dir : path.split(File.pathSeparator)) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) return p;
            }
        }
        return null;
    }

    /** What a run of the browser left: its exit status, the page on stdout, its log on stderr. */
    record Run(int exit, String out, String err) {
        /**
         * What the page wrote to the console: Chromium logs every console message and uncaught
         * exception to stderr as a ":CONSOLE" line; the dashboard's pages write none.
         */
        List<String> console() {
            List<String> lines = new ArrayList<>();
            for (String line : err.split("\n")) if (line.contains(":CONSOLE")) lines.add(line);
            return lines;
        }
    }

    /** The page at {@code url} after its scripts ran, laid out {@code width} pixels wide, after {@code virtualMillis} of page time. */
    Run dumpDom(String url, int width, int virtualMillis, Path scratch) throws IOException, InterruptedException {
        List<String> action = new ArrayList<>(List.of("--dump-dom", "--window-size=" + width + ",1000"));
        if (virtualMillis > 0) action.add("--virtual-time-budget=" + virtualMillis);
        return run(url, scratch, action);
    }

    Run screenshot(String url, Path png, int width, int height, Path scratch) throws IOException, InterruptedException {
        return run(url, scratch, List.of("--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height, "--hide-scrollbars"));
    }

    private Run run(String url, Path scratch, List<String> action) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(scratch, "profile");
        List<String> cmd = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-extensions", "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0"));
        cmd.addAll(action);
        cmd.add(url);
        Path out = scratch.resolve("chromium-" + System.nanoTime() + ".out");
        Path err = scratch.resolve("chromium-" + System.nanoTime() + ".err");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            Assertions.fail("chromium did not finish within 120 s: " + cmd);
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
}
