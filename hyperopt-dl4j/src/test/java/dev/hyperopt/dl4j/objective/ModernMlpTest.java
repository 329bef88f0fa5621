package dev.hyperopt.dl4j.objective;

import dev.hyperopt.dl4j.Dl4jFamily;
import dev.hyperopt.dl4j.model.BaselineMlp;
import dev.hyperopt.dl4j.model.TrainedNet;
import dev.hyperopt.dsl.HSpaceCompiler;
import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.engine.api.Config;
import dev.hyperopt.engine.api.Intermediate;
import dev.hyperopt.engine.api.Outcome;
import dev.hyperopt.engine.api.Trial;
import dev.hyperopt.engine.api.TrialContext;
import dev.hyperopt.engine.api.TrialState;
import dev.hyperopt.engine.run.Hyperopt;
import dev.hyperopt.engine.run.Result;
import dev.hyperopt.engine.space.Assignment;
import dev.hyperopt.nd4j.data.DataSplits;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code modern} space's MLPs: every kind builds and learns, reports each epoch, obeys a pruner, refits and saves. */
class ModernMlpTest {
    private static final DataSplits TINY = DataSplits.open("rectangles", new DataSplits.Sizes(200, 100, 100), 1);

    static Map<String, Object> mlp(String preprocessing, List<Integer> units, double dropout, String activation, boolean batchNorm,
                                   String optimizer, int maxEpochs) {
        List<Map<String, Object>> layers = new ArrayList<>();
        for (int u : units) layers.add(Map.of("units", (long) u, "dropout", dropout));
        Map<String, Object> opt = optimizer.equals("adam") ? Map.of("adam", Map.of("lr", 3e-3))
                : Map.of("nesterovs", Map.of("lr", 0.03, "momentum", 0.9));
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("preprocessing", Map.of(preprocessing, preprocessing.equals("pca") ? Map.of("energy", 0.9) : Map.of()));
        c.put("layers", layers);
        c.put("activation", activation);
        c.put("batch_norm", batchNorm);
        c.put("init", "he");
        c.put("optimizer", opt);
        c.put("l2", 1e-5);
        c.put("batch_size", 32L);
        c.put("seed", 3L);
        c.put("max_epochs", (long) maxEpochs);
        c.put("patience", 3L);
        c.put("max_seconds", 600L);
        return c;
    }

    @ParameterizedTest(name = "{0} {1}, batch norm {2}, dropout {3}, {4}")
    @CsvSource({
            "raw, relu, false, 0.0, adam, 1",
            "colnorm, leakyrelu, true, 0.3, nesterovs, 2",
            "pca, elu, true, 0.0, adam, 3",
            "raw, relu, false, 0.5, nesterovs, 0"})
    void everyKindTrainsAndReportsEachEpoch(String preprocessing, String activation, boolean batchNorm, double dropout, String optimizer,
                                            int depth) {
        List<Integer> units = List.of(32, 24, 16).subList(0, depth);
        Dl4jObjective objective = new Dl4jObjective(TINY, 0, 0, null);
        TrialContext context = TrialContext.of(0, Config.of(mlp(preprocessing, units, dropout, activation, batchNorm, optimizer, 4)), Map.of());
        Outcome o = objective.evaluate(context);
        assertThat(o.ok()).as(o.error()).isTrue();
        assertThat(o.loss()).isBetween(0.0, 1.0);
        assertThat(o.attachments()).containsEntry("units", units).containsEntry("epochs", 4);
        assertThat(context.intermediate()).extracting(Intermediate::step).containsExactly(1L, 2L, 3L, 4L);
        assertThat(context.intermediate()).extracting(Intermediate::value).contains(o.loss());
    }

    @Test
    void aPrunerStopsTheTrainingAndTheTrialKeepsItsCurve() {
        Dl4jObjective objective = new Dl4jObjective(TINY, 0, 0, null);
        List<Long> heard = new ArrayList<>();
        TrialContext context = new TrialContext(0, Config.of(mlp("raw", List.of(32), 0.0, "relu", false, "adam", 50)), Map.of(), null,
                () -> false, (trial, value) -> {
                    heard.add(value.step());
                    return value.step() == 2;
                });
        Outcome o = objective.evaluate(context);
        assertThat(o.isPruned()).isTrue();
        assertThat(o.attachments()).containsEntry("stopped_by", "pruned").containsEntry("epochs", 2);
        assertThat(heard).containsExactly(1L, 2L);
    }

    @Test
    void aMedianPrunerPrunesPoorTrialsOfASearch() {
        SearchSpace space = space();
        Dl4jObjective objective = new Dl4jObjective(TINY, 64, 0, null);
        Result r = Hyperopt.minimize(space, objective).algorithm("rand").maxEvals(8).seed(2).pruner("median:n_startup_trials=2").run();
        assertThat(r.trials()).hasSize(8);
        assertThat(r.trials()).extracting(Trial::state).contains(TrialState.OK, TrialState.PRUNED);
        for (Trial t : r.trials()) {
            if (t.state() == TrialState.OK || t.state() == TrialState.PRUNED) assertThat(t.intermediate()).isNotEmpty();
        }
    }

    @Test
    void theRefitTrainsTheTrialsEpochsOnTheTrainingAndValidationExamples() {
        Dl4jObjective objective = new Dl4jObjective(TINY, 0, 0, null);
        Map<String, Object> labels = Assignment.fromConfig(space(), BaselineMlp.config()).labels();
        Result r = Hyperopt.minimize(space(), objective).maxEvals(1).enqueue(List.of(labels)).run();
        Trial trial = r.trials().get(0);
        assertThat(trial.state()).as(trial.error()).isEqualTo(TrialState.OK);
        List<String> lines = new java.util.ArrayList<>();
        TrainedNet refit = objective.refit(trial, lines::add);
        int epochs = ((Number) trial.attachments().get("best_epoch")).intValue();
        assertThat(refit.epochs()).isEqualTo(epochs);
        assertThat(refit.bestEpoch()).isEqualTo(epochs);
        // The validation examples were trained on: there is no validation error to report.
        assertThat(refit.validError()).isNaN();
        assertThat(lines).hasSize(epochs).allMatch(l -> l.matches("epoch \\d+: training loss [0-9.]+"));
    }

    @Test
    void aSavedModelWithBatchNormalizationTakesRawInputs(@TempDir Path dir) throws Exception {
        Dl4jObjective objective = new Dl4jObjective(TINY, 0, 0, null);
        TrainedNet t = objective.fit(Config.of(mlp("pca", List.of(24, 16), 0.2, "elu", true, "adam", 2)), null);
        Path file = dir.resolve("model.zip");
        t.save(file);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file.toFile());
        INDArray raw = TINY.test().features();
        assertThat(restored.layerInputSize(0)).isEqualTo(784);
        INDArray expected = t.network().output(t.preprocessing().apply(raw), false);
        assertThat(restored.output(raw, false).equalsWithEps(expected, 1e-3)).isTrue();
    }

    @Test
    void aTrialCutByItsTimeKeepsOnlyWholeEpochs() {
        Dl4jObjective objective = new Dl4jObjective(TINY, 0, 0, null);
        Map<String, Object> config = mlp("raw", List.of(32), 0.0, "relu", false, "adam", 100000);
        config.put("patience", 100000L);
        // Long enough for a first epoch on a busy machine; the epochs asked for would take far longer.
        TrialContext context = new TrialContext(0, Config.of(config), Map.of(), Duration.ofSeconds(6), () -> false);
        Outcome o = objective.evaluate(context);
        assertThat(o.ok()).as(o.error()).isTrue();
        assertThat(o.attachments()).containsEntry("stopped_by", "time");
        assertThat(context.intermediate()).hasSize((Integer) o.attachments().get("epochs"));
    }

    private static SearchSpace space() {
        return new HSpaceCompiler().compile("modern", new Dl4jFamily().spaceText("modern")).orThrow();
    }
}
