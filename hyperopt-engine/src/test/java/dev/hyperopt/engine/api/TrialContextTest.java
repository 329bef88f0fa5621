package dev.hyperopt.engine.api;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** An objective's own stopping rule sits beside the engine's pruner without hiding any report from it. */
class TrialContextTest {

    @Test
    void aContextWithAnExtraRuleReportsToTheEngineAndStopsWhenEitherSays() {
        List<Intermediate> engine = new ArrayList<>();
        TrialContext outer = new TrialContext(7, null, Map.of("x", 1), Duration.ofMinutes(1), () -> false, (trial, v) -> {
            engine.add(v);
            return v.step() == 3; // the engine's pruner stops it at step 3
        });
        List<Long> seenByRule = new ArrayList<>();
        TrialContext inner = outer.alsoStoppingWhen((trial, v) -> {
            seenByRule.add(v.step());
            return v.value() > 0.9;
        });
        assertThat(inner.trial()).isEqualTo(7);
        assertThat(inner.labels()).isEqualTo(Map.of("x", 1));
        assertThat(inner.deadline()).isEqualTo(outer.deadline());

        inner.report(1, 0.5);
        assertThat(inner.shouldPrune()).isFalse();
        inner.report(2, 0.95);
        assertThat(inner.shouldPrune()).as("the rule").isTrue();
        inner.report(3, 0.5);
        assertThat(inner.shouldPrune()).as("the engine").isTrue();

        assertThat(engine).extracting(Intermediate::step).containsExactly(1L, 2L, 3L);
        assertThat(outer.intermediate()).extracting(Intermediate::step).containsExactly(1L, 2L, 3L);
        assertThat(seenByRule).containsExactly(1L, 2L, 3L);
    }
}
