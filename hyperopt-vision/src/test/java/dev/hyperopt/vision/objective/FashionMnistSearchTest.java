package dev.hyperopt.vision.objective;

import dev.hyperopt.dsl.HSpaceCompiler;
import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.engine.api.Trial;
import dev.hyperopt.engine.api.TrialState;
import dev.hyperopt.engine.run.Hyperopt;
import dev.hyperopt.engine.run.Result;
import dev.hyperopt.nd4j.data.DataSplits;
import dev.hyperopt.vision.VisionFamily;
import dev.hyperopt.vision.data.ImageSplits;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** A short random search of the shipped space on real images (CI installs the Debian Fashion-MNIST package). */
class FashionMnistSearchTest {

    @Test
    void tenTrialsOnSixHundredImagesFindAPipelineFarBetterThanChance() {
        ImageSplits data = ImageSplits.from(DataSplits.open("fashion-mnist", new DataSplits.Sizes(500, 100, 10), 1));
        SearchSpace space = new HSpaceCompiler().compile("convnet", new VisionFamily().spaceText("convnet")).orThrow();
        Result r = Hyperopt.minimize(space, new VisionObjective(data)).algorithm("random").maxEvals(10).seed(3)
                .trialTimeout(Duration.ofSeconds(10)).run();
        assertThat(r.trials()).hasSize(10);
        for (Trial t : r.trials()) {
            if (t.state() != TrialState.OK) assertThat(t.error()).as(t.toString()).matches("invalid architecture: .*|timed out after .*");
        }
        // ten classes: chance is 90% error
        Trial best = r.best().orElseThrow();
        assertThat(best.loss()).as(best.toString()).isLessThan(0.4);
    }
}
