package dev.hyperopt.vision.objective;

import dev.hyperopt.dsl.HSpaceCompiler;
import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.engine.api.Config;
import dev.hyperopt.engine.api.Outcome;
import dev.hyperopt.engine.api.TrialContext;
import dev.hyperopt.engine.sample.Seeds;
import dev.hyperopt.engine.sample.random.PriorSampler;
import dev.hyperopt.engine.space.SpaceEvaluator;
import dev.hyperopt.nd4j.data.DataSplits;
import dev.hyperopt.vision.TestConfigs;
import dev.hyperopt.vision.VisionFamily;
import dev.hyperopt.vision.data.ImageSplits;
import dev.hyperopt.vision.data.Images;
import dev.hyperopt.vision.pipeline.FeaturePipeline;
import dev.hyperopt.vision.pipeline.InvalidArchitectureException;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class VisionObjectiveTest {
    private static final ImageSplits TINY = ImageSplits.from(DataSplits.open("rectangles", new DataSplits.Sizes(30, 20, 10), 1));

    private static Outcome evaluate(ImageSplits data, Config c) {
        return new VisionObjective(data).evaluate(TrialContext.of(0, c, Map.of()));
    }

    private static Outcome evaluate(Config c) {
        return evaluate(TINY, c);
    }

    @Test
    void aValidPipelineGivesItsValidationError() {
        Outcome o = evaluate(TestConfigs.config(List.of(TestConfigs.layer(8, 5, 3, 2)), 16384));
        assertThat(o.ok()).as(o.error()).isTrue();
        assertThat(o.loss()).isBetween(0.0, 1.0);
        // 28 -> 24 -> 22 -> 10: 8 x 10 x 10
        assertThat(o.attachments()).containsEntry("features", 800L).containsEntry("layers", 1)
                .containsEntry("classifier", "softmax").containsEntry("readout", "lpool");
    }

    @Test
    void theSvmReadoutIsChosenByTheClassifierBranch() {
        Outcome o = evaluate(TestConfigs.config(TestConfigs.input(), List.of(TestConfigs.layer(8, 5, 3, 2)),
                TestConfigs.gridReadout(3, 1.0), TestConfigs.classifier("svm"), 16384));
        assertThat(o.ok()).as(o.error()).isTrue();
        assertThat(o.attachments()).containsEntry("classifier", "svm").containsEntry("features", 72L).containsEntry("readout", "grid");
        Outcome bad = evaluate(TestConfigs.config(TestConfigs.input(), List.of(TestConfigs.layer(8, 5, 3, 2)),
                TestConfigs.gridReadout(3, 1.0), TestConfigs.classifier("forest"), 16384));
        assertThat(bad.ok()).isFalse();
        assertThat(bad.error()).isEqualTo("bad configuration: classifier 'forest' is neither softmax nor svm");
    }

    @Test
    void colourImagesGoThroughTheObjective() {
        Images train = TestConfigs.colourSquares(40, 1);
        Images valid = TestConfigs.colourSquares(20, 2);
        Outcome o = evaluate(new ImageSplits("squares", train, valid, valid),
                TestConfigs.config(TestConfigs.input(), List.of(TestConfigs.layer(8, 3, 2, 2)), TestConfigs.gridReadout(2, 2.0),
                        TestConfigs.classifier("softmax"), 16384));
        assertThat(o.ok()).as(o.error()).isTrue();
        assertThat(o.loss()).isLessThan(0.2);
    }

    @Test
    void aMapThatShrinksToNothingIsAFailedTrialWithTheReason() {
        Outcome o = evaluate(TestConfigs.config(List.of(TestConfigs.layer(4, 9, 8, 3), TestConfigs.layer(4, 5, 3, 2)), 16384));
        assertThat(o.ok()).isFalse();
        assertThat(o.error()).startsWith("invalid architecture: the feature map shrinks to nothing: layer 2");
    }

    @Test
    void tooManyFeaturesIsAFailedTrialWithTheReason() {
        Outcome o = evaluate(TestConfigs.config(List.of(TestConfigs.layer(64, 3, 2, 1)), 1000));
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

    /**
     * Fifty draws from the shipped space, each evaluated on 20 tiny 12x12 images: every one is
     * either a success or a failed trial for an invalid architecture (with the pipeline's own
     * reason), most succeed, and every depth succeeds at least once.
     */
    @Test
    void drawsFromTheShippedSpaceRunOnTinyImagesOrFailAsInvalidArchitectures() {
        SearchSpace space = new HSpaceCompiler().compile("convnet", new VisionFamily().spaceText("convnet")).orThrow();
        DataSplits rect = DataSplits.open("rectangles", new DataSplits.Sizes(20, 10, 10), 4);
        ImageSplits tiny = new ImageSplits("tiny", crop(Images.from(rect.train())), crop(Images.from(rect.valid())), crop(Images.from(rect.test())));
        Map<String, Integer> okByDepth = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        int ok = 0;
        for (int t = 0; t < 50; t++) {
            Config c = Config.of(SpaceEvaluator.evaluate(PriorSampler.sample(space, Seeds.stream(7, t))));
            Outcome o = evaluate(tiny, c);
            if (o.ok()) {
                ok++;
                okByDepth.merge(c.branch("depth"), 1, Integer::sum);
                assertThat(o.loss()).isBetween(0.0, 1.0);
            } else {
                assertThat(o.error()).as(c.toString()).startsWith("invalid architecture: ");
                failures.add(o.error());
                VisionConfig v = VisionConfig.from(c);
                String reason = o.error().substring("invalid architecture: ".length());
                if (!reason.startsWith("the features are not finite")) {
                    try {
                        FeaturePipeline.plan(v.pipeline(), 1, 12, 12);
                        throw new AssertionError("the plan accepts what the trial rejected: " + reason);
                    } catch (InvalidArchitectureException e) {
                        assertThat(e.getMessage()).isEqualTo(reason);
                    }
                }
            }
        }
        assertThat(ok).as(failures.toString()).isGreaterThan(25);
        assertThat(okByDepth).as(okByDepth + " " + failures).containsKeys("zero", "one", "two");
    }

    private static Images crop(Images i) {
        return new Images(i.pixels().get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(8, 20), NDArrayIndex.interval(8, 20)).dup(),
                i.labels(), i.classNames());
    }
}
