package dev.hyperopt.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Worker processes serving one study: {@code W} {@code hyperopt worker} processes and a
 * {@code hyperopt tune --workers} driver (random search, twice as many trials queued as
 * there are workers) on a shared store, with an objective that sleeps {@code MS}
 * milliseconds. The ideal time is {@code trials * MS / W}; the run's own time (first
 * suggestion to last result, as the driver prints it) is compared with it. Workers are
 * started, and have connected, before the driver starts. Target for PostgreSQL, 8 workers,
 * 400 trials of 100 ms: within 1.2 times the ideal 5 s. With {@code COMMAND} = {@code study}
 * (the default) workers run the objective command the study records, learnt once the driver
 * has created it; with {@code worker} each worker is given the command ({@code --objective-cmd})
 * and starts it while it waits.
 *
 * <pre>{@code
 * .ci/with-postgres.sh sh -c 'java -cp hyperopt-bench/target/benchmarks.jar dev.hyperopt.bench.WorkersBenchmark "$HYPEROPT_TEST_PG" 8 400 100'
 * }</pre>
 * The command is {@code bin/hyperopt} of the checkout the working folder is in, or the
 * executable that {@code HYPEROPT} names.
 */
public final class WorkersBenchmark {
    private static final Pattern ELAPSED = Pattern.compile("trials:\\s+(\\d+) \\(ok (\\d+), fail (\\d+)\\) in ([0-9.]+)(ms|s)");

    private WorkersBenchmark() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: WorkersBenchmark STORE-URL [WORKERS=8] [TRIALS=400] [MS=100] [COMMAND=study|worker]");
            System.exit(2);
        }
        String store = args[0];
        int workers = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int trials = args.length > 2 ? Integer.parseInt(args[2]) : 400;
        int ms = args.length > 3 ? Integer.parseInt(args[3]) : 100;
        boolean ownCommand = args.length > 4 && args[4].equals("worker");
        if (args.length > 4 && !ownCommand && !args[4].equals("study")) throw new IllegalArgumentException("COMMAND is study or worker, not " + args[4]);
        String command = System.getenv("HYPEROPT");
        Path hyperopt = Path.of(command != null && !command.isBlank() ? command : "bin/hyperopt").toAbsolutePath();
        if (!Files.isExecutable(hyperopt)) throw new IllegalStateException("run this from the project root: no " + hyperopt);
        Path dir = Files.createTempDirectory("hyperopt-workers-bench");
        Path space = dir.resolve("bench.hspace");
        Files.writeString(space, "space = {x: uniform(-5, 10), y: uniform(0, 15)}\n");
        Path objective = dir.resolve("sleep.py");
        Files.writeString(objective, "import json, sys, time\nfor line in sys.stdin:\n    time.sleep(" + ms / 1000.0
                + ")\n    print(json.dumps({'loss': 1.0}), flush=True)\n");
        String study = "bench-" + System.currentTimeMillis();

        List<Process> ws = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            List<String> cmd = new ArrayList<>(List.of(hyperopt.toString(), "worker", "--store", store, "--study", study, "--quiet"));
            if (ownCommand) cmd.addAll(List.of("--objective-cmd", "python3 " + objective));
            ws.add(new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("worker" + i + ".txt").toFile()).start());
        }
        // Every worker has connected once it says it waits for the study.
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        for (int i = 0; i < workers; i++) {
            Path out = dir.resolve("worker" + i + ".txt");
            while (System.nanoTime() < end && !(Files.exists(out) && Files.readString(out).contains("waiting for study"))) Thread.sleep(50);
        }
        long t0 = System.nanoTime();
        Process driver = new ProcessBuilder(hyperopt.toString(), "tune", space.toString(), "--workers", "--objective-cmd",
                "python3 " + objective, "--algo", "rand", "--max-evals", Integer.toString(trials), "--seed", "1",
                "--parallel", Integer.toString(2 * workers), "--store", store, "--study", study, "--quiet")
                .redirectErrorStream(true).redirectOutput(dir.resolve("driver.txt").toFile()).start();
        if (!driver.waitFor(600, TimeUnit.SECONDS)) throw new IllegalStateException("the driver did not finish in 10 minutes");
        double wall = (System.nanoTime() - t0) / 1e9;
        for (Process w : ws) w.waitFor(60, TimeUnit.SECONDS);
        String out = Files.readString(dir.resolve("driver.txt"));
        Matcher m = ELAPSED.matcher(out);
        if (driver.exitValue() != 0 || !m.find()) throw new IllegalStateException("the driver failed:\n" + out);
        double run = Double.parseDouble(m.group(4)) / (m.group(5).equals("ms") ? 1000 : 1);
        double ideal = trials * ms / 1000.0 / workers;
        System.out.printf(Locale.ROOT, "%d workers, %s trials (ok %s, fail %s) of %d ms on %s, objective command from the %s%n", workers,
                m.group(1), m.group(2), m.group(3), ms, store.replaceFirst("//[^@/]*@", "//"), ownCommand ? "workers" : "study");
        System.out.printf(Locale.ROOT, "run %.2f s = %.2fx the ideal %.2f s (driver process, start-up included: %.2f s)%n",
                run, run / ideal, ideal, wall);
    }
}
