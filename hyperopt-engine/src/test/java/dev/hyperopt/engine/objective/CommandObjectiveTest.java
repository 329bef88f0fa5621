package dev.hyperopt.engine.objective;

import dev.hyperopt.engine.api.Config;
import dev.hyperopt.engine.api.Outcome;
import dev.hyperopt.engine.api.TrialContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class CommandObjectiveTest {
    private final LogLines stderr = new LogLines();
    private CommandObjective objective;

    @AfterEach
    void close() {
        if (objective != null) objective.close();
    }

    private CommandObjective start(String cmd) {
        objective = new CommandObjective(cmd, null, stderr);
        return objective;
    }

    private static TrialContext trial(long n, double x) {
        return new TrialContext(n, Config.of(Map.of("x", x)), Map.of("x", x), null, null);
    }

    private static TrialContext trial(long n, double x, Duration limit) {
        return new TrialContext(n, Config.of(Map.of("x", x)), Map.of("x", x), limit, null);
    }

    @Test
    void sendsTheTrialAndReadsTheLossKeepingTheProgramRunning() throws Exception {
        start(Scripts.plan("ok"));
        Outcome a = objective.evaluate(trial(0, 2.0));
        Outcome b = objective.evaluate(trial(1, 3.0));
        assertThat(a.ok()).isTrue();
        assertThat(a.loss()).isEqualTo(4.0);
        assertThat(b.loss()).isEqualTo(9.0);
        assertThat(b.attachments()).containsEntry("seen", 2L).containsEntry("trial", 1L);
        assertThat(b.attachments().get("pid")).isEqualTo(a.attachments().get("pid"));
        assertThat(objective.processesStarted()).isEqualTo(1);
    }

    @Test
    void prestartedCopiesServeTheFirstTrialsWithoutStartingMore() throws Exception {
        start(Scripts.plan("ok"));
        objective.prestart(2);
        objective.prestart(2);
        assertThat(objective.processesStarted()).as("a second prestart tops up, it does not add").isEqualTo(2);
        Outcome a = objective.evaluate(trial(0, 2.0));
        Outcome b = objective.evaluate(trial(1, 3.0));
        assertThat(a.loss()).isEqualTo(4.0);
        assertThat(b.loss()).isEqualTo(9.0);
        assertThat(objective.processesStarted()).isEqualTo(2);
    }

    @Test
    void aShellPipelineWorksAsAnObjective() throws Exception {
        start("while read line; do echo '{\"loss\": 1.5, \"status\": \"ok\"}'; done");
        assertThat(objective.evaluate(trial(0, 1)).loss()).isEqualTo(1.5);
        assertThat(objective.evaluate(trial(1, 1)).loss()).isEqualTo(1.5);
    }

    @Test
    void anExplicitFailureKeepsTheProgram() throws Exception {
        start(Scripts.plan("fail,ok"));
        Outcome f = objective.evaluate(trial(0, 1));
        assertThat(f.ok()).isFalse();
        assertThat(f.error()).isEqualTo("diverged");
        assertThat(objective.evaluate(trial(1, 1)).ok()).isTrue();
        assertThat(objective.processesStarted()).isEqualTo(1);
    }

    private Outcome failsThenRecovers(String behaviour, String reasonStart) throws Exception {
        start(Scripts.plan(behaviour + ",ok"));
        Outcome bad = objective.evaluate(trial(0, 1, Duration.ofSeconds(20)));
        assertThat(bad.ok()).as(behaviour).isFalse();
        assertThat(bad.error()).as(behaviour).startsWith(reasonStart);
        Outcome good = objective.evaluate(trial(1, 2, Duration.ofSeconds(10)));
        assertThat(good.ok()).as(behaviour + " then ok").isTrue();
        assertThat(good.loss()).isEqualTo(4.0);
        assertThat(objective.processesStarted()).as("restarted after " + behaviour).isEqualTo(2);
        return bad;
    }

    @Test
    void nanLossFailsTheTrial() throws Exception {
        failsThenRecovers("nan", "loss is NaN");
    }

    @Test
    void infiniteLossFailsTheTrial() throws Exception {
        failsThenRecovers("inf", "loss is infinite");
    }

    @Test
    void missingLossFailsTheTrial() throws Exception {
        failsThenRecovers("noloss", "reply has no loss");
    }

    @Test
    void aLossThatIsNotANumberFailsTheTrial() throws Exception {
        failsThenRecovers("string", "loss is not a number: \"0.5\"");
    }

    @Test
    void aReplyThatIsNotJsonFailsTheTrial() throws Exception {
        failsThenRecovers("garbage", "reply is not JSON: epoch 1/10 done");
    }

    @Test
    void aReplyThatIsNotAnObjectFailsTheTrial() throws Exception {
        failsThenRecovers("array", "reply is not a JSON object");
    }

    @Test
    void aProgramThatExitsFailsTheTrial() throws Exception {
        failsThenRecovers("exit", "objective program exited with status 3");
    }

    @Test
    void aProgramThatCrashesFailsTheTrialAndItsTracebackGoesToTheLog() throws Exception {
        Outcome crashed = failsThenRecovers("raise", "objective program exited with status 1");
        assertThat(stderr.await(l -> l.startsWith("[objective 1] ") && l.contains("ValueError: boom"))).isNotNull();
        // The trial's reason carries the program's last words, so a summary of failures says why.
        assertThat(crashed.error()).endsWith("(it said: ValueError: boom)");
    }

    @Test
    void aTrialPastItsTimeLimitFailsAndTheProgramIsKilled() throws Exception {
        start(Scripts.plan("hang,ok")); // "hang" never replies
        Outcome bad = objective.evaluate(trial(0, 1, Duration.ofMillis(700)));
        assertThat(bad.error()).isEqualTo("timed out after 700ms");
        assertThat(objective.evaluate(trial(1, 2)).loss()).isEqualTo(4.0);
        assertThat(objective.processesStarted()).isEqualTo(2);
    }

    @Test
    void standardErrorGoesToTheLogNotTheProtocol() throws Exception {
        start(Scripts.plan("stderr"));
        Outcome o = objective.evaluate(trial(4, 3));
        assertThat(o.loss()).isEqualTo(9.0);
        assertThat(stderr.await(l -> true)).isEqualTo("[objective 1] warming up trial 4");
        assertThat(stderr.lines()).hasSize(1);
    }

    @Test
    void blankLinesBeforeTheReplyAreSkipped() throws Exception {
        start(Scripts.plan("twolines"));
        assertThat(objective.evaluate(trial(0, 2)).loss()).isEqualTo(4.0);
    }

    @Test
    void aCommandThatCannotRunFailsEachTrial() throws Exception {
        start("exec /nonexistent/objective-program");
        Outcome o = objective.evaluate(trial(0, 1));
        assertThat(o.ok()).isFalse();
        assertThat(o.error()).startsWith("objective program exited with status 127").contains("/nonexistent/objective-program");
    }

    @Test
    void aStopRequestCancelsAWaitingTrial() throws Exception {
        start(Scripts.plan("hang"));
        TrialContext ctx = new TrialContext(0, Config.of(Map.of()), Map.of(), null, () -> true);
        Outcome o = objective.evaluate(ctx);
        assertThat(o.error()).startsWith("cancelled");
    }

    @Test
    void parsesRepliesStrictly() {
        assertThat(CommandObjective.parse("{\"loss\": -Infinity}").outcome().error()).isEqualTo("loss is -infinite");
        assertThat(CommandObjective.parse("{\"loss\": 1} trailing").outcome().error()).startsWith("reply is not JSON");
        assertThat(CommandObjective.parse("{\"loss\": 1, \"attachments\": 3}").outcome().error()).contains("attachments");
        assertThat(CommandObjective.parse("{\"status\": \"weird\"}").outcome().error()).contains("unknown status");
        assertThat(CommandObjective.parse("{\"status\": \"fail\"}").outcome().error()).isEqualTo("objective reported failure");
        Outcome ok = CommandObjective.parse("{\"loss\": 2, \"attachments\": {\"n\": 3, \"acc\": 0.5, \"tags\": [\"a\"]}}").outcome();
        assertThat(ok.loss()).isEqualTo(2.0);
        assertThat(ok.attachments()).containsEntry("n", 3L).containsEntry("acc", 0.5).containsEntry("tags", List.of("a"));
    }
}
