package dev.hyperopt.vision.pipeline;

import dev.hyperopt.nd4j.data.SyntheticImages;
import dev.hyperopt.vision.data.Images;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FeaturePipelineTest {
    private static final NormSpec NORM = new NormSpec(3, true, 1, 1);

    private static LayerSpec layer(int filters, int filterSize, int poolSize, int poolStride) {
        return layer(FilterbankSpec.random(filters, filterSize), poolSize, poolStride);
    }

    private static LayerSpec layer(FilterbankSpec f, int poolSize, int poolStride) {
        return new LayerSpec(f, 0, Double.POSITIVE_INFINITY, NORM, new PoolSpec(2, poolSize, poolStride));
    }

    private static INDArray rectangles(int n, long seed) {
        return Images.from(SyntheticImages.rectangles(n, seed)).pixels();
    }

    @Test
    void aTwoLayerPipelineComputesTheFeaturesItsShapeArithmeticPromises() {
        // 28 -5+1-> 24 -3+1-> 22 pool 3/2-> 10; 10 -3+1-> 8 -3+1-> 6 pool 2/2-> 3: 12 x 3 x 3
        PipelineSpec spec = PipelineSpec.of(List.of(layer(8, 5, 3, 2), layer(12, 3, 2, 2)), 10_000, 5);
        assertThat(FeaturePipeline.plan(spec, 1, 28, 28).featureCount()).isEqualTo(108);
        INDArray x = rectangles(6, 1);
        FeaturePipeline p = FeaturePipeline.fit(spec, x);
        INDArray f = p.features(x);
        assertThat(f.shape()).containsExactly(6, 108);
        assertThat(f.isNaN().any()).isFalse();
        assertThat(FeaturePipeline.fit(spec, x).features(x)).isEqualTo(f);
        assertThat(FeaturePipeline.fit(PipelineSpec.of(spec.layers(), 10_000, 6), x).features(x)).isNotEqualTo(f);
    }

    @Test
    void theInputStageAndReadoutSetTheFeatureCount() {
        List<LayerSpec> one = List.of(layer(8, 5, 3, 2));
        // resized to 14: 14 -5+1-> 10 -3+1-> 8 pool 3/2 -> 3; grid 2x2: 8 x 2 x 2
        PipelineSpec grid = new PipelineSpec(new InputSpec(14, new InputSpec.Warp(0.1, 1, 0, 0, 0), true), one,
                ReadoutSpec.grid(2, 2), 10_000, 1);
        assertThat(FeaturePipeline.plan(grid, 1, 28, 28)).isEqualTo(new FeaturePipeline.Plan(14, 14, 32, FeaturePipeline.MAX_BATCH));
        // 64 filters 9x9 on 256x256: the unrolled windows of one image, 248 x 248 x 81 floats, set the batch
        PipelineSpec big = PipelineSpec.of(List.of(layer(64, 9, 2, 2)), 100_000_000, 1);
        assertThat(FeaturePipeline.plan(big, 1, 256, 256).batch()).isEqualTo((int) (FeaturePipeline.WINDOW_FLOATS / (248L * 248 * 81)));
        INDArray x = rectangles(4, 2);
        assertThat(FeaturePipeline.fit(grid, x).features(x).shape()).containsExactly(4, 32);
        // no layers: the 28x28 input pooled 2/2 -> 14 x 14
        PipelineSpec zero = new PipelineSpec(InputSpec.NONE, List.of(), ReadoutSpec.lpool(1, 2, 2), 10_000, 1);
        INDArray f = FeaturePipeline.fit(zero, x).features(x);
        assertThat(f.shape()).containsExactly(4, 196);
        double topLeft = x.get(NDArrayIndex.point(0), NDArrayIndex.point(0), NDArrayIndex.interval(0, 2), NDArrayIndex.interval(0, 2)).sumNumber().doubleValue();
        assertThat(f.getDouble(0, 0)).isCloseTo(topLeft, org.assertj.core.api.Assertions.within(1e-5));
        // non-square images keep their aspect: 20 x 40 -> 8 x 16 raw pixels
        PipelineSpec wide = new PipelineSpec(new InputSpec(16, null, false), List.of(), ReadoutSpec.FLAT, 10_000, 1);
        assertThat(FeaturePipeline.plan(wide, 3, 20, 40).featureCount()).isEqualTo(3 * 8 * 16);
    }

    @Test
    void featuresDoNotDependOnHowImagesAreBatched() {
        PipelineSpec spec = PipelineSpec.of(List.of(layer(4, 3, 2, 2)), 10_000, 5);
        INDArray x = rectangles(5, 2);
        FeaturePipeline p = FeaturePipeline.fit(spec, x);
        INDArray all = p.features(x);
        for (int i = 0; i < 5; i++) {
            INDArray one = p.features(x.get(NDArrayIndex.interval(i, i + 1), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all()));
            assertThat(one.getRow(0).sub(all.getRow(i)).amaxNumber().doubleValue()).isLessThan(1e-5);
        }
    }

    @Test
    void whitenedFilterbanksAreEstimatedFromTheTrainingImagesAndReproducible() {
        FilterbankSpec patches = new FilterbankSpec(FilterbankSpec.Kind.WHITENED_PATCHES, 8, 5, 0.1, 500);
        FilterbankSpec random = new FilterbankSpec(FilterbankSpec.Kind.WHITENED_RANDOM, 6, 3, 0.1, 500);
        PipelineSpec spec = PipelineSpec.of(List.of(layer(patches, 3, 2), layer(random, 2, 2)), 10_000, 5);
        INDArray x = rectangles(20, 3);
        FeaturePipeline p = FeaturePipeline.fit(spec, x);
        assertThat(p.filterbanks()).hasSize(2);
        assertThat(p.filterbanks().get(0).filters().shape()).containsExactly(8, 1, 5, 5);
        assertThat(p.filterbanks().get(1).filters().shape()).containsExactly(6, 8, 3, 3);
        assertThat(p.filterbanks().get(0).offsets()).isNotNull();
        assertThat(FeaturePipeline.fit(spec, x).filterbanks().get(1).filters()).isEqualTo(p.filterbanks().get(1).filters());
        // other images, other filters
        assertThat(FeaturePipeline.fit(spec, rectangles(20, 4)).filterbanks().get(0).filters()).isNotEqualTo(p.filterbanks().get(0).filters());
        // the same filterbanks given back compute the same features
        assertThat(FeaturePipeline.of(spec, 1, 28, 28, p.filterbanks()).features(x)).isEqualTo(p.features(x));
    }

    @ParameterizedTest
    @EnumSource(FilterbankSpec.Kind.class)
    void aTinyPipelineWithALinearReadoutBeatsChanceOnRectangles(FilterbankSpec.Kind kind) {
        FilterbankSpec f = new FilterbankSpec(kind, 16, 5, 0.1, 1000);
        PipelineSpec spec = new PipelineSpec(InputSpec.NONE, List.of(layer(f, 5, 3)), ReadoutSpec.FLAT, 10_000, 3);
        INDArray train = rectangles(400, 10);
        int[] yTrain = SyntheticImages.rectangles(400, 10).labels();
        FeaturePipeline p = FeaturePipeline.fit(spec, train);
        LinearClassifier c = LinearClassifier.fit(new ClassifierSpec(ClassifierSpec.Loss.SOFTMAX, 1e-2, 200, 0.05), p.features(train), yTrain, 2);
        double error = c.errorRate(p.features(rectangles(200, 11)), SyntheticImages.rectangles(200, 11).labels());
        assertThat(error).isLessThan(0.3);
    }

    @Test
    void aMapThatShrinksToNothingFailsWithTheLayerAndStage() {
        PipelineSpec spec = PipelineSpec.of(List.of(layer(4, 5, 4, 4), layer(4, 5, 4, 4)), 10_000, 1);
        // 28 -> 24 -> 22 -> 5; second filterbank 5 -> 1; normalization 3 > 1
        assertThatThrownBy(() -> FeaturePipeline.plan(spec, 1, 28, 28))
                .isInstanceOf(InvalidArchitectureException.class)
                .hasMessage("the feature map shrinks to nothing: layer 2 normalization window 3 is larger than the 1-pixel map");
        PipelineSpec grid = new PipelineSpec(InputSpec.NONE, List.of(layer(4, 5, 4, 4)), ReadoutSpec.grid(6, 1), 10_000, 1);
        assertThatThrownBy(() -> FeaturePipeline.plan(grid, 1, 28, 28))
                .isInstanceOf(InvalidArchitectureException.class)
                .hasMessage("the feature map shrinks to nothing: a 6x6 readout grid does not fit the 5x5 map");
    }

    @Test
    void tooManyFeaturesFailWithTheCount() {
        PipelineSpec spec = PipelineSpec.of(List.of(layer(16, 3, 2, 2)), 1_000, 1);
        // 28 -> 26 -> 24 -> 12: 16 x 12 x 12 = 2304
        assertThatThrownBy(() -> FeaturePipeline.fit(spec, rectangles(2, 1)))
                .isInstanceOf(InvalidArchitectureException.class)
                .hasMessage("too many features: the readout has 16 x 12 x 12 = 2304, more than the cap of 1000");
    }

    @Test
    void whiteningPatchesLargerThanTheCapAreInvalid() {
        FilterbankSpec wide = new FilterbankSpec(FilterbankSpec.Kind.WHITENED_RANDOM, 8, 7, 0.1, 500);
        PipelineSpec spec = PipelineSpec.of(List.of(layer(64, 3, 2, 1), layer(wide, 2, 1)), 100_000, 1);
        assertThatThrownBy(() -> FeaturePipeline.plan(spec, 1, 28, 28))
                .isInstanceOf(InvalidArchitectureException.class)
                .hasMessage("layer 2 whitening needs patches of 64 x 7 x 7 = 3136 values, more than the cap of 1600");
    }

    @Test
    void layerCountsOverThreeAreInvalid() {
        LayerSpec l = layer(2, 3, 2, 2);
        assertThatThrownBy(() -> PipelineSpec.of(List.of(l, l, l, l), 10, 1))
                .isInstanceOf(InvalidArchitectureException.class).hasMessageContaining("0 to 3 layers");
    }
}
