package dev.hyperopt.engine.objective;

import dev.hyperopt.engine.api.Config;
import dev.hyperopt.engine.api.Intermediate;
import dev.hyperopt.engine.api.Outcome;
import dev.hyperopt.engine.api.Reporter;
import dev.hyperopt.engine.api.TrialContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The protocol's intermediate values: {@code {"report": ...}} lines answered with {@code {"prune": ...}}. */
@Timeout(60)
class CommandObjectiveReportTest {
    private final LogLines stderr = new LogLines();
    private final List<Intermediate> received = new CopyOnWriteArrayList<>();
    private CommandObjective objective;

    @AfterEach
    void close() {
        if (objective != null) objective.close();
    }

    private CommandObjective start(String plan) {
        objective = new CommandObjective(Scripts.plan(plan), null, stderr);
        return objective;
    }

    /** A trial whose reporter records every value and says to prune from step {@code pruneAt} on. */
    private TrialContext trial(long n, double x, long pruneAt) {
        Reporter r = (trial, v) -> {
            received.add(v);
            return v.step() >= pruneAt;
        };
        return new TrialContext(n, Config.of(Map.of("x", x)), Map.of("x", x), null, null, r);
    }

    @Test
    void reportsReachTheEngineAndATrialRunsOnWhileNotPruned() throws Exception {
        start("curve");
        TrialContext ctx = trial(0, 2.0, 100);
        Outcome o = objective.evaluate(ctx);
        assertThat(o.ok()).isTrue();
        assertThat(o.loss()).isEqualTo(4.0);
        assertThat(received).extracting(Intermediate::step).containsExactly(1L, 2L, 3L, 4L);
        assertThat(received.get(0).value()).isEqualTo(8.0);
        assertThat(ctx.intermediate()).isEqualTo(received);
    }

    @Test
    void aPruneAnswerStopsTheTrialAndTheProgramServesTheNext() throws Exception {
        start("curve");
        Outcome pruned = objective.evaluate(trial(0, 2.0, 2));
        assertThat(pruned.isPruned()).isTrue();
        assertThat(received).extracting(Intermediate::step).containsExactly(1L, 2L);
        Outcome next = objective.evaluate(trial(1, 1.0, 100));
        assertThat(next.loss()).isEqualTo(1.0);
        assertThat(objective.processesStarted()).isEqualTo(1);
    }

    @Test
    void anyFinalReplyAfterAPruneAnswerRecordsThePrunedState() throws Exception {
        start("curveignore");
        Outcome o = objective.evaluate(trial(0, 2.0, 2));
        assertThat(o.isPruned()).isTrue();
        assertThat(o.attachments()).containsKey("pid");
    }

    @Test
    void stepsThatDoNotIncreaseFailTheTrialWithTheReason() throws Exception {
        start("badstep,ok");
        Outcome o = objective.evaluate(trial(0, 2.0, 100));
        assertThat(o.ok()).isFalse();
        assertThat(o.error()).contains("steps must increase");
        assertThat(objective.evaluate(trial(1, 3.0, 100)).loss()).as("a fresh copy serves the next trial").isEqualTo(9.0);
    }

    @Test
    void aNonFiniteReportFailsTheTrial() throws Exception {
        start("nanreport");
        Outcome o = objective.evaluate(trial(0, 2.0, 100));
        assertThat(o.ok()).isFalse();
        assertThat(o.error()).isEqualTo("report's value is NaN at step 1");
        assertThat(received).isEmpty();
    }
}
