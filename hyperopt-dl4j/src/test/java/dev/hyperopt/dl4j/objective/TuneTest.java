package dev.hyperopt.dl4j.objective;

import dev.hyperopt.dl4j.model.TrainedNet;
import dev.hyperopt.dsl.HSpaceCompiler;
import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.engine.api.Trial;
import dev.hyperopt.engine.run.Hyperopt;
import dev.hyperopt.engine.run.Result;
import dev.hyperopt.nd4j.data.DataSplits;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TuneTest {

    private static String resource(String name) throws java.io.IOException {
        try (java.io.InputStream in = TuneTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void tenTrialsOnRectanglesBeatChanceByAWideMargin() throws Exception {
        DataSplits data = DataSplits.open("rectangles", new DataSplits.Sizes(400, 200, 400), 3);
        SearchSpace space = new HSpaceCompiler().compile("small-dbn", resource("spaces/small-dbn.hspace")).orThrow();
        Dl4jObjective objective = new Dl4jObjective(data, 32, 0, null);
        Result r = Hyperopt.minimize(space, objective).algorithm("tpe").maxEvals(10).seed(1).run();
        assertThat(r.trials()).hasSize(10);
        Trial best = r.best().orElseThrow();
        assertThat(best.loss()).as("validation error; chance is 0.5").isLessThan(0.25);

        TrainedNet refit = objective.fit(best.config(), null);
        double test = refit.error(data.test());
        assertThat(test).as("test error of the refit").isLessThan(0.3);
    }
}
