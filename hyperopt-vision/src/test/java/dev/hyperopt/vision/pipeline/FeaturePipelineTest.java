package dev.hyperopt.vision.pipeline;

import dev.hyperopt.dl4j.data.Dataset;
import dev.hyperopt.dl4j.data.SyntheticImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FeaturePipelineTest {
    private static LayerSpec layer(int filters, int filterSize, int normSize, int poolSize, int poolStride) {
        return new LayerSpec(filters, filterSize, 0, Double.POSITIVE_INFINITY, normSize, true, 1, 1, 2, poolSize, poolStride);
    }

    @Test
    void aTwoLayerPipelineComputesTheFeaturesItsShapeArithmeticPromises() {
        // 28 -5+1-> 24 -3+1-> 22 pool 3/2-> 10; 10 -3+1-> 8 -3+1-> 6 pool 2/2-> 3: 12 x 3 x 3
        PipelineSpec spec = new PipelineSpec(List.of(layer(8, 5, 3, 3, 2), layer(12, 3, 3, 2, 2)), 10_000, 5);
        FeaturePipeline p = new FeaturePipeline(spec, 1, 28, 28);
        assertThat(p.featureCount()).isEqualTo(108);
        Dataset d = SyntheticImages.rectangles(6, 1);
        INDArray f = p.features(d.features());
        assertThat(f.shape()).containsExactly(6, 108);
        assertThat(f.isNaN().any()).isFalse();
        assertThat(new FeaturePipeline(spec, 1, 28, 28).features(d.features())).isEqualTo(f);
        assertThat(new FeaturePipeline(new PipelineSpec(spec.layers(), 10_000, 6), 1, 28, 28).features(d.features()))
                .isNotEqualTo(f);
    }

    @Test
    void featuresDoNotDependOnHowImagesAreBatched() {
        PipelineSpec spec = new PipelineSpec(List.of(layer(4, 3, 3, 2, 2)), 10_000, 5);
        FeaturePipeline p = new FeaturePipeline(spec, 1, 28, 28);
        Dataset d = SyntheticImages.rectangles(5, 2);
        INDArray all = p.features(d.features());
        for (int i = 0; i < 5; i++) {
            INDArray one = p.features(d.features().getRow(i, true));
            assertThat(one.getRow(0).sub(all.getRow(i)).amaxNumber().doubleValue()).isLessThan(1e-5);
        }
    }

    @ParameterizedTest
    @EnumSource(ClassifierSpec.Loss.class)
    void aTinyPipelineWithALinearReadoutBeatsChanceOnRectangles(ClassifierSpec.Loss loss) {
        PipelineSpec spec = new PipelineSpec(List.of(layer(16, 5, 3, 5, 3)), 10_000, 3);
        FeaturePipeline p = new FeaturePipeline(spec, 1, 28, 28);
        Dataset train = SyntheticImages.rectangles(400, 10);
        Dataset test = SyntheticImages.rectangles(200, 11);
        LinearClassifier c = LinearClassifier.fit(new ClassifierSpec(loss, 1e-2, 200, 0.05), p.features(train.features()), train.labels(), 2);
        double error = c.errorRate(p.features(test.features()), test.labels());
        assertThat(error).isLessThan(0.3);
    }

    @Test
    void aMapThatShrinksToNothingFailsWithTheLayerAndStage() {
        PipelineSpec spec = new PipelineSpec(List.of(layer(4, 5, 3, 4, 4), layer(4, 5, 3, 4, 4)), 10_000, 1);
        // 28 -> 24 -> 22 -> 5; second filterbank 5 -> 1; normalization 3 > 1
        assertThatThrownBy(() -> new FeaturePipeline(spec, 1, 28, 28))
                .isInstanceOf(InvalidArchitectureException.class)
                .hasMessage("the feature map shrinks to nothing: layer 2 normalization window 3 is larger than the 1-pixel map");
    }

    @Test
    void tooManyFeaturesFailWithTheCount() {
        PipelineSpec spec = new PipelineSpec(List.of(layer(16, 3, 3, 2, 2)), 1_000, 1);
        // 28 -> 26 -> 24 -> 12: 16 x 12 x 12 = 2304
        assertThatThrownBy(() -> new FeaturePipeline(spec, 1, 28, 28))
                .isInstanceOf(InvalidArchitectureException.class)
                .hasMessageContaining("too many features").hasMessageContaining("2304").hasMessageContaining("1000");
    }

    @Test
    void layerCountsOutsideOneToThreeAreInvalid() {
        LayerSpec l = layer(2, 3, 3, 2, 2);
        assertThatThrownBy(() -> new PipelineSpec(List.of(), 10, 1)).isInstanceOf(InvalidArchitectureException.class);
        assertThatThrownBy(() -> new PipelineSpec(List.of(l, l, l, l), 10, 1))
                .isInstanceOf(InvalidArchitectureException.class).hasMessageContaining("1 to 3 layers");
    }
}
