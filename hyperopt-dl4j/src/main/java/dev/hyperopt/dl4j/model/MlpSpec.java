package dev.hyperopt.dl4j.model;

import dev.hyperopt.nd4j.EpochListener;
import dev.hyperopt.engine.api.Config;
import dev.hyperopt.engine.api.ConfigException;
import dev.hyperopt.nd4j.TimeBudget;
import dev.hyperopt.nd4j.data.Dataset;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * An MLP as trained today, read from a configuration of the shape the {@code modern} space
 * produces (and a user's own space may produce):
 * <pre>
 * { preprocessing: {raw: {}} | {colnorm: {}} | {pca: {energy}} | {zca: {energy}},
 *   layers: [ {units: int, dropout: number}, ... ],
 *   activation: "relu" | "leakyrelu" | "elu",
 *   batch_norm: bool,
 *   init: "xavier" | "he",
 *   optimizer: {adam: {lr}} | {nesterovs: {lr, momentum}},
 *   l2: number, batch_size: int, seed: int,
 *   max_epochs?: int, patience?: int, max_seconds: number }
 * </pre>
 * {@code dropout} is the probability of dropping a unit of that layer's output; {@code l2}
 * is DL4J's coefficient (the gradient of a weight {@code w} gains {@code l2 * w}). Keys
 * marked ? default to 100 epochs and a patience of 10 epochs.
 */
public record MlpSpec(String preprocessing, double energy, List<Hidden> layers, String activation, boolean batchNorm, String init,
                      Optimizer optimizer, double l2, int batchSize, long seed, int maxEpochs, int patience, double maxSeconds)
        implements ModelSpec {

    static final Set<String> ACTIVATIONS = Set.of("relu", "leakyrelu", "elu");
    static final Set<String> INITS = Set.of("xavier", "he");

    /** A hidden layer: its width and the probability of dropping one of its units in training. */
    public record Hidden(int units, double dropout) {
        public Hidden {
            if (units < 1) throw new ConfigException("a layer needs at least 1 unit, got " + units);
            if (!(dropout >= 0 && dropout < 1)) throw new ConfigException("dropout must be in [0, 1), got " + dropout);
        }
    }

    /** Adam, or SGD with Nesterov momentum. */
    public record Optimizer(String kind, double lr, double momentum) {
        public Optimizer {
            if (!kind.equals("adam") && !kind.equals("nesterovs")) throw new ConfigException("optimizer '" + kind + "' is neither adam nor nesterovs");
            if (!(lr > 0) || !Double.isFinite(lr)) throw new ConfigException("optimizer." + kind + ".lr must be positive, got " + lr);
            if (!(momentum >= 0 && momentum < 1)) throw new ConfigException("optimizer." + kind + ".momentum must be in [0, 1), got " + momentum);
        }
    }

    public MlpSpec {
        layers = List.copyOf(layers);
        Objects.requireNonNull(optimizer, "optimizer");
        if (!ACTIVATIONS.contains(activation)) throw new ConfigException("activation '" + activation + "' is none of " + String.join(", ", ACTIVATIONS));
        if (!INITS.contains(init)) throw new ConfigException("init '" + init + "' is neither xavier nor he");
        if (!(l2 >= 0)) throw new ConfigException("l2 must be >= 0, got " + l2);
        if (batchSize < 1) throw new ConfigException("batch_size must be >= 1, got " + batchSize);
        if (maxEpochs < 1) throw new ConfigException("max_epochs must be >= 1, got " + maxEpochs);
        if (patience < 1) throw new ConfigException("patience must be >= 1, got " + patience);
        if (!(maxSeconds > 0)) throw new ConfigException("max_seconds must be positive, got " + maxSeconds);
    }

    @Override
    public MlpSpec forEpochs(int epochs, double seconds) {
        return new MlpSpec(preprocessing, energy, layers, activation, batchNorm, init, optimizer, l2, batchSize, seed, epochs, epochs, seconds);
    }

    @Override
    public TrainedNet train(Dataset train, Dataset valid, TimeBudget budget, EpochListener epochs, Consumer<String> log) {
        return Mlps.train(this, train, valid, budget, epochs, log);
    }

    /**
     * Reads a configuration.
     *
     * @param maxUnits a cap on every layer's width for small machines, or 0 for none
     */
    public static MlpSpec from(Config c, int maxUnits) {
        Preprocessing.Choice pre = Preprocessing.Choice.from(c.getConfig("preprocessing"));
        List<Hidden> layers = new ArrayList<>();
        for (Config l : c.getList("layers")) {
            int units = l.getInt("units");
            layers.add(new Hidden(maxUnits > 0 ? Math.min(units, maxUnits) : units, l.has("dropout") ? l.getDouble("dropout") : 0.0));
        }
        Config o = c.getConfig("optimizer");
        String kind = o.branch().toLowerCase(Locale.ROOT);
        Optimizer optimizer = new Optimizer(kind, o.getDouble(o.branch() + ".lr"),
                kind.equals("nesterovs") ? o.getDouble(o.branch() + ".momentum") : 0.0);
        return new MlpSpec(pre.kind(), pre.energy(), layers, c.getString("activation").toLowerCase(Locale.ROOT), c.getBoolean("batch_norm"),
                c.getString("init").toLowerCase(Locale.ROOT), optimizer, c.getDouble("l2"), c.getInt("batch_size"), c.getLong("seed"),
                c.has("max_epochs") ? c.getInt("max_epochs") : 100, c.has("patience") ? c.getInt("patience") : 10, c.getDouble("max_seconds"));
    }
}
