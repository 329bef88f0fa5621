package dev.hyperopt.vision.cnn;

import dev.hyperopt.engine.api.Objective;
import dev.hyperopt.engine.api.Outcome;
import dev.hyperopt.engine.api.TrialContext;
import dev.hyperopt.nd4j.DivergenceException;
import dev.hyperopt.nd4j.TimeBudget;
import dev.hyperopt.vision.data.ImageSplits;
import dev.hyperopt.vision.pipeline.InvalidArchitectureException;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The loss of a {@code vision.cnn} configuration: the validation error of the net trained on
 * the training images, at its best epoch. The validation error after every epoch is reported
 * to the trial, and a pruner's answer to stop ends training there: the trial is then pruned. An architecture that does not fit the images (a
 * map that shrinks to nothing, too many parameters, too much memory, or running out of it)
 * is a failed trial whose reason starts with {@code invalid architecture:}, before any
 * training; so are a bad configuration and divergence, each with its reason. Cancellation
 * propagates to the engine, which fails the trial too.
 *
 * <p>A trial gets the smaller of its configuration's {@code max_seconds}, the
 * {@code maxSeconds} cap given here, and nine tenths of the time its trial timeout leaves;
 * past it, it keeps what it has reached.
 */
public final class CnnObjective implements Objective {
    private final ImageSplits data;
    private final double maxSeconds;
    private final Consumer<String> log;

    /**
     * @param maxSeconds a cap on each trial's time budget (0 for none)
     * @param log        receives one line per trial epoch, or null
     */
    public CnnObjective(ImageSplits data, double maxSeconds, Consumer<String> log) {
        this.data = Objects.requireNonNull(data, "data");
        if (!(maxSeconds >= 0)) throw new IllegalArgumentException("max seconds must be >= 0, got " + maxSeconds);
        this.maxSeconds = maxSeconds;
        this.log = log;
    }

    public ImageSplits data() {
        return data;
    }

    /** The time a configuration's training gets: its own {@code max_seconds} under this objective's cap. */
    public double seconds(CnnSpec spec) {
        return maxSeconds > 0 ? Math.min(spec.maxSeconds(), maxSeconds) : spec.maxSeconds();
    }

    @Override
    public Outcome evaluate(TrialContext context) {
        CnnSpec spec;
        try {
            spec = CnnSpec.from(context.config());
        } catch (IllegalArgumentException e) {
            return Outcome.fail("bad configuration: " + e.getMessage());
        }
        double seconds = seconds(spec);
        if (context.remaining().isPresent()) {
            Duration left = context.remaining().get();
            seconds = Math.min(seconds, Math.max(0.0, left.toMillis() / 1000.0 * 0.9));
        }
        TimeBudget budget = TimeBudget.seconds(seconds, context::isCancelled);
        Consumer<String> trialLog = log == null ? null : line -> log.accept("trial " + context.trial() + ": " + line);
        CnnTrainer.Training t;
        try {
            t = CnnTrainer.train(spec, data.train(), data.valid(), budget, (epoch, validError) -> {
                context.report(epoch, validError);
                return context.shouldPrune();
            }, trialLog);
        } catch (InvalidArchitectureException e) {
            return Outcome.fail("invalid architecture: " + e.getMessage(), Map.of("blocks", spec.blocks().size()));
        } catch (OutOfMemoryError e) {
            return Outcome.fail("invalid architecture: out of memory (" + (e.getMessage() == null ? "OutOfMemoryError" : e.getMessage()) + ")",
                    Map.of("blocks", spec.blocks().size()));
        } catch (DivergenceException e) {
            return Outcome.fail(e.getMessage(), Map.of("blocks", spec.blocks().size()));
        }
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("blocks", spec.blocks().size());
        info.put("parameters", t.parameters());
        info.put("best_epoch", t.bestEpoch());
        info.put("epochs", t.epochs());
        info.put("stopped_by", t.stoppedBy());
        info.put("seconds", Math.round(t.seconds() * 1000) / 1000.0);
        if (t.bestEpoch() < 1) return Outcome.fail("no epoch finished within " + seconds + " s", info);
        if (t.stoppedBy().equals("pruned")) return Outcome.pruned(info);
        return Outcome.ok(t.validError(), info);
    }
}
