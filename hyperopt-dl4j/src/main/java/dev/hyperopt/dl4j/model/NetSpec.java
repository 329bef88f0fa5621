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
import java.util.function.Consumer;

/**
 * One configuration of the model family, read from a trial's configuration. The shape the
 * shipped spaces produce (and a user's own space must produce):
 * <pre>
 * { preprocessing: {raw: {}} | {colnorm: {}} | {pca: {energy}} | {zca: {energy}},
 *   seed: int,
 *   layers: [ { units: int,
 *               init: { dist: "uniform" | "normal", scale: {old: {multiplier}} | {glorot: {}} },
 *               pretrain: {rbm: {lr, epochs, lr_anneal_start, batch_size?, sample_v0s?, k?, persistent?}}
 *                       | {dae: {lr, epochs, lr_anneal_start, corruption, batch_size?}}
 *                       | {none: {}} }, ... ],
 *   finetune: { batch_size, lr, lr_anneal_start, l2, min_epochs?, max_epochs? },
 *   max_seconds: number, pretrain_share?: number }
 * </pre>
 * Keys marked ? have defaults: CD batch 100, k 1, no persistent chain, no sampling of the
 * data, fine-tuning 5 to 100 epochs, half of the time for pretraining.
 */
public record NetSpec(String preprocessing, double energy, long seed, List<LayerSpec> layers, Finetune finetune,
                      double maxSeconds, double pretrainShare) implements ModelSpec {

    /** How a layer is pretrained. */
    public sealed interface Pretrain permits RbmPretrain, DaePretrain, NoPretrain {}

    public record RbmPretrain(Rbm.Options options) implements Pretrain {}

    public record DaePretrain(DenoisingAutoencoder.Options options) implements Pretrain {}

    public record NoPretrain() implements Pretrain {}

    public record LayerSpec(int units, boolean normalInit, Layers.Scale scale, Pretrain pretrain) {
        public LayerSpec {
            if (units < 1) throw new ConfigException("a layer needs at least 1 unit, got " + units);
            Objects.requireNonNull(scale, "scale");
            Objects.requireNonNull(pretrain, "pretrain");
        }
    }

    /** Supervised fine-tuning by minibatch SGD with hyperopt-dbn's annealing and early-stopping rule. */
    public record Finetune(int batchSize, double lr, double annealStart, double l2, int minEpochs, int maxEpochs) {
        public Finetune {
            if (batchSize < 1) throw new ConfigException("finetune.batch_size must be >= 1, got " + batchSize);
            if (!(lr > 0) || !Double.isFinite(lr)) throw new ConfigException("finetune.lr must be positive, got " + lr);
            if (!(annealStart > 0)) throw new ConfigException("finetune.lr_anneal_start must be positive, got " + annealStart);
            if (!(l2 >= 0)) throw new ConfigException("finetune.l2 must be >= 0, got " + l2);
            if (minEpochs < 0 || maxEpochs < 1 || minEpochs > maxEpochs) {
                throw new ConfigException("finetune needs 0 <= min_epochs <= max_epochs and max_epochs >= 1, got " + minEpochs + " and " + maxEpochs);
            }
        }
    }

    public NetSpec {
        layers = List.copyOf(layers);
        Objects.requireNonNull(finetune, "finetune");
        if (!(maxSeconds > 0)) throw new ConfigException("max_seconds must be positive, got " + maxSeconds);
        if (!(pretrainShare >= 0 && pretrainShare <= 1)) throw new ConfigException("pretrain_share must be in [0, 1], got " + pretrainShare);
    }

    @Override
    public NetSpec forEpochs(int epochs, double seconds) {
        Finetune f = new Finetune(finetune.batchSize(), finetune.lr(), finetune.annealStart(), finetune.l2(), epochs, epochs);
        return new NetSpec(preprocessing, energy, seed, layers, f, seconds, pretrainShare);
    }

    @Override
    public TrainedNet train(Dataset train, Dataset valid, TimeBudget budget, EpochListener epochs, Consumer<String> log) {
        return DeepNets.train(this, train, valid, budget, epochs, log);
    }

    /**
     * Reads a configuration.
     *
     * @param maxUnits a cap on every layer's width for small machines, or 0 for none
     * @throws ConfigException naming the first key that is missing or has a wrong value
     */
    public static NetSpec from(Config c, int maxUnits) {
        Preprocessing.Choice pre = Preprocessing.Choice.from(c.getConfig("preprocessing"));
        List<LayerSpec> layers = new ArrayList<>();
        for (Config l : c.getList("layers")) layers.add(layer(l, maxUnits));
        Config f = c.getConfig("finetune");
        Finetune ft = new Finetune(f.getInt("batch_size"), f.getDouble("lr"), f.getDouble("lr_anneal_start"), f.getDouble("l2"),
                f.has("min_epochs") ? f.getInt("min_epochs") : 5, f.has("max_epochs") ? f.getInt("max_epochs") : 100);
        return new NetSpec(pre.kind(), pre.energy(), c.getLong("seed"), layers, ft, c.getDouble("max_seconds"),
                c.has("pretrain_share") ? c.getDouble("pretrain_share") : 0.5);
    }

    private static LayerSpec layer(Config l, int maxUnits) {
        int units = l.getInt("units");
        if (maxUnits > 0) units = Math.min(units, maxUnits);
        String dist = l.getString("init.dist").toLowerCase(Locale.ROOT);
        if (!dist.equals("uniform") && !dist.equals("normal")) throw new ConfigException("init.dist '" + dist + "' is neither uniform nor normal");
        Config scale = l.getConfig("init.scale");
        String rule = scale.branch();
        Layers.Scale s = switch (rule.toLowerCase(Locale.ROOT)) {
            case "old" -> new Layers.Old(scale.getDouble(rule + ".multiplier"));
            case "glorot", "xavier" -> new Layers.Glorot();
            default -> throw new ConfigException("init.scale '" + rule + "' is neither old nor glorot");
        };
        Config p = l.getConfig("pretrain");
        String method = p.branch();
        Config o = p.getConfig(method);
        Pretrain pretrain = switch (method.toLowerCase(Locale.ROOT)) {
            case "rbm" -> new RbmPretrain(new Rbm.Options(o.getDouble("lr"), o.getInt("epochs"),
                    o.has("batch_size") ? o.getInt("batch_size") : 100, o.getDouble("lr_anneal_start"),
                    o.has("k") ? o.getInt("k") : 1, o.has("persistent") && o.getBoolean("persistent"),
                    o.has("sample_v0s") && o.getBoolean("sample_v0s")));
            case "dae" -> new DaePretrain(new DenoisingAutoencoder.Options(o.getDouble("lr"), o.getInt("epochs"),
                    o.has("batch_size") ? o.getInt("batch_size") : 100, o.getDouble("lr_anneal_start"), o.getDouble("corruption")));
            case "none" -> new NoPretrain();
            default -> throw new ConfigException("pretrain '" + method + "' is none of rbm, dae, none");
        };
        return new LayerSpec(units, dist.equals("normal"), s, pretrain);
    }
}
