package dev.hyperopt.engine.run;

import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.engine.api.Config;
import dev.hyperopt.engine.api.Intermediate;
import dev.hyperopt.engine.api.Outcome;
import dev.hyperopt.engine.api.Trial;
import dev.hyperopt.engine.api.TrialContext;
import dev.hyperopt.engine.inject.Engine;
import dev.hyperopt.engine.prune.Pruner;
import dev.hyperopt.engine.prune.PrunerSpec;
import dev.hyperopt.engine.prune.PruningContext;
import dev.hyperopt.engine.sample.Observation;
import dev.hyperopt.engine.sample.Sampler;
import dev.hyperopt.engine.sample.SamplingContext;
import dev.hyperopt.engine.space.Assignment;
import dev.hyperopt.engine.space.EvaluationException;
import dev.hyperopt.engine.space.SpaceEvaluator;
import dev.hyperopt.engine.store.MemoryTrialStore;
import dev.hyperopt.engine.store.StoreException;
import dev.hyperopt.engine.store.StudyInfo;
import dev.hyperopt.engine.store.TrialStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A study driven from outside, for training loops that cannot be wrapped as an objective
 * (a cluster scheduler, a notebook): {@link #ask()} starts a trial and gives its
 * configuration, the loop trains it, reporting with {@link TrialContext#report} and checking
 * {@link TrialContext#shouldPrune()}, and {@link #tell} finishes it.
 * <pre>{@code
 * Study study = Hyperopt.study(space).store(store).name("mlp").pruner("asha").open();
 * TrialContext trial = study.ask();
 * for (int epoch = 1; epoch <= 20; epoch++) {
 *     trial.report(epoch, validationError(trial.config(), epoch));
 *     if (trial.shouldPrune()) { study.tell(trial.trial(), Outcome.pruned()); break; }
 * }
 * }</pre>
 * Every call reads the study from the store and writes back at once, so several processes
 * (shells, machines) can ask and tell on one shared store: trial numbers are handed out
 * atomically and a trial is finished once. Suggestions see the trials other processes started.
 */
public final class Study {
    /** How many trials in a row whose configuration fails to evaluate {@link #ask()} records before it gives up. */
    private static final int EVALUATION_ATTEMPTS = 10;

    private final SearchSpace space;
    private final TrialStore store;
    private final StudyInfo info;
    private final Sampler sampler;
    private final Pruner pruner;
    private final PrunerSpec prunerSpec;

    private Study(Builder b) {
        Engine engine = b.engine != null ? b.engine : Engine.standard();
        this.space = b.space;
        this.store = b.store != null ? b.store : new MemoryTrialStore();
        this.sampler = b.sampler != null ? b.sampler : engine.sampler(b.algorithm);
        this.prunerSpec = b.prunerSpec;
        this.pruner = b.pruner != null ? b.pruner : engine.pruner(b.prunerSpec);
        this.info = store.openStudy(b.name, space, b.algorithm, b.seed);
    }

    /** Settings for {@link Hyperopt#study}. */
    public static final class Builder {
        private final SearchSpace space;
        private TrialStore store;
        private String name = "default";
        private String algorithm = "tpe";
        private Sampler sampler;
        private long seed;
        private PrunerSpec prunerSpec = PrunerSpec.NONE;
        private Pruner pruner;
        private Engine engine;

        Builder(SearchSpace space) {
            this.space = Objects.requireNonNull(space, "space");
        }

        /** Where trials are kept; a fresh in-memory store unless set. The caller closes it. */
        public Builder store(TrialStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        public Builder name(String name) {
            if (name == null || name.isBlank()) throw new IllegalArgumentException("a study needs a name");
            this.name = name;
            return this;
        }

        public Builder algorithm(String algorithm) {
            this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
            this.sampler = null;
            return this;
        }

        public Builder sampler(String name, Sampler sampler) {
            this.algorithm = Objects.requireNonNull(name, "name");
            this.sampler = Objects.requireNonNull(sampler, "sampler");
            return this;
        }

        /** The seed of a new study; an existing study keeps its own. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The pruner that answers {@link TrialContext#shouldPrune()}, as {@code NAME[:KEY=VALUE,...]}. */
        public Builder pruner(String spec) {
            this.prunerSpec = PrunerSpec.parse(spec);
            this.pruner = null;
            return this;
        }

        public Builder pruner(String name, Pruner pruner) {
            this.prunerSpec = PrunerSpec.parse(name);
            this.pruner = Objects.requireNonNull(pruner, "pruner");
            return this;
        }

        public Builder engine(Engine engine) {
            this.engine = Objects.requireNonNull(engine, "engine");
            return this;
        }

        /**
         * Opens the study, creating it when the store has none by that name.
         *
         * @throws IllegalArgumentException for an unknown algorithm or pruner
         * @throws StoreException when the study exists for another space
         */
        public Study open() {
            return new Study(this);
        }
    }

    public StudyInfo info() {
        return info;
    }

    public SearchSpace space() {
        return space;
    }

    public PrunerSpec pruner() {
        return prunerSpec;
    }

    /**
     * Starts the next trial: the oldest queued configuration, or else the sampler's suggestion
     * given every trial recorded so far. A configuration the space cannot evaluate is
     * recorded as a failed trial and the next one is drawn.
     *
     * @return the running trial's context: report to it and pass its number to {@link #tell}
     * @throws IllegalStateException when {@value #EVALUATION_ATTEMPTS} configurations in a row fail to evaluate
     */
    public TrialContext ask() {
        String lastError = null;
        for (int attempt = 0; attempt < EVALUATION_ATTEMPTS; attempt++) {
            long n = store.reserveTrial(info.name());
            Assignment a;
            try {
                a = Queue.take(store, info.name(), space).orElse(null);
                if (a == null) a = sampler.suggest(new SamplingContext(space, observations(), info.seed(), n));
            } catch (RuntimeException e) {
                store.releaseTrial(info.name(), n);
                throw e;
            }
            Config config;
            try {
                config = Config.of(SpaceEvaluator.evaluate(a));
            } catch (EvaluationException e) {
                lastError = "space evaluation failed: " + e.getMessage();
                store.startTrial(info.name(), Trial.running(n, a.values(), a.labels(), null, Instant.now()));
                store.finishTrial(info.name(), n, Outcome.fail(lastError), Instant.now());
                continue;
            }
            Trial t = store.startTrial(info.name(), Trial.running(n, a.values(), a.labels(), config, Instant.now()));
            return context(t);
        }
        throw new IllegalStateException(EVALUATION_ATTEMPTS + " configurations in a row failed to evaluate; the last: " + lastError);
    }

    /** The context of a trial that is running, e.g. one asked by another process, to report to. */
    public TrialContext context(long trial) {
        Trial t = store.trial(info.name(), trial)
                .orElseThrow(() -> new StoreException("study '" + info.name() + "' has no trial " + trial));
        if (t.isFinished()) throw new StoreException("trial " + trial + " of study '" + info.name() + "' is already finished (" + t.state().id() + ")");
        return context(t);
    }

    private TrialContext context(Trial t) {
        return new TrialContext(t.number(), t.config(), t.labels(), null, null, this::report);
    }

    /**
     * Records a value that running trial {@code trial} reported, and asks the pruner about it.
     *
     * @return whether the trial should stop
     */
    public boolean report(long trial, Intermediate value) {
        store.report(info.name(), trial, value);
        return pruner != Pruner.NONE && PruningContext.of(trial, store.trials(info.name())).map(pruner::prune).orElse(false);
    }

    /**
     * Finishes a running trial: ok with its loss, failed with a reason, or pruned.
     *
     * @return the finished trial as stored
     * @throws dev.hyperopt.engine.store.TrialFinishedException when it is already finished
     */
    public Trial tell(long trial, Outcome outcome) {
        return store.finishTrial(info.name(), trial, Objects.requireNonNull(outcome, "outcome"), Instant.now());
    }

    /**
     * Queues a configuration, as flat {@code {label: value}} labels: the next trial asked (or
     * started by a run on this study) evaluates it before the sampler is asked.
     *
     * @throws IllegalArgumentException when the labels do not fit the space
     */
    public void enqueue(Map<String, ?> labels) {
        store.enqueue(info.name(), Assignment.fromLabels(space, labels).labels());
    }

    /**
     * Adds a result obtained elsewhere (an earlier search, a known good configuration) as a
     * finished trial, to warm the study up: samplers learn from it like from any other.
     *
     * @throws IllegalArgumentException when the labels do not fit the space or the space cannot evaluate them
     */
    public Trial add(Map<String, ?> labels, Outcome outcome, List<Intermediate> intermediate) {
        Assignment a = Assignment.fromLabels(space, labels);
        Config config;
        try {
            config = Config.of(SpaceEvaluator.evaluate(a));
        } catch (EvaluationException e) {
            throw new IllegalArgumentException("the space cannot evaluate these labels: " + e.getMessage(), e);
        }
        long n = store.reserveTrial(info.name());
        Instant now = Instant.now();
        store.startTrial(info.name(), Trial.running(n, a.values(), a.labels(), config, now));
        for (Intermediate v : intermediate) store.report(info.name(), n, v);
        return store.finishTrial(info.name(), n, Objects.requireNonNull(outcome, "outcome"), now);
    }

    public Trial add(Map<String, ?> labels, Outcome outcome) {
        return add(labels, outcome, List.of());
    }

    /** Every trial of the study in number order, running ones included. */
    public List<Trial> trials() {
        return store.trials(info.name());
    }

    /** The ok trial with the lowest loss, the earliest on a tie. */
    public Optional<Trial> best() {
        return Result.best(trials());
    }

    private List<Observation> observations() {
        List<Observation> out = new ArrayList<>();
        for (Trial t : store.trials(info.name())) out.add(Observations.of(t));
        return out;
    }
}
