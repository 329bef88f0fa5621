package dev.hyperopt.dl4j.command;

import dev.hyperopt.dl4j.Dl4jFamily;
import dev.hyperopt.dl4j.model.BaselineMlp;
import dev.hyperopt.dsl.HSpaceCompiler;
import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.engine.space.Assignment;
import dev.hyperopt.engine.space.SpaceEvaluator;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class KnownGoodTest {
    private static SearchSpace space(String name) {
        return new HSpaceCompiler().compile(name, new Dl4jFamily().spaceText(name)).orThrow();
    }

    @Test
    void theDefaultSpaceHoldsDl4jsUsualMlpAndTuneEvaluatesItFirst() {
        SearchSpace modern = space("modern");
        List<Map<String, Object>> first = Dl4jTuning.knownGood(modern);
        assertThat(first).hasSize(1);
        Object config = SpaceEvaluator.evaluate(Assignment.fromLabels(modern, first.get(0)));
        assertThat(config).isEqualTo(BaselineMlp.config());
    }

    @Test
    void aSpaceOfAnotherShapeHasNone() {
        assertThat(Dl4jTuning.knownGood(space("dbn"))).isEmpty();
        assertThat(Dl4jTuning.knownGood(space("deep"))).isEmpty();
    }
}
