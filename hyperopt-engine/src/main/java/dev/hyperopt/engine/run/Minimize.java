package dev.hyperopt.engine.run;

import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.engine.api.Objective;
import dev.hyperopt.engine.inject.Engine;
import dev.hyperopt.engine.prune.Pruner;
import dev.hyperopt.engine.prune.PrunerSpec;
import dev.hyperopt.engine.sample.Sampler;
import dev.hyperopt.engine.store.TrialStore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The settings of one run, set fluently, then {@link #run()}. Defaults: algorithm
 * {@code tpe}, 100 evaluations, seed 0, one trial at a time, no time limits, a fresh
 * in-memory store and study {@code default}.
 */
public final class Minimize {
    final SearchSpace space;
    final Objective objective;
    Engine engine;
    String algorithm = "tpe";
    Sampler sampler;
    int maxEvals = 100;
    long seed;
    int parallelism = 1;
    Duration timeout;
    Duration trialTimeout;
    double lossThreshold = Double.NaN;
    int earlyStop;
    final List<Map<String, Object>> points = new ArrayList<>();
    final List<Map<String, Object>> queued = new ArrayList<>();
    PrunerSpec prunerSpec = PrunerSpec.NONE;
    Pruner pruner;
    TrialStore store;
    String study = "default";
    StopSignal stop = new StopSignal();
    final List<RunListener> listeners = new ArrayList<>();

    Minimize(SearchSpace space, Objective objective) {
        this.space = Objects.requireNonNull(space, "space");
        this.objective = Objects.requireNonNull(objective, "objective");
    }

    /** The sampler by name: {@code tpe}, {@code rand}, {@code anneal}, or one a family binds. */
    public Minimize algorithm(String name) {
        this.algorithm = Objects.requireNonNull(name, "algorithm");
        this.sampler = null;
        return this;
    }

    /** A sampler instance instead of a name; {@code name} is what results report. */
    public Minimize sampler(String name, Sampler sampler) {
        this.algorithm = Objects.requireNonNull(name, "name");
        this.sampler = Objects.requireNonNull(sampler, "sampler");
        return this;
    }

    /** Where samplers are looked up; {@link Engine#standard()} unless set. */
    public Minimize engine(Engine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
        return this;
    }

    /** Stop once the study holds this many trials (failed ones count, as in Hyperopt). */
    public Minimize maxEvals(int n) {
        if (n < 0) throw new IllegalArgumentException("max evals must be >= 0, got " + n);
        this.maxEvals = n;
        return this;
    }

    /** Seeds every trial's random stream; a resumed study keeps the seed it was created with. */
    public Minimize seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** How many trials are evaluated at once, each in its own thread. */
    public Minimize parallelism(int k) {
        if (k < 1) throw new IllegalArgumentException("parallelism must be >= 1, got " + k);
        this.parallelism = k;
        return this;
    }

    /** A limit for the whole run; trials still running then are cancelled and recorded as failed. */
    public Minimize timeout(Duration d) {
        this.timeout = positive(d, "timeout");
        return this;
    }

    /** A limit for each trial; a trial past it fails with "timed out". */
    public Minimize trialTimeout(Duration d) {
        this.trialTimeout = positive(d, "trial timeout");
        return this;
    }

    /** Stop once a trial's loss is at or below {@code x}. */
    public Minimize lossThreshold(double x) {
        if (Double.isNaN(x)) throw new IllegalArgumentException("loss threshold is NaN");
        this.lossThreshold = x;
        return this;
    }

    /** Stop after {@code n} finished trials in a row that did not improve the best loss. */
    public Minimize earlyStop(int n) {
        if (n < 1) throw new IllegalArgumentException("early stop needs n >= 1, got " + n);
        this.earlyStop = n;
        return this;
    }

    /**
     * Points to evaluate first, as flat {@code {label: value}} maps (a named choice by branch
     * name, another choice by option index): trial i evaluates point i.
     */
    public Minimize pointsToEvaluate(List<? extends Map<String, ?>> labels) {
        for (Map<String, ?> m : labels) points.add(new LinkedHashMap<>(m));
        return this;
    }

    /**
     * The pruner that stops trials whose reported values are poor, by name and options
     * ({@code median}, {@code asha:reduction_factor=3}, ...); {@code none} unless set.
     *
     * @throws IllegalArgumentException when the text is malformed (an unknown name is refused by {@link #run()})
     */
    public Minimize pruner(String spec) {
        return pruner(PrunerSpec.parse(spec));
    }

    public Minimize pruner(PrunerSpec spec) {
        this.prunerSpec = Objects.requireNonNull(spec, "pruner");
        this.pruner = null;
        return this;
    }

    /** A pruner instance instead of a name; {@code name} is what the study records. */
    public Minimize pruner(String name, Pruner pruner) {
        this.prunerSpec = PrunerSpec.parse(name);
        this.pruner = Objects.requireNonNull(pruner, "pruner");
        return this;
    }

    /**
     * Configurations to evaluate before the sampler is asked, as flat {@code {label: value}}
     * maps. They go into the study's queue when the run starts, except those the study has
     * already evaluated or queued, so a resumed run does not evaluate them twice.
     */
    public Minimize enqueue(List<? extends Map<String, ?>> labels) {
        for (Map<String, ?> m : labels) queued.add(new LinkedHashMap<>(m));
        return this;
    }

    /** Where trials are kept; a fresh {@link dev.hyperopt.engine.store.MemoryTrialStore} unless set. The caller closes it. */
    public Minimize store(TrialStore store) {
        this.store = Objects.requireNonNull(store, "store");
        return this;
    }

    /** The study's name in the store; a run on an existing study resumes it. */
    public Minimize study(String name) {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("a study needs a name");
        this.study = name;
        return this;
    }

    /** A signal another thread can raise to stop the run early. */
    public Minimize stopSignal(StopSignal signal) {
        this.stop = Objects.requireNonNull(signal, "signal");
        return this;
    }

    public Minimize listener(RunListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /**
     * Runs to the end: until a stop rule holds or the signal is raised.
     *
     * @throws IllegalArgumentException for an unknown algorithm or an invalid point to evaluate
     * @throws dev.hyperopt.engine.store.StoreException when the store fails
     */
    public Result run() {
        return new RunLoop(this).run();
    }

    private static Duration positive(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) throw new IllegalArgumentException(what + " must be positive, got " + d);
        return d;
    }
}
