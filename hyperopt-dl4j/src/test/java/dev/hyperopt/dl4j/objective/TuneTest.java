package dev.hyperopt.dl4j.objective;

import dev.hyperopt.dl4j.Dl4jFamily;
import dev.hyperopt.dl4j.data.DataSplits;
import dev.hyperopt.dl4j.model.TrainedNet;
import dev.hyperopt.dsl.HSpaceCompiler;
import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.engine.api.Trial;
import dev.hyperopt.engine.run.Hyperopt;
import dev.hyperopt.engine.run.Result;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TuneTest {

    @Test
    void tenTrialsOnRectanglesBeatChanceByAWideMargin() {
        DataSplits data = DataSplits.open("rectangles", new DataSplits.Sizes(400, 200, 400), 3);
        Dl4jFamily family = new Dl4jFamily();
        SearchSpace space = new HSpaceCompiler().compile("dbn", family.spaceText("deep")).orThrow();
        Dl4jObjective objective = new Dl4jObjective(data, 64, 4, null);
        Result r = Hyperopt.minimize(space, objective).algorithm("tpe").maxEvals(10).seed(1).run();
        assertThat(r.trials()).hasSize(10);
        Trial best = r.best().orElseThrow();
        System.err.println("best " + best.loss() + " " + best.labels());
        for (Trial t : r.trials()) System.err.println(t.number() + " " + t.state() + " " + t.loss() + " " + t.error() + " " + t.attachments());
        assertThat(best.loss()).as("validation error; chance is 0.5").isLessThan(0.35);

        TrainedNet refit = objective.fit(best.config(), null);
        double test = refit.error(data.test());
        System.err.println("test " + test);
        assertThat(test).as("test error of the refit").isLessThan(0.4);
    }
}
