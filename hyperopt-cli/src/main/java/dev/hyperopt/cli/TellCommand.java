package dev.hyperopt.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.hyperopt.engine.api.Outcome;
import dev.hyperopt.engine.api.Trial;
import dev.hyperopt.engine.inject.Engine;
import dev.hyperopt.engine.store.SharedTrialStore;
import dev.hyperopt.engine.store.StoreException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code hyperopt tell}: finishes a running trial with its loss, its failure or as pruned. */
@Command(name = "tell", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Finish a trial started by 'hyperopt ask' (or by anyone): with its loss, as failed with a reason, "
                + "or as pruned. A finished trial is final."})
final class TellCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StudyAccess access;

    @Option(names = "--trial", paramLabel = "N", required = true, description = "the trial's number")
    long trial;

    @ArgGroup(exclusive = true, multiplicity = "1")
    How how;

    static final class How {
        @Option(names = "--loss", paramLabel = "X", description = "the trial's loss (lower is better)")
        String loss;

        @Option(names = "--fail", paramLabel = "REASON", description = "the trial failed, for this reason")
        String fail;

        @Option(names = "--pruned", description = "the trial was stopped early")
        boolean pruned;
    }

    @Option(names = "--attachments", paramLabel = "JSON", description = "a JSON object kept with the trial (accuracy, time, ...)")
    String attachments;

    @Override
    public Integer call() {
        Map<String, Object> kept = attachments == null ? Map.of() : attachments();
        Outcome outcome;
        if (how.loss != null) {
            double x = OptionValues.number("--loss", how.loss);
            if (Double.isInfinite(x)) throw new UserError("invalid value for --loss: '" + how.loss + "' is not finite");
            outcome = Outcome.ok(x, kept);
        } else if (how.fail != null) {
            if (how.fail.isBlank()) throw new UserError("invalid value for --fail: the reason is empty");
            outcome = Outcome.fail(how.fail, kept);
        } else {
            outcome = Outcome.pruned(kept);
        }
        try (SharedTrialStore store = access.open(Engine.standard())) {
            access.existing(store);
            Trial t = store.finishTrial(access.study, trial, outcome, Instant.now());
            spec.commandLine().getOut().println("trial " + t.number() + " " + t.state().id()
                    + (t.isOk() ? " loss " + dev.hyperopt.dsl.ir.Num.format(t.loss()) : ""));
            spec.commandLine().getOut().flush();
            return 0;
        } catch (StoreException e) {
            throw new UserError(UserError.describe(e));
        }
    }

    private Map<String, Object> attachments() {
        try {
            Map<String, Object> m = Json.MAPPER.readValue(attachments, new TypeReference<LinkedHashMap<String, Object>>() {});
            if (m == null) throw new UserError("invalid value for --attachments: not a JSON object");
            return m;
        } catch (IOException e) {
            throw new UserError("invalid value for --attachments: not a JSON object");
        }
    }
}
