package dev.hyperopt.engine.objective;

import dev.hyperopt.engine.api.Objective;
import dev.hyperopt.engine.api.Outcome;
import dev.hyperopt.engine.api.TrialContext;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs an objective's trials in child JVMs: a {@link CommandObjective} whose program is
 * {@code java ... MAIN ARGS} on this JVM's class path, where MAIN serves an objective with
 * {@link ObjectiveServer}. There is one child per parallel slot, kept between trials; a trial
 * past its time-out has its child killed (threads that never look at interrupts and native
 * memory die with it), and a child that exits or crashes fails its trial only; the next trial
 * gets a fresh child. Reports and prune answers cross the process boundary as the command
 * objective's protocol carries them; each request carries the time the trial has left, so
 * that the child stops on its own first where it can.
 */
public final class ChildJvmObjective implements Objective, AutoCloseable {
    /** The class path children get, where it differs from this JVM's (a launcher's class-data archive). */
    public static final String CLASSPATH_PROPERTY = "hyperopt.child.classpath";

    private static final Logger LOG = LoggerFactory.getLogger(ChildJvmObjective.class);
    private static final Pattern EXITED = Pattern.compile("objective program exited with status (-?\\d+) (.*)");
    private static final Pattern MEMORY = Pattern.compile("\\d+[kKmMgG]?");

    private final CommandObjective command;
    private final String name;

    /**
     * @param name       what the trials are, for reasons ("DL4J trial")
     * @param mainClass  the child's program; its {@code main} calls {@link ObjectiveServer#serve}
     * @param heap       the child's {@code -Xmx} ({@code 1g}, {@code 512m})
     * @param jvmOptions further JVM options ({@code -Dkey=value})
     * @param args       the program's arguments
     * @param stderr     receives the children's standard error lines, or null to log them at debug level
     */
    public ChildJvmObjective(String name, Class<?> mainClass, String heap, List<String> jvmOptions, List<String> args,
                             Consumer<String> stderr) {
        this.name = Objects.requireNonNull(name, "name");
        if (heap == null || !MEMORY.matcher(heap).matches()) {
            throw new IllegalArgumentException("invalid memory limit '" + heap + "' (examples: 512m, 2g)");
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + heap);
        cmd.add("-XX:+UseSerialGC");
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty(CLASSPATH_PROPERTY, System.getProperty("java.class.path")));
        cmd.add(mainClass.getName());
        cmd.addAll(args);
        StringBuilder sh = new StringBuilder("exec");
        for (String a : cmd) sh.append(' ').append(shellQuote(a));
        // A child's standard error is mostly its libraries' start-up chatter: logged at debug level unless asked for.
        this.command = new CommandObjective(sh.toString(), null, stderr != null ? stderr : line -> LOG.debug("{}", line), true);
    }

    @Override
    public Outcome evaluate(TrialContext context) throws InterruptedException {
        Outcome o = command.evaluate(context);
        if (o.ok() || o.isPruned() || o.error() == null) return o;
        Matcher m = EXITED.matcher(o.error());
        if (m.matches()) {
            int status = Integer.parseInt(m.group(1));
            return new Outcome(false, o.loss(), name + "'s process " + describeExit(status) + " " + m.group(2), o.attachments(), false);
        }
        if (o.error().startsWith("objective program closed its output")) {
            return new Outcome(false, o.loss(), name + "'s process" + o.error().substring("objective program".length()), o.attachments(), false);
        }
        return o;
    }

    private static String describeExit(int status) {
        if (status > 128) return "crashed (exit status " + status + ", signal " + (status - 128) + ")";
        return "exited with status " + status;
    }

    /** The program line the children run. */
    public String command() {
        return command.command();
    }

    /** How many children were started so far (restarts included). */
    public int processesStarted() {
        return command.processesStarted();
    }

    /** The process ids of the children running now. */
    public List<Long> processIds() {
        return command.processIds();
    }

    /** Starts up to {@code copies} idle children now, outside any trial's time. */
    public void prestart(int copies) throws java.io.IOException {
        command.prestart(copies);
    }

    /** Stops every child. */
    @Override
    public void close() {
        command.close();
    }

    static String shellQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
