package dev.hyperopt.dl4j.model;

import dev.hyperopt.engine.api.Config;
import dev.hyperopt.nd4j.EpochListener;
import dev.hyperopt.nd4j.TimeBudget;
import dev.hyperopt.nd4j.data.DataSplits;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NetEnsembleTest {
    private static final DataSplits TINY = DataSplits.open("rectangles", new DataSplits.Sizes(120, 40, 50), 2);

    private static TrainedNet train(String preprocessing, int units, boolean batchNorm, long seed) {
        Map<String, Object> c = new LinkedHashMap<>(BaselineMlp.config());
        c.put("preprocessing", Map.of(preprocessing, Map.of()));
        c.put("layers", List.of(Map.of("units", (long) units, "dropout", 0.2)));
        c.put("batch_norm", batchNorm);
        c.put("seed", seed);
        c.put("max_epochs", 3L);
        return MlpSpec.from(Config.of(c), 0).train(TINY.train(), TINY.valid(), TimeBudget.unlimited(), EpochListener.NONE, null);
    }

    @Test
    void theGraphGivesTheWeightedMeanOfItsMembersOnRawInputsAndSurvivesSaving(@TempDir Path dir) throws Exception {
        TrainedNet a = train("colnorm", 16, true, 1);
        TrainedNet b = train("raw", 8, false, 2);
        TrainedNet c = train("colnorm", 12, false, 3);
        ComputationGraph graph = NetEnsemble.graph(List.of(a, b, c), List.of(0.5, 0.3, 0.2));
        INDArray raw = TINY.test().features();
        INDArray expected = a.network().output(a.preprocessing().apply(raw), false).mul(0.5)
                .add(b.network().output(b.preprocessing().apply(raw), false).mul(0.3))
                .add(c.network().output(c.preprocessing().apply(raw), false).mul(0.2));
        assertThat(graph.outputSingle(raw).equalsWithEps(expected, 1e-4)).isTrue();

        Path file = dir.resolve("ensemble.zip");
        ModelSerializer.writeModel(graph, file.toFile(), false);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(file.toFile());
        assertThat(restored.outputSingle(raw).equalsWithEps(expected, 1e-4)).isTrue();
    }

    @Test
    void anEnsembleHasTwoMembersOrMore() {
        TrainedNet a = train("raw", 8, false, 1);
        assertThatThrownBy(() -> NetEnsemble.graph(List.of(a), List.of(1.0))).hasMessageContaining("two members");
    }
}
