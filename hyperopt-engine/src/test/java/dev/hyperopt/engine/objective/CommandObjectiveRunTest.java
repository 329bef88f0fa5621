package dev.hyperopt.engine.objective;

import dev.hyperopt.engine.TestSpaces;
import dev.hyperopt.engine.api.Trial;
import dev.hyperopt.engine.api.TrialState;
import dev.hyperopt.engine.run.Hyperopt;
import dev.hyperopt.engine.run.Result;
import dev.hyperopt.engine.run.StopReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Whole runs against real child processes that misbehave in every way the protocol names. */
@Timeout(120)
class CommandObjectiveRunTest {

    @Test
    void everyMisbehaviourBecomesAFailedTrialAndTheRunFinishes() throws InterruptedException {
        LogLines log = new LogLines();
        String plan = "ok,garbage,nan,exit,hang,raise,inf,noloss,fail,ok";
        Result r;
        try (CommandObjective o = new CommandObjective(Scripts.plan(plan), null, log)) {
            // Only "hang" needs the time limit; it is long enough for every other trial on a busy machine.
            r = Hyperopt.minimize(TestSpaces.branin(), o).algorithm("rand").maxEvals(10).seed(2)
                    .trialTimeout(Duration.ofSeconds(10)).run();
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
        assertThat(errors.get(4)).isEqualTo("timed out after 10s");
        assertThat(errors.get(5)).startsWith("objective program exited with status 1");
        assertThat(errors.get(6)).isEqualTo("loss is infinite");
        assertThat(errors.get(7)).startsWith("reply has no loss");
        assertThat(errors.get(8)).isEqualTo("diverged");
        Trial last = r.trials().get(9);
        double x = last.config().getDouble("x");
        double y = last.config().getDouble("y");
        assertThat(last.loss()).isEqualTo(x * x + y * y);
        assertThat(log.await(l -> l.contains("ValueError: boom"))).isNotNull();
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
    void parallelTrialsRunInSeparateCopiesOfTheProgram(@TempDir Path meeting) {
        // Each copy's first trial waits until three copies have started one: the trials overlap or fail.
        Result r;
        try (CommandObjective o = new CommandObjective(Scripts.plan("ok", "--rendezvous", "'" + meeting + "'", "3"), null, l -> { })) {
            r = Hyperopt.minimize(TestSpaces.branin(), o).algorithm("rand").maxEvals(12).parallelism(3).seed(4).run();
            assertThat(o.processesStarted()).isEqualTo(3);
        }
        assertThat(r.trials()).hasSize(12);
        assertThat(r.trials()).allSatisfy(t -> assertThat(t.isOk()).as(t.error()).isTrue());
        Set<String> pids = new HashSet<>();
        for (Trial t : r.trials()) pids.add(String.valueOf(t.attachments().get("pid")));
        assertThat(pids).hasSize(3).containsExactlyInAnyOrder(meeting.toFile().list());
    }
}
