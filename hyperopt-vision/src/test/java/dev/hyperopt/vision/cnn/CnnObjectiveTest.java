package dev.hyperopt.vision.cnn;

import dev.hyperopt.dsl.HSpaceCompiler;
import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.engine.api.Config;
import dev.hyperopt.engine.api.Intermediate;
import dev.hyperopt.engine.api.Outcome;
import dev.hyperopt.engine.api.TrialContext;
import dev.hyperopt.engine.sample.Seeds;
import dev.hyperopt.engine.sample.random.PriorSampler;
import dev.hyperopt.engine.space.Assignment;
import dev.hyperopt.engine.space.SpaceEvaluator;
import dev.hyperopt.vision.VisionFamily;
import dev.hyperopt.vision.data.ImageSplits;
import dev.hyperopt.vision.pipeline.InvalidArchitectureException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CnnObjectiveTest {
    private static final ImageSplits TINY = new ImageSplits("halves", CnnTestData.halves(96, 1), CnnTestData.halves(40, 2),
            CnnTestData.halves(20, 3));

    private static Outcome evaluate(Config c) {
        return new CnnObjective(TINY, 0, null).evaluate(TrialContext.of(0, c, Map.of()));
    }

    @Test
    void aValidNetGivesItsValidationError() {
        Outcome o = evaluate(CnnTestData.config(List.of(CnnTestData.block(4, 3, "max")), 0, 3, 100_000));
        assertThat(o.ok()).as(o.error()).isTrue();
        assertThat(o.loss()).isLessThan(0.2);
        // 4 x 3 x 3 + 4, then 8x8 -> 6x6 -> 3x3: 36 x 2 + 2
        assertThat(o.attachments()).containsEntry("parameters", 40L + 74L).containsEntry("blocks", 1).containsEntry("epochs", 3)
                .containsEntry("stopped_by", "epochs").containsKey("best_epoch");
    }

    @Test
    void everyEpochIsReportedAndAPrunerStopsTheTraining() {
        Config c = CnnTestData.config(List.of(CnnTestData.block(4, 3, "max")), 0, 3, 100_000);
        TrialContext all = TrialContext.of(0, c, Map.of());
        Outcome ok = new CnnObjective(TINY, 0, null).evaluate(all);
        assertThat(all.intermediate()).extracting(Intermediate::step).containsExactly(1L, 2L, 3L);
        assertThat(all.intermediate()).extracting(Intermediate::value).contains(ok.loss());

        TrialContext stopped = new TrialContext(1, c, Map.of(), null, () -> false, (trial, value) -> value.step() == 1);
        Outcome pruned = new CnnObjective(TINY, 0, null).evaluate(stopped);
        assertThat(pruned.isPruned()).isTrue();
        assertThat(pruned.attachments()).containsEntry("stopped_by", "pruned").containsEntry("epochs", 1);
        assertThat(stopped.intermediate()).hasSize(1);
    }

    @Test
    void aMapThatShrinksToNothingFailsBeforeTraining() {
        // 8 -> 4 (kernel 5, pool) -> kernel 5 does not fit
        Outcome o = evaluate(CnnTestData.config(List.of(CnnTestData.block(4, 5, "max"), CnnTestData.block(4, 5, "none")), 0, 3, 100_000));
        assertThat(o.ok()).isFalse();
        assertThat(o.error()).isEqualTo("invalid architecture: the feature map shrinks to nothing: block 2 kernel 5 is larger than the 2x2 map");
        Outcome pool = evaluate(CnnTestData.config(List.of(CnnTestData.block(4, 3, "max"), CnnTestData.block(4, 3, "max")), 0, 3, 100_000));
        assertThat(pool.error()).isEqualTo("invalid architecture: the feature map shrinks to nothing: block 2 pooling 2x2 does not fit the 1x1 map");
    }

    @Test
    void tooManyParametersFailsWithTheCount() {
        // 8 -> 6: 64 x 3 x 3 + 64, 64 x 6 x 6 = 2304 inputs to 128 dense units (+ 128), 128 x 2 + 2
        Outcome o = evaluate(CnnTestData.config(List.of(CnnTestData.block(64, 3, "none")), 128, 3, 100_000));
        assertThat(o.ok()).isFalse();
        assertThat(o.error()).isEqualTo("invalid architecture: too many parameters: 295938 (the last map is 64 x 6 x 6), more than the cap of 100000");
    }

    @Test
    void aHugeMinibatchFailsAsTooLarge() {
        Config c = CnnTestData.with(CnnTestData.config(List.of(CnnTestData.block(64, 3, "none")), 0, 1, 1_000_000), "batch_size", 2_000_000L);
        Outcome o = evaluate(c);
        assertThat(o.ok()).isFalse();
        assertThat(o.error()).startsWith("invalid architecture: a minibatch of 2000000 images needs about ").endsWith("MB of activations, more than the cap of 1024 MB");
    }

    @Test
    void aBadConfigurationFailsWithTheKey() {
        Outcome o = evaluate(CnnTestData.with(CnnTestData.config(List.of(CnnTestData.block(4, 3, "median")), 0, 1, 1000), "dense", 0L));
        assertThat(o.error()).isEqualTo("bad configuration: pool 'median' is none of max, avg, none");
        Outcome d = evaluate(CnnTestData.with(CnnTestData.config(List.of(CnnTestData.block(4, 3, "max")), 0, 1, 1000), "dropout", 1.0));
        assertThat(d.error()).isEqualTo("bad configuration: dropout must be in [0, 1), got 1.0");
    }

    /** Every draw of the shipped space reads as a net; on 28x28 images some fit and some do not, each for its reason. */
    @Test
    void theShippedSpaceDrawsValidAndInvalidNets() {
        SearchSpace space = new HSpaceCompiler().compile("cnn", new VisionFamily().spaceText("cnn")).orThrow();
        int valid = 0;
        List<String> reasons = new ArrayList<>();
        for (int t = 0; t < 300; t++) {
            CnnSpec spec = CnnSpec.from(Config.of(SpaceEvaluator.evaluate(PriorSampler.sample(space, Seeds.stream(7, t)))));
            assertThat(spec.blocks()).hasSizeBetween(1, 3);
            assertThat(spec.epochs()).isBetween(2, 6);
            try {
                new CnnArchitecture(spec, 1, 28, 28, 10);
                valid++;
            } catch (InvalidArchitectureException e) {
                reasons.add(e.getMessage());
            }
        }
        assertThat(valid).isGreaterThan(150);
        assertThat(reasons).anyMatch(r -> r.startsWith("too many parameters"));
        assertThat(reasons).anyMatch(r -> r.startsWith("the feature map shrinks to nothing"));
    }

    /** The first trial of vision tune: a standard small CNN that the shipped space holds and that fits 28x28 images. */
    @Test
    void theStandardSmallCnnIsAPointOfTheShippedSpace() {
        SearchSpace space = new HSpaceCompiler().compile("cnn", new VisionFamily().spaceText("cnn")).orThrow();
        Object config = SpaceEvaluator.evaluate(Assignment.fromConfig(space, CnnSpec.standardSmall()));
        assertThat(config).isEqualTo(CnnSpec.standardSmall());
        CnnArchitecture arch = new CnnArchitecture(CnnSpec.from(Config.of(config)), 1, 28, 28, 10);
        // 32 x 9 + 32, 64 x 32 x 9 + 64, 5 x 5 x 64 x 128 + 128, 128 x 10 + 10
        assertThat(arch.parameters()).isEqualTo(320L + 18_496L + 204_928L + 1_290L);
    }
}
