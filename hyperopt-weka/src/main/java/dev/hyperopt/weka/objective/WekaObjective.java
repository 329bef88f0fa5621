package dev.hyperopt.weka.objective;

import dev.hyperopt.engine.api.Config;
import dev.hyperopt.engine.api.Objective;
import dev.hyperopt.engine.api.Outcome;
import dev.hyperopt.engine.api.TrialContext;
import dev.hyperopt.engine.objective.ChildJvmObjective;
import dev.hyperopt.weka.WekaBootstrap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import weka.core.Instances;
import weka.core.SerializationHelper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Scores each trial's pipeline by cross-validation on the training data, in a child JVM
 * (see {@link EvaluationWorker} for why): the engine's {@link ChildJvmObjective} keeps one
 * child per parallel slot, kills it when a trial outlives its time-out, and starts a fresh
 * one for the next trial. The training data are written once, serialized, to a temporary
 * file that {@link #close()} deletes. A trial's attachments hold its Weka command line,
 * the accuracy (or RMSE and MAE) and the seconds the evaluation took; its out-of-fold
 * predictions are kept here, in memory, for ensemble selection ({@link #scored()}).
 */
public final class WekaObjective implements Objective, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WekaObjective.class);
    private static final Pattern MEMORY = Pattern.compile("\\d+[kKmMgG]?");

    private final Path dataFile;
    private final ChildJvmObjective command;
    private final String memoryLimit;
    private final Map<Long, Scored> scored = new ConcurrentHashMap<>();
    private volatile SlowTrials slowTrials;

    /**
     * @param data        the training data, class attribute set
     * @param memoryLimit the child JVM's heap, as {@code -Xmx} takes it ({@code 1g}, {@code 512m})
     */
    public WekaObjective(Instances data, EvaluationSettings settings, String memoryLimit) {
        WekaBootstrap.init();
        Objects.requireNonNull(settings, "settings");
        if (data.classIndex() < 0) throw new IllegalArgumentException("the data set has no class attribute");
        if (memoryLimit == null || !MEMORY.matcher(memoryLimit).matches()) {
            throw new IllegalArgumentException("invalid memory limit '" + memoryLimit + "' (examples: 512m, 2g)");
        }
        this.memoryLimit = memoryLimit;
        try {
            dataFile = Files.createTempFile("hyperopt-weka-", ".instances");
            SerializationHelper.write(dataFile.toString(), data);
        } catch (Exception e) {
            throw new UncheckedIOException(new IOException("cannot write the training data for the trials: " + e.getMessage(), e));
        }
        List<String> args = List.of(dataFile.toString(), settings.metric().id(), Integer.toString(settings.folds()),
                Double.toString(settings.holdout()), Long.toString(settings.seed()));
        this.command = new ChildJvmObjective("Weka trial", EvaluationWorker.class, memoryLimit, jvmSettings(), args, line -> LOG.debug("{}", line));
    }

    private static List<String> jvmSettings() {
        List<String> out = new ArrayList<>();
        for (String[] p : WekaBootstrap.properties()) out.add("-D" + p[0] + "=" + p[1]);
        return out;
    }

    /**
     * Stops cross-validated trials that are both slow and poor after a fold (see {@link SlowTrials}):
     * null keeps every trial.
     */
    public WekaObjective stopSlowTrials(SlowTrials rule) {
        this.slowTrials = rule;
        return this;
    }

    /** The child JVM's heap limit. */
    public String memoryLimit() {
        return memoryLimit;
    }

    @Override
    public Outcome evaluate(TrialContext context) throws InterruptedException {
        SlowTrials slow = slowTrials;
        if (slow == null) return keepPredictions(context, command.evaluate(context));
        Outcome o = null;
        try {
            o = command.evaluate(context.alsoStoppingWhen(slow.start(context.trial())));
        } finally {
            slow.finish(context.trial(), o != null && o.ok(), o != null && o.attachments().get("seconds") instanceof Number n
                    ? n.doubleValue() : Double.NaN);
        }
        String why = slow.stoppedBecause(context.trial());
        if (o.isPruned() && why != null) {
            Map<String, Object> att = new LinkedHashMap<>(o.attachments());
            att.put("stopped", why);
            o = Outcome.pruned(att);
        }
        return keepPredictions(context, o);
    }

    /** Keeps an ok trial's out-of-fold predictions here rather than in its attachments. */
    private Outcome keepPredictions(TrialContext context, Outcome o) {
        if (!o.attachments().containsKey(OutOfFold.KEY)) return o;
        Map<String, Object> rest = new LinkedHashMap<>(o.attachments());
        Object predictions = rest.remove(OutOfFold.KEY);
        if (o.ok()) {
            try {
                scored.put(context.trial(), new Scored(context.trial(), context.config(), o.loss(), OutOfFold.fromAttachment(predictions)));
            } catch (RuntimeException e) {
                LOG.debug("trial {}: unreadable out-of-fold predictions: {}", context.trial(), e.getMessage());
            }
        }
        return new Outcome(o.ok(), o.loss(), o.error(), rest, o.isPruned());
    }

    /** A trial this objective scored ok, with its out-of-fold predictions. */
    public record Scored(long trial, Config config, double loss, OutOfFold outOfFold) {}

    /**
     * The trials this objective scored ok with their out-of-fold predictions, in trial order
     * (nominal classes only; trials of an earlier run or of other machines have none).
     */
    public List<Scored> scored() {
        return scored.values().stream().sorted(java.util.Comparator.comparingLong(Scored::trial)).toList();
    }

    /** Stops the child JVMs and deletes the data file. */
    @Override
    public void close() {
        command.close();
        try {
            Files.deleteIfExists(dataFile);
        } catch (IOException e) {
            LOG.debug("cannot delete {}: {}", dataFile, e.getMessage());
        }
    }
}
