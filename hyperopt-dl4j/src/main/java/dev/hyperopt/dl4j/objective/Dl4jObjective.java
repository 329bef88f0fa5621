package dev.hyperopt.dl4j.objective;

import dev.hyperopt.nd4j.EpochListener;
import dev.hyperopt.dl4j.model.MlpSpec;
import dev.hyperopt.dl4j.model.ModelSpec;
import dev.hyperopt.dl4j.model.Pretraining;
import dev.hyperopt.dl4j.model.TrainedNet;
import dev.hyperopt.engine.api.Config;
import dev.hyperopt.engine.api.Objective;
import dev.hyperopt.engine.api.Outcome;
import dev.hyperopt.engine.api.Trial;
import dev.hyperopt.engine.api.TrialContext;
import dev.hyperopt.nd4j.DivergenceException;
import dev.hyperopt.nd4j.TimeBudget;
import dev.hyperopt.nd4j.data.DataSplits;
import dev.hyperopt.nd4j.data.Dataset;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The loss of a configuration of the family: its validation error after training with early
 * stopping (and pretraining, for nets of hyperopt-dbn's kind). The validation error after
 * every epoch is reported to the trial, and a pruner's answer to stop ends training there: the
 * trial is then pruned. Divergence, running out of memory and a configuration
 * the family cannot build are failed trials with their reason; cancellation (a trial
 * timeout, a stopped run) propagates to the engine, which fails the trial too.
 *
 * <p>A trial gets the smaller of its configuration's {@code max_seconds}, the
 * {@code maxSeconds} cap given here, and nine tenths of the time its trial timeout leaves;
 * when that soft budget runs out it returns what it has reached.
 */
public final class Dl4jObjective implements Objective {
    private final DataSplits data;
    private final int maxUnits;
    private final double maxSeconds;
    private final Consumer<String> log;
    private final List<Kept> kept = new ArrayList<>();

    /**
     * @param maxUnits   a cap on layer widths (0 for none)
     * @param maxSeconds a cap on each trial's soft time budget (0 for none)
     * @param log        receives training progress lines, or null
     */
    public Dl4jObjective(DataSplits data, int maxUnits, double maxSeconds, Consumer<String> log) {
        this.data = Objects.requireNonNull(data, "data");
        if (maxUnits < 0) throw new IllegalArgumentException("max units must be >= 0, got " + maxUnits);
        if (maxSeconds < 0) throw new IllegalArgumentException("max seconds must be >= 0, got " + maxSeconds);
        this.maxUnits = maxUnits;
        this.maxSeconds = maxSeconds;
        this.log = log;
    }

    public DataSplits data() {
        return data;
    }

    @Override
    public Outcome evaluate(TrialContext context) {
        ModelSpec spec;
        try {
            spec = ModelSpec.from(context.config(), maxUnits);
        } catch (IllegalArgumentException e) {
            return Outcome.fail("bad configuration: " + e.getMessage());
        }
        double seconds = spec.maxSeconds();
        if (maxSeconds > 0) seconds = Math.min(seconds, maxSeconds);
        if (context.remaining().isPresent()) {
            Duration left = context.remaining().get();
            seconds = Math.min(seconds, Math.max(0.0, left.toMillis() / 1000.0 * 0.9));
        }
        TimeBudget budget = TimeBudget.seconds(seconds, context::isCancelled);
        Consumer<String> trialLog = log == null ? null : line -> log.accept("trial " + context.trial() + ": " + line);
        EpochListener epochs = (epoch, validError) -> {
            context.report(epoch, validError);
            return context.shouldPrune();
        };
        TrainedNet t;
        try {
            t = spec.train(data.train(), data.valid(), budget, epochs, trialLog);
        } catch (DivergenceException e) {
            return Outcome.fail(e.getMessage());
        } catch (OutOfMemoryError e) {
            return Outcome.fail("out of memory: " + (e.getMessage() == null ? "OutOfMemoryError" : e.getMessage()));
        } catch (IllegalArgumentException | IllegalStateException e) {
            return Outcome.fail("cannot train this configuration: " + e.getMessage());
        }
        Map<String, Object> info = attachments(t);
        if (t.stoppedBy().equals("pruned")) return Outcome.pruned(info);
        if (t.bestEpoch() < 0) return Outcome.fail("no progress: the validation error never improved on chance", info);
        keep(context.trial(), context.config(), t);
        return Outcome.ok(t.validError(), info);
    }

    /** How many of the best trials' nets this objective keeps in memory, for an ensemble of them. */
    public static final int KEPT = 10;

    /** A trial's configuration, its trained net and the class probabilities it gives the validation examples. */
    public record Kept(long trial, Config config, double validError, TrainedNet net, double[][] validProbabilities) {}

    private synchronized void keep(long trial, Config config, TrainedNet t) {
        if (kept.size() >= KEPT && t.validError() >= kept.get(kept.size() - 1).validError()) return;
        INDArray p = t.network().output(t.preprocessing().apply(data.valid().features()), false);
        kept.add(new Kept(trial, config, t.validError(), t, p.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleMatrix()));
        kept.sort(java.util.Comparator.comparingDouble(Kept::validError).thenComparingLong(Kept::trial));
        if (kept.size() > KEPT) kept.remove(kept.size() - 1);
    }

    /** The nets of the best trials this objective trained (at most {@link #KEPT}), best first. */
    public synchronized List<Kept> kept() {
        return List.copyOf(kept);
    }

    /**
     * Trains a configuration again on the training set, with the same seed, data and caps as
     * its trial.
     */
    public TrainedNet fit(Config config, Consumer<String> progress) {
        ModelSpec spec = ModelSpec.from(config, maxUnits);
        return train(spec, seconds(spec), progress);
    }

    /**
     * The refit of a trial: its configuration trained again for exactly the epochs that gave
     * its best validation error (its {@code best_epoch}), with three times its time, so that
     * the refit is the trial's network rather than wherever a time limit happens to cut it.
     * An MLP is refitted on the training and validation examples together: its epochs are
     * known, so the validation examples have nothing left to choose and are better used to
     * train. A net of the 2011 kinds, whose pretraining reports on the validation examples,
     * and a trial without a best epoch are trained on the training examples, as {@link #fit} does.
     */
    public TrainedNet refit(Trial trial, Consumer<String> progress) {
        int bestEpoch = trial.attachments().get("best_epoch") instanceof Number n ? n.intValue() : -1;
        return refit(trial.config(), bestEpoch, progress);
    }

    /** {@link #refit(Trial, Consumer)} of a configuration whose trial kept the parameters of epoch {@code bestEpoch} (-1 for none). */
    public TrainedNet refit(Config config, int bestEpoch, Consumer<String> progress) {
        ModelSpec spec = ModelSpec.from(config, maxUnits);
        if (bestEpoch >= 1) {
            ModelSpec epochs = spec.forEpochs(bestEpoch, 3 * seconds(spec));
            if (epochs instanceof MlpSpec mlp) {
                Dataset both = data.train().concat(data.valid());
                MlpSpec scaled = mlp.forEpochs(bestEpoch, mlp.maxSeconds() * both.size() / data.train().size());
                return scaled.train(both, null, TimeBudget.seconds(scaled.maxSeconds(), () -> Thread.currentThread().isInterrupted()),
                        EpochListener.NONE, progress);
            }
            return train(epochs, Double.POSITIVE_INFINITY, progress);
        }
        return train(spec, seconds(spec), progress);
    }

    /**
     * A kept trial's net for a model trained on all the labelled examples: an MLP refitted on
     * the training and validation examples ({@link #refit}); the trial's own net for the 2011
     * kinds, whose refit would train on the same examples again.
     */
    public TrainedNet refitOnAll(Kept kept, Consumer<String> progress) {
        if (!(ModelSpec.from(kept.config(), maxUnits) instanceof MlpSpec) || kept.net().bestEpoch() < 1) return kept.net();
        return refit(kept.config(), kept.net().bestEpoch(), progress);
    }

    private double seconds(ModelSpec spec) {
        return maxSeconds > 0 ? Math.min(spec.maxSeconds(), maxSeconds) : spec.maxSeconds();
    }

    private TrainedNet train(ModelSpec spec, double cap, Consumer<String> progress) {
        double seconds = Math.min(spec.maxSeconds(), cap);
        return spec.train(data.train(), data.valid(), TimeBudget.seconds(seconds, () -> Thread.currentThread().isInterrupted()),
                EpochListener.NONE, progress);
    }

    private static Map<String, Object> attachments(TrainedNet t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("valid_error", t.validError());
        m.put("best_epoch", t.bestEpoch());
        m.put("epochs", t.epochs());
        m.put("stopped_by", t.stoppedBy());
        m.put("seconds", Math.round(t.seconds() * 1000) / 1000.0);
        m.put("units", t.units());
        List<Map<String, Object>> pre = new ArrayList<>();
        for (Pretraining p : t.pretraining()) {
            if (p.method().equals("none")) continue;
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("method", p.method());
            e.put("epochs", p.epochs());
            e.put("error_before", p.errorBefore());
            e.put("error_after", p.errorAfter());
            pre.add(e);
        }
        if (!pre.isEmpty()) m.put("pretraining", pre);
        return m;
    }
}
