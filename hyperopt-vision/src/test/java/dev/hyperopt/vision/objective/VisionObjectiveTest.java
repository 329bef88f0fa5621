package dev.hyperopt.vision.objective;

import dev.hyperopt.dl4j.data.DataSplits;
import dev.hyperopt.dsl.HSpaceCompiler;
import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.engine.api.Config;
import dev.hyperopt.engine.api.Outcome;
import dev.hyperopt.engine.api.TrialContext;
import dev.hyperopt.engine.sample.Seeds;
import dev.hyperopt.engine.sample.random.PriorSampler;
import dev.hyperopt.engine.space.SpaceEvaluator;
import dev.hyperopt.vision.VisionFamily;
import dev.hyperopt.vision.pipeline.FeaturePipeline;
import dev.hyperopt.vision.pipeline.InvalidArchitectureException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class VisionObjectiveTest {
    private static final DataSplits TINY = DataSplits.open("rectangles", new DataSplits.Sizes(30, 20, 10), 1);

    private static Map<String, Object> layer(long filters, long filterSize, long poolSize, long poolStride) {
        Map<String, Object> l = new LinkedHashMap<>();
        l.put("filters", filters);
        l.put("filter_size", filterSize);
        l.put("rectify_min", 0L);
        l.put("rectify_max", null);
        l.put("norm_size", 3L);
        l.put("norm_remove_mean", true);
        l.put("norm_threshold", 1.0);
        l.put("norm_stretch", 1.0);
        l.put("pool_order", 2L);
        l.put("pool_size", poolSize);
        l.put("pool_stride", poolStride);
        return l;
    }

    private static Config config(String depth, List<Map<String, Object>> layers, long maxFeatures) {
        return config(depth, layers, maxFeatures, "softmax");
    }

    private static Config config(String depth, List<Map<String, Object>> layers, long maxFeatures, String classifier) {
        Map<String, Object> branch = new LinkedHashMap<>();
        branch.put("layers", layers);
        branch.put("classifier", Map.of(classifier, Map.of("l2", 1e-3, "iterations", 50L, "learning_rate", 0.05)));
        branch.put("seed", 3L);
        branch.put("max_features", maxFeatures);
        return Config.of(Map.of("depth", Map.of(depth, branch)));
    }

    private static Outcome evaluate(Config c) {
        return new VisionObjective(TINY).evaluate(TrialContext.of(0, c, Map.of()));
    }

    @Test
    void aValidPipelineGivesItsValidationError() {
        Outcome o = evaluate(config("one", List.of(layer(8, 5, 3, 2)), 16384));
        assertThat(o.ok()).as(o.error()).isTrue();
        assertThat(o.loss()).isBetween(0.0, 1.0);
        // 28 -> 24 -> 22 -> 10: 8 x 10 x 10
        assertThat(o.attachments()).containsEntry("features", 800L).containsEntry("layers", 1)
                .containsEntry("classifier", "softmax");
    }

    @Test
    void theSvmReadoutIsChosenByTheClassifierBranch() {
        Outcome o = evaluate(config("one", List.of(layer(8, 5, 3, 2)), 16384, "svm"));
        assertThat(o.ok()).as(o.error()).isTrue();
        assertThat(o.attachments()).containsEntry("classifier", "svm");
        Outcome bad = evaluate(config("one", List.of(layer(8, 5, 3, 2)), 16384, "forest"));
        assertThat(bad.ok()).isFalse();
        assertThat(bad.error()).isEqualTo("bad configuration: classifier 'forest' is neither softmax nor svm");
    }

    @Test
    void aMapThatShrinksToNothingIsAFailedTrialWithTheReason() {
        Outcome o = evaluate(config("two", List.of(layer(4, 9, 8, 3), layer(4, 5, 3, 2)), 16384));
        assertThat(o.ok()).isFalse();
        assertThat(o.error()).startsWith("invalid architecture: the feature map shrinks to nothing: layer 2");
    }

    @Test
    void tooManyFeaturesIsAFailedTrialWithTheReason() {
        Outcome o = evaluate(config("one", List.of(layer(64, 3, 2, 1)), 1000));
        assertThat(o.ok()).isFalse();
        // 28 -> 26 -> 24 -> 23
        assertThat(o.error()).isEqualTo("invalid architecture: too many features: the readout has 64 x 23 x 23 = 33856, more than the cap of 1000");
    }

    @Test
    void aConfigurationOfAnotherShapeIsAFailedTrial() {
        Outcome o = evaluate(Config.of(Map.of("layers", List.of())));
        assertThat(o.ok()).isFalse();
        assertThat(o.error()).startsWith("bad configuration:");
    }

    /** Draws from the shipped space until every depth has a valid pipeline, and runs each. */
    @Test
    void everyDepthOfTheShippedSpaceRunsOnTinyImages() {
        SearchSpace space = new HSpaceCompiler().compile("convnet", new VisionFamily().spaceText("convnet")).orThrow();
        Map<String, Config> valid = new HashMap<>();
        List<String> reasons = new ArrayList<>();
        for (int t = 0; t < 3000 && valid.size() < 3; t++) {
            Config c = Config.of(SpaceEvaluator.evaluate(PriorSampler.sample(space, Seeds.stream(5, t))));
            VisionConfig v = VisionConfig.from(c);
            String depth = c.branch("depth");
            if (valid.containsKey(depth)) continue;
            try {
                new FeaturePipeline(v.pipeline(), 1, 28, 28);
                valid.put(depth, c);
            } catch (InvalidArchitectureException e) {
                reasons.add(e.getMessage());
                Outcome o = evaluate(c);
                assertThat(o.ok()).isFalse();
                assertThat(o.error()).isEqualTo("invalid architecture: " + e.getMessage());
            }
        }
        assertThat(valid).containsOnlyKeys("one", "two", "three");
        assertThat(reasons).isNotEmpty();
        for (Config c : valid.values()) {
            Outcome o = evaluate(c);
            assertThat(o.ok()).as(c + ": " + o.error()).isTrue();
            assertThat(o.loss()).isBetween(0.0, 1.0);
        }
    }
}
