package dev.hyperopt.engine.objective;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hyperopt.engine.api.Objective;
import dev.hyperopt.engine.api.Outcome;
import dev.hyperopt.engine.store.StoreException;
import dev.hyperopt.engine.api.TrialContext;
import dev.hyperopt.engine.api.Durations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * An objective that is an external program speaking the JSON-lines protocol: the program
 * is started with {@code sh -c CMD} and kept running; for each trial it gets one line
 * {@code {"trial": n, "config": {...}, "labels": {...}}} on its standard input and answers
 * with one line such as {@code {"loss": 0.25}}, {@code {"loss": 0.25, "attachments": {...}}}
 * or {@code {"status": "fail", "error": "diverged"}} on its standard output. Before that
 * final reply it may report intermediate values, {@code {"report": {"step": 3, "value": 0.41}}},
 * each answered with {@code {"prune": false}} or {@code {"prune": true}}; after a prune
 * answer the trial ends as pruned whatever the program replies.
 *
 * <p>Trials running in parallel each get their own copy of the program (one per evaluation
 * slot, started when first needed). A reply whose loss is missing, NaN or infinite, a reply
 * that is not a JSON object, a program that exits, and a trial past its deadline fail that
 * trial with the reason; that copy of the program is then stopped and a fresh one is started
 * for the next trial. The program's standard error goes, line by line, to a log sink and
 * never into the protocol.
 */
public final class CommandObjective implements Objective, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CommandObjective.class);
    private static final int MAX_QUOTED = 200;

    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_LONG_FOR_INTS)
            .build();

    private final String command;
    private final Path directory;
    private final Consumer<String> stderr;
    private final boolean sendTimeLeft;
    private final ConcurrentLinkedDeque<Worker> idle = new ConcurrentLinkedDeque<>();
    private final Set<Worker> all = ConcurrentHashMap.newKeySet();
    private final AtomicInteger started = new AtomicInteger();
    private volatile boolean closed;

    /** Runs {@code command} in the current directory; its standard error is logged. */
    public CommandObjective(String command) {
        this(command, null, null);
    }

    /**
     * @param directory where the program runs, or null for the current directory
     * @param stderr    receives each line the program writes to standard error, prefixed with
     *                  {@code [objective N]} where N counts the copies started; null to log them
     */
    public CommandObjective(String command, Path directory, Consumer<String> stderr) {
        this(command, directory, stderr, false);
    }

    /**
     * @param sendTimeLeft whether each request also carries {@code "seconds_left"}, the time the
     *                     trial has before it is killed (absent when it has no limit), so that a
     *                     program that can stop on its own stops before the kill
     */
    public CommandObjective(String command, Path directory, Consumer<String> stderr, boolean sendTimeLeft) {
        if (command == null || command.isBlank()) throw new IllegalArgumentException("the objective command is empty");
        this.command = command;
        this.directory = directory;
        this.stderr = stderr != null ? stderr : line -> LOG.info("{}", line);
        this.sendTimeLeft = sendTimeLeft;
    }

    /** The process ids of the copies of the program running now. */
    public List<Long> processIds() {
        return all.stream().filter(w -> w.process.isAlive()).map(w -> w.process.pid()).sorted().toList();
    }

    public String command() {
        return command;
    }

    /** How many copies of the program were started so far (restarts included). */
    public int processesStarted() {
        return started.get();
    }

    /**
     * Starts copies of the program now, up to {@code copies} idle ones, so that a caller that
     * knows the command before its first trial (a worker waiting for trials) does not pay
     * the program's start-up, and the first reply's parsing, inside that trial.
     */
    public void prestart(int copies) throws IOException {
        if (closed) throw new IllegalStateException("the objective is closed");
        JSON.readTree("{\"loss\": 0.5, \"attachments\": {}}");
        while (idle.size() < copies) idle.addLast(new Worker(started.incrementAndGet()));
    }

    @Override
    public Outcome evaluate(TrialContext context) throws InterruptedException {
        if (closed) throw new IllegalStateException("the objective is closed");
        Worker w = idle.pollFirst();
        if (w == null || !w.process.isAlive()) {
            if (w != null) w.destroy();
            try {
                w = new Worker(started.incrementAndGet());
            } catch (IOException e) {
                return Outcome.fail("cannot start objective command: " + e.getMessage());
            }
        }
        boolean keep = false;
        try {
            Exchange x = w.exchange(context);
            keep = x.keep;
            return x.outcome;
        } finally {
            if (keep && !closed) idle.addFirst(w);
            else w.destroy();
        }
    }

    /** Ends every copy of the program: closes its input, waits a little, then kills it. */
    @Override
    public void close() {
        closed = true;
        for (Worker w : all) w.closeInput();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        for (Worker w : all) {
            try {
                long left = end - System.nanoTime();
                if (left > 0) w.process.waitFor(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (Worker w : all) w.destroy();
        idle.clear();
    }

    record Exchange(Outcome outcome, boolean keep) {
        static Exchange protocolFailure(String reason) {
            return new Exchange(Outcome.fail(reason), false);
        }
    }

    /** A reply line, or the end of the program's output. */
    private record Line(String text) {
        static final Line EOF = new Line(null);
    }

    /** One running copy of the program with its pipes and pump threads. */
    private final class Worker {
        final int id;
        final Process process;
        final BufferedWriter in;
        final BlockingQueue<Line> lines = new LinkedBlockingQueue<>();
        /** The program's last non-blank line on standard error: why it died, more often than not. */
        private volatile String lastError;
        private final Thread errorPump;

        Worker(int id) throws IOException {
            this.id = id;
            ProcessBuilder pb = new ProcessBuilder(List.of("sh", "-c", command));
            if (directory != null) pb.directory(directory.toFile());
            this.process = pb.start();
            all.add(this);
            this.in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
            String prefix = "[objective " + id + "] ";
            daemon("objective-" + id + "-stdout", () -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String s;
                    while ((s = r.readLine()) != null) lines.add(new Line(s));
                } catch (IOException ignored) {
                    // the program was killed; EOF follows
                }
                lines.add(Line.EOF);
            });
            errorPump = daemon("objective-" + id + "-stderr", () -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                    String s;
                    while ((s = r.readLine()) != null) {
                        if (!s.isBlank()) lastError = s.strip();
                        stderr.accept(prefix + s);
                    }
                } catch (IOException ignored) {
                    // the program was killed
                }
            });
        }

        Exchange exchange(TrialContext ctx) throws InterruptedException {
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("trial", ctx.trial());
            request.put("config", ctx.config() == null ? null : ctx.config().value());
            request.put("labels", ctx.labels());
            if (sendTimeLeft && ctx.remaining().isPresent()) request.put("seconds_left", Math.max(0, ctx.remaining().get().toMillis()) / 1000.0);
            try {
                in.write(JSON.writeValueAsString(request));
                in.write('\n');
                in.flush();
            } catch (IOException e) {
                return Exchange.protocolFailure(exited("before reading the trial"));
            }
            boolean pruneAnswered = false;
            while (true) {
                Line line = next(ctx);
                if (line == null) {
                    return Exchange.protocolFailure(ctx.isPastDeadline()
                            ? "timed out after " + Durations.format(ctx.timeLimit().orElseThrow())
                            : "cancelled: the run is stopping");
                }
                if (line == Line.EOF) return Exchange.protocolFailure(exited("before replying"));
                if (line.text.isBlank()) continue;
                JsonNode report = reportOf(line.text);
                if (report == null) {
                    Exchange x = parse(line.text);
                    // Once told to stop, whatever the program answers ends the trial as pruned.
                    return pruneAnswered ? new Exchange(Outcome.pruned(x.outcome.attachments()), x.keep) : x;
                }
                String failure = report(ctx, report);
                if (failure != null) return Exchange.protocolFailure(failure);
                pruneAnswered = ctx.shouldPrune();
                try {
                    in.write(pruneAnswered ? "{\"prune\": true}\n" : "{\"prune\": false}\n");
                    in.flush();
                } catch (IOException e) {
                    return Exchange.protocolFailure(exited("after a report"));
                }
            }
        }

        /** Records one {@code {"report": {"step": N, "value": X}}}; the reason it is refused, or null. */
        private String report(TrialContext ctx, JsonNode report) {
            JsonNode step = report.get("step");
            JsonNode value = report.get("value");
            if (!report.isObject() || step == null || value == null) {
                return "report is not {\"step\": N, \"value\": X}: " + quote(report.toString());
            }
            if (!step.isIntegralNumber() || step.longValue() < 0) return "report's step is not an integer >= 0: " + quote(step.toString());
            if (!value.isNumber()) return "report's value is not a number: " + quote(value.toString());
            double v = value.doubleValue();
            if (!Double.isFinite(v)) return "report's value is " + (Double.isNaN(v) ? "NaN" : v > 0 ? "infinite" : "-infinite") + " at step " + step.longValue();
            try {
                ctx.report(step.longValue(), v);
                return null;
            } catch (IllegalArgumentException | StoreException e) {
                return "report refused: " + e.getMessage();
            }
        }

        /** The next line, or null when the trial's deadline passes or the run is stopping first. */
        private Line next(TrialContext ctx) throws InterruptedException {
            while (true) {
                long waitMs = 100;
                Optional<Duration> remaining = ctx.remaining();
                if (remaining.isPresent()) {
                    if (ctx.isPastDeadline()) return null;
                    waitMs = Math.min(waitMs, Math.max(1, remaining.get().toMillis()));
                }
                Line l = lines.poll(waitMs, TimeUnit.MILLISECONDS);
                if (l != null) return l;
                if (ctx.isCancelled()) {
                    if (Thread.currentThread().isInterrupted()) throw new InterruptedException("trial cancelled");
                    return null;
                }
            }
        }

        private String exited(String when) {
            try {
                if (process.waitFor(2, TimeUnit.SECONDS)) {
                    errorPump.join(2000);  // its last words are on their way through the pipe
                    String said = lastError;
                    return "objective program exited with status " + process.exitValue() + " " + when
                            + (said == null ? "" : " (it said: " + abbreviate(said) + ")");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "objective program closed its output " + when;
        }

        void closeInput() {
            try {
                in.close();
            } catch (IOException ignored) {
                // already gone
            }
        }

        void destroy() {
            // The shell first, so that it cannot report its child's death ("Killed") on standard error.
            List<ProcessHandle> children = process.descendants().toList();
            process.destroyForcibly();
            children.forEach(ProcessHandle::destroyForcibly);
            closeInput();
            all.remove(this);
        }
    }

    /** The {@code report} member of a line that is a report, or null for any other line. */
    static JsonNode reportOf(String text) {
        if (!text.contains("\"report\"")) return null;
        try {
            JsonNode node = JSON.readTree(text);
            return node instanceof ObjectNode o && o.has("report") && !o.has("loss") && !o.has("status") ? o.get("report") : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** Reads one reply line into an outcome; only a well-formed reply keeps the program running. */
    static Exchange parse(String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return Exchange.protocolFailure("reply is not JSON: " + quote(text));
        }
        if (!(node instanceof ObjectNode reply)) {
            return Exchange.protocolFailure("reply is not a JSON object: " + quote(text));
        }
        Map<String, Object> attachments = Map.of();
        JsonNode att = reply.get("attachments");
        if (att != null && !att.isNull()) {
            if (!att.isObject()) return Exchange.protocolFailure("reply's attachments are not a JSON object: " + quote(text));
            attachments = JSON.convertValue(att, JSON.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, Object.class));
        }
        JsonNode status = reply.get("status");
        String s = status == null || status.isNull() ? "ok" : status.isTextual() ? status.asText() : status.toString();
        if (s.equals("fail")) {
            JsonNode err = reply.get("error");
            String reason = err == null || err.isNull() ? "objective reported failure"
                    : err.isTextual() ? err.asText() : err.toString();
            return new Exchange(Outcome.fail(reason, attachments), true);
        }
        if (s.equals("pruned")) return new Exchange(Outcome.pruned(attachments), true);
        if (!s.equals("ok")) return Exchange.protocolFailure("reply has unknown status " + quote(status.toString()) + " (ok, fail or pruned)");
        JsonNode loss = reply.get("loss");
        if (loss == null || loss.isNull()) return Exchange.protocolFailure("reply has no loss: " + quote(text));
        if (!loss.isNumber()) return Exchange.protocolFailure("loss is not a number: " + quote(loss.toString()));
        double l = loss.doubleValue();
        if (Double.isNaN(l)) return Exchange.protocolFailure("loss is NaN");
        if (Double.isInfinite(l)) return Exchange.protocolFailure("loss is " + (l > 0 ? "infinite" : "-infinite"));
        return new Exchange(Outcome.ok(l, attachments), true);
    }

    private static String quote(String text) {
        String t = text.strip();
        return t.length() <= MAX_QUOTED ? t : t.substring(0, MAX_QUOTED) + "...";
    }

    /** A line of the program's standard error as it reads in a trial's reason: one line, not too long. */
    private static String abbreviate(String line) {
        return line.length() <= 200 ? line : line.substring(0, 197) + "...";
    }

    private static Thread daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Override
    public String toString() {
        return "command objective: " + Objects.toString(command);
    }
}
