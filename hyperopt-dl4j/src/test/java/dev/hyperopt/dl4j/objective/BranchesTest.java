package dev.hyperopt.dl4j.objective;

import dev.hyperopt.dl4j.model.TrainedNet;
import dev.hyperopt.engine.api.Config;
import dev.hyperopt.engine.api.Outcome;
import dev.hyperopt.engine.api.TrialContext;
import dev.hyperopt.nd4j.data.DataSplits;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every branch of the family builds and trains for one epoch on a tiny set. */
class BranchesTest {
    private static final DataSplits TINY = DataSplits.open("rectangles", new DataSplits.Sizes(100, 60, 60), 1);

    static Stream<Arguments> branches() {
        return Stream.of(
                Arguments.of("no hidden layer, raw", Map.of("raw", Map.of()), List.of()),
                Arguments.of("RBM (CD-1), raw", Map.of("raw", Map.of()), List.of(Configs.layer(32, "uniform", false, Configs.rbm(1, false, 1)))),
                Arguments.of("RBM (PCD-3) on Gaussian units, ZCA", Map.of("zca", Map.of("energy", 0.9)),
                        List.of(Configs.layer(32, "normal", true, Configs.rbm(1, true, 3)))),
                Arguments.of("DAE x2, column normalization", Map.of("colnorm", Map.of()),
                        List.of(Configs.layer(32, "uniform", true, Configs.dae(1)), Configs.layer(16, "normal", false, Configs.dae(1)))),
                Arguments.of("no pretraining x3, PCA", Map.of("pca", Map.of("energy", 0.8)),
                        List.of(Configs.layer(24, "uniform", true, Configs.none()), Configs.layer(16, "uniform", true, Configs.none()),
                                Configs.layer(16, "normal", false, Configs.none()))),
                Arguments.of("random layer under an RBM, raw", Map.of("raw", Map.of()),
                        List.of(Configs.layer(24, "uniform", true, Configs.none()), Configs.layer(16, "uniform", true, Configs.rbm(1, false, 1)))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("branches")
    void trainsForOneEpoch(String name, Map<String, Object> pre, List<Map<String, Object>> layers) {
        Dl4jObjective objective = new Dl4jObjective(TINY, 0, 0, null);
        Map<String, Object> config = Configs.config(pre, layers, 1, 0.1);
        Outcome o = objective.evaluate(TrialContext.of(0, Config.of(config), Map.of()));
        assertThat(o.ok()).as(o.error()).isTrue();
        assertThat(o.loss()).isBetween(0.0, 1.0);
        assertThat(o.attachments()).containsEntry("epochs", 1).containsEntry("units", layers.stream()
                .map(l -> ((Long) l.get("units")).intValue()).toList());
        if (layers.stream().anyMatch(l -> !((Map<?, ?>) l.get("pretrain")).containsKey("none"))) {
            assertThat(o.attachments()).containsKey("pretraining");
        }
    }

    @Test
    void aDivergingLearningRateIsAFailedTrial() {
        Dl4jObjective objective = new Dl4jObjective(TINY, 0, 0, null);
        Map<String, Object> config = Configs.config(Map.of("colnorm", Map.of()), List.of(Configs.layer(32, "normal", false, Configs.none())), 3, 1e30);
        Outcome o = objective.evaluate(TrialContext.of(0, Config.of(config), Map.of()));
        assertThat(o.ok()).isFalse();
        assertThat(o.error()).contains("diverged");
    }

    @Test
    void aConfigurationOfAnotherShapeIsAFailedTrial() {
        Outcome o = new Dl4jObjective(TINY, 0, 0, null).evaluate(TrialContext.of(0, Config.of(Map.of("layers", List.of())), Map.of()));
        assertThat(o.ok()).isFalse();
        assertThat(o.error()).startsWith("bad configuration:").contains("preprocessing");
    }

    @Test
    void theUnitCapAppliesToEveryLayer() {
        Dl4jObjective objective = new Dl4jObjective(TINY, 8, 0, null);
        Map<String, Object> config = Configs.config(Map.of("raw", Map.of()), List.of(Configs.layer(4096, "uniform", true, Configs.none())), 1, 0.1);
        assertThat(objective.evaluate(TrialContext.of(0, Config.of(config), Map.of())).attachments()).containsEntry("units", List.of(8));
    }

    @Test
    void aSavedModelTakesRawInputsAndPredictsAsTrained(@TempDir Path dir) throws Exception {
        Dl4jObjective objective = new Dl4jObjective(TINY, 0, 0, null);
        Map<String, Object> config = Configs.config(Map.of("pca", Map.of("energy", 0.9)),
                List.of(Configs.layer(16, "uniform", true, Configs.rbm(1, false, 1))), 3, 0.1);
        TrainedNet t = objective.fit(Config.of(config), null);
        Path file = dir.resolve("model.zip");
        t.save(file);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file.toFile());
        INDArray raw = TINY.test().features();
        assertThat(restored.layerInputSize(0)).isEqualTo(784);
        INDArray expected = t.network().output(t.preprocessing().apply(raw), false);
        assertThat(restored.output(raw, false).equalsWithEps(expected, 1e-3)).isTrue();
    }
}
