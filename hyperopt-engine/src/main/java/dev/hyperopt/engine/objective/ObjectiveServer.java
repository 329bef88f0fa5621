package dev.hyperopt.engine.objective;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hyperopt.engine.api.Config;
import dev.hyperopt.engine.api.Objective;
import dev.hyperopt.engine.api.Outcome;
import dev.hyperopt.engine.api.Reporter;
import dev.hyperopt.engine.api.TrialContext;
import dev.hyperopt.engine.api.TrialPrunedException;

import java.io.BufferedReader;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The child's side of {@link ChildJvmObjective}: serves an objective over the command
 * objective's protocol on standard input and output, one trial at a time, until its input
 * ends. Each report the objective makes is sent to the parent, whose answer (the run's
 * pruner) is what {@link TrialContext#shouldPrune()} then says. A trial that runs out of
 * memory fails with that reason and the child exits after replying, so that the next trial
 * starts in a fresh JVM rather than in whatever memory state the failure left.
 */
public final class ObjectiveServer {
    /** Test hook: the trial number at which the child halts at once, as a native crash would end it. */
    public static final String HALT_AT_TRIAL = "hyperopt.child.test.halt-at-trial";
    /** Test hook: the trial number at which the child stops answering, as a training loop that never ends would. */
    public static final String STALL_AT_TRIAL = "hyperopt.child.test.stall-at-trial";

    private ObjectiveServer() {}

    /**
     * Serves {@code objective} (built only once the protocol's output is set aside, so that
     * whatever it prints goes to standard error) until standard input ends, then exits.
     */
    public static void serve(Supplier<? extends Objective> objective) {
        // Only protocol lines go to the real standard output; anything a library prints goes to standard error.
        PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        Objective served;
        try {
            served = objective.get();
        } catch (RuntimeException | LinkageError | OutOfMemoryError e) {
            // The first trial's reply carries the reason, so that it does not read as a bare exit status.
            String reason = "cannot start the objective: " + describe(e);
            System.err.println(reason);
            try {
                if (in.readLine() != null) {
                    protocol.println(CommandObjective.JSON.writeValueAsString(Map.of("status", "fail", "error", reason)));
                    protocol.flush();
                }
            } catch (IOException ignored) {
                // the parent is gone
            }
            System.exit(2);
            return;
        }
        try {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) continue;
                boolean exit = serveOne(served, line, in, protocol);
                if (exit) System.exit(3);
            }
        } catch (IOException e) {
            System.exit(4);
        }
        System.exit(0);
    }

    private static boolean serveOne(Objective objective, String line, BufferedReader in, PrintStream protocol) throws IOException {
        JsonNode request = CommandObjective.JSON.readTree(line);
        long trial = request.path("trial").asLong();
        hooks(trial);
        Object config = CommandObjective.JSON.convertValue(request.get("config"), Object.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> labels = request.hasNonNull("labels")
                ? CommandObjective.JSON.convertValue(request.get("labels"), Map.class) : Map.of();
        Duration limit = request.hasNonNull("seconds_left") ? Duration.ofMillis((long) (request.get("seconds_left").asDouble() * 1000)) : null;
        Reporter reporter = (t, value) -> {
            try {
                protocol.println(CommandObjective.JSON.writeValueAsString(Map.of("report", Map.of("step", value.step(), "value", value.value()))));
                protocol.flush();
                String answer = in.readLine();
                if (answer == null) throw new EOFException("the parent closed the protocol");
                return CommandObjective.JSON.readTree(answer).path("prune").asBoolean(false);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        TrialContext context = new TrialContext(trial, config == null ? null : Config.of(config), labels, limit, null, reporter);
        Map<String, Object> reply = new LinkedHashMap<>();
        boolean exit = false;
        try {
            Outcome o = objective.evaluate(context);
            if (o.isPruned()) reply.put("status", "pruned");
            else if (!o.ok()) {
                reply.put("status", "fail");
                reply.put("error", o.error());
                exit = o.error() != null && o.error().startsWith("out of memory");
            } else reply.put("loss", o.loss());
            reply.put("attachments", o.attachments());
        } catch (TrialPrunedException e) {
            reply.put("status", "pruned");
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (OutOfMemoryError e) {
            reply.put("status", "fail");
            reply.put("error", "out of memory: " + (e.getMessage() == null ? "the heap's limit is "
                    + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB" : e.getMessage()));
            exit = true;
        } catch (StackOverflowError e) {
            reply.put("status", "fail");
            reply.put("error", "stack overflow");
        } catch (Exception | LinkageError e) {
            reply.put("status", "fail");
            reply.put("error", describe(e));
        }
        protocol.println(CommandObjective.JSON.writeValueAsString(reply));
        protocol.flush();
        return exit;
    }

    private static void hooks(long trial) {
        if (Long.toString(trial).equals(System.getProperty(HALT_AT_TRIAL))) Runtime.getRuntime().halt(134);
        if (Long.toString(trial).equals(System.getProperty(STALL_AT_TRIAL))) {
            Object never = new Object();
            synchronized (never) {
                while (true) {
                    try {
                        never.wait();
                    } catch (InterruptedException ignored) {
                        // keep stalling: only a kill ends this trial
                    }
                }
            }
        }
    }

    /** The first line of the innermost message of {@code e}, with its kind where that says more. */
    public static String describe(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && (t.getMessage() == null || t.getMessage().isBlank())) t = t.getCause();
        String m = t.getMessage();
        String name = t.getClass().getSimpleName();
        if (m == null || m.isBlank()) return name;
        String first = m.lines().map(String::strip).filter(s -> !s.isEmpty()).findFirst().orElse(m);
        return t instanceof IllegalArgumentException ? first : name + ": " + first;
    }
}
