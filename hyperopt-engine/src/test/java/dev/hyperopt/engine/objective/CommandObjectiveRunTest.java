package dev.hyperopt.engine.objective;

import dev.hyperopt.engine.TestSpaces;
import dev.hyperopt.engine.api.Trial;
import dev.hyperopt.engine.api.TrialState;
import dev.hyperopt.engine.run.Hyperopt;
import dev.hyperopt.engine.run.Result;
import dev.hyperopt.engine.run.StopReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Whole runs against real child processes that misbehave in every way the protocol names. */
@Timeout(120)
class CommandObjectiveRunTest {

    @Test
    void everyMisbehaviourBecomesAFailedTrialAndTheRunFinishes() {
        List<String> log = new CopyOnWriteArrayList<>();
        String plan = "ok,garbage,nan,exit,hang,raise,inf,noloss,fail,ok";
        Result r;
        try (CommandObjective o = new CommandObjective(Scripts.plan(plan), null, log::add)) {
            r = Hyperopt.minimize(TestSpaces.branin(), o).algorithm("rand").maxEvals(10).seed(2)
                    .trialTimeout(Duration.ofSeconds(4)).run();
        }
        assertThat(r.stopReason()).isEqualTo(StopReason.MAX_EVALS);
        assertThat(r.trials()).hasSize(10);
        assertThat(r.trials()).extracting(Trial::state).containsExactly(TrialState.OK, TrialState.FAIL, TrialState.FAIL,
                TrialState.FAIL, TrialState.FAIL, TrialState.FAIL, TrialState.FAIL, TrialState.FAIL, TrialState.FAIL, TrialState.OK);
        List<String> errors = r.trials().stream().map(Trial::error).toList();
        assertThat(errors.get(0)).isNull();
        assertThat(errors.get(1)).isEqualTo("reply is not JSON: epoch 1/10 done");
        assertThat(errors.get(2)).isEqualTo("loss is NaN");
        assertThat(errors.get(3)).startsWith("objective program exited with status 3");
        assertThat(errors.get(4)).isEqualTo("timed out after 4s");
        assertThat(errors.get(5)).startsWith("objective program exited with status 1");
        assertThat(errors.get(6)).isEqualTo("loss is infinite");
        assertThat(errors.get(7)).startsWith("reply has no loss");
        assertThat(errors.get(8)).isEqualTo("diverged");
        Trial last = r.trials().get(9);
        double x = last.config().getDouble("x");
        double y = last.config().getDouble("y");
        assertThat(last.loss()).isEqualTo(x * x + y * y);
        assertThat(log).anyMatch(l -> l.contains("ValueError: boom"));
    }

    @Test
    void nothingReachesStandardOutput() throws Exception {
        java.io.PrintStream saved = System.out;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try (CommandObjective o = new CommandObjective(Scripts.plan("stderr,garbage,ok"))) {
            Result r = Hyperopt.minimize(TestSpaces.branin(), o).algorithm("rand").maxEvals(6).seed(1).run();
            assertThat(r.trials()).hasSize(6);
        } finally {
            System.setOut(saved);
        }
        assertThat(captured.toString(java.nio.charset.StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void parallelTrialsRunInSeparateCopiesOfTheProgram() {
        Result r;
        long t0 = System.nanoTime();
        try (CommandObjective o = new CommandObjective(Scripts.plan("ok", "--sleep", "0.3"), null, l -> { })) {
            r = Hyperopt.minimize(TestSpaces.branin(), o).algorithm("rand").maxEvals(12).parallelism(3).seed(4).run();
            assertThat(o.processesStarted()).isEqualTo(3);
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(r.trials()).hasSize(12).allMatch(Trial::isOk);
        Set<Object> pids = new HashSet<>();
        for (Trial t : r.trials()) pids.add(t.attachments().get("pid"));
        assertThat(pids).hasSize(3);
        assertThat(ms).isLessThan(12 * 300);
    }
}
