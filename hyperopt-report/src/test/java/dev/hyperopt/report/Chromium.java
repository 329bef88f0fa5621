package dev.hyperopt.report;

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
 * Headless Chromium driven through its command line: {@code --dump-dom} prints the page
 * after its scripts ran, {@code --screenshot} writes a PNG. Each call gets a fresh profile
 * directory and no network features, so nothing is fetched or remembered.
 */
record Chromium(Path binary) {

    /** Where the browser is, or a skipped test when it is absent outside CI; under CI=true an absent browser fails. */
    static Chromium require() {
        return require(find(), System.getenv("CI"));
    }

    /** The decision of {@link #require()}, given what was found on the PATH and the value of CI. */
    static Chromium require(Path found, String ci) {
        if (found != null) return new Chromium(found);
        String message = "chromium is not installed (apt-get install chromium chromium-driver)";
        if ("true".equalsIgnoreCase(ci)) Assertions.fail(message + ", and CI=true requires the browser tests to run");
        Assumptions.abort(message + "; skipping the browser tests (they run, and must pass, under CI=true)");
        return null;
    }

    static Path find() {
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

    /** What a run of the browser left: its exit status, the page or nothing on stdout, its log on stderr, and the wall time. */
    record Run(int exit, String out, String err, long millis) {}

    Run dumpDom(Path html, Path scratch) throws IOException, InterruptedException {
        return dumpDom(html.toAbsolutePath().toUri().toString(), scratch);
    }

    /** The page at {@code url} (a fragment such as {@code #sort=loss} included) after its scripts ran. */
    Run dumpDom(String url, Path scratch) throws IOException, InterruptedException {
        return run(url, scratch, List.of("--dump-dom"));
    }

    /** The page after its scripts ran, laid out in a window {@code width} by {@code height} pixels. */
    Run dumpDom(String url, Path scratch, int width, int height) throws IOException, InterruptedException {
        return run(url, scratch, List.of("--dump-dom", "--window-size=" + width + "," + height));
    }

    Run screenshot(Path html, Path png, int width, int height, Path scratch) throws IOException, InterruptedException {
        return run(html.toAbsolutePath().toUri().toString(), scratch, List.of("--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height,
                "--hide-scrollbars"));
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
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            Assertions.fail("chromium did not finish within 120 s: " + cmd);
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8), ms);
    }

    /**
     * What the page wrote to the console. Chromium logs every console message and uncaught
     * exception to stderr as an INFO ":CONSOLE" line, whatever its level; the report writes
     * none, so any such line is a fault.
     */
    static List<String> consoleMessages(String stderr) {
        List<String> out = new ArrayList<>();
        for (String line : stderr.split("\n")) if (line.contains(":CONSOLE")) out.add(line);
        return out;
    }
}
