package dev.hyperopt.dl4j.model;

import dev.hyperopt.nd4j.EpochListener;
import dev.hyperopt.engine.api.Config;
import dev.hyperopt.nd4j.TimeBudget;
import dev.hyperopt.nd4j.data.Dataset;

import java.util.function.Consumer;

/**
 * One configuration of the family, read from a trial's configuration: a net of hyperopt-dbn's
 * kind ({@link NetSpec}: sigmoid layers, pretraining, annealed SGD) or an MLP as trained today
 * ({@link MlpSpec}: ReLU family, batch normalization, dropout, Adam or Nesterov momentum). A
 * configuration with an {@code optimizer} key is the latter.
 */
public sealed interface ModelSpec permits NetSpec, MlpSpec {

    /** The soft time budget of one training. */
    double maxSeconds();

    /**
     * The same configuration trained for exactly {@code epochs} epochs (the best epoch of its
     * trial), whatever its patience, with {@code seconds} of time: a refit that gives the
     * trial's network again rather than wherever a time limit happens to cut it.
     */
    ModelSpec forEpochs(int epochs, double seconds);

    /**
     * Trains the configuration, keeping the parameters of its best validation epoch.
     *
     * @param epochs hears the validation error after every epoch and may stop training (then {@code stoppedBy} is {@code pruned})
     * @param log    receives progress lines, or null
     * @throws dev.hyperopt.nd4j.DivergenceException when training produces non-finite numbers
     */
    TrainedNet train(Dataset train, Dataset valid, TimeBudget budget, EpochListener epochs, Consumer<String> log);

    /**
     * Reads a configuration of either kind.
     *
     * @param maxUnits a cap on every layer's width for small machines, or 0 for none
     * @throws dev.hyperopt.engine.api.ConfigException naming the first key that is missing or has a wrong value
     */
    static ModelSpec from(Config c, int maxUnits) {
        return c.has("optimizer") ? MlpSpec.from(c, maxUnits) : NetSpec.from(c, maxUnits);
    }
}
