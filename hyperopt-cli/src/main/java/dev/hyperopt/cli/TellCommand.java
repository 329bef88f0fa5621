package dev.hyperopt.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.engine.api.Outcome;
import dev.hyperopt.engine.api.Trial;
import dev.hyperopt.engine.inject.Engine;
import dev.hyperopt.engine.store.SharedTrialStore;
import dev.hyperopt.engine.store.StoreException;
import dev.hyperopt.engine.store.StudyInfo;
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

/**
 * {@code hyperopt tell}: finishes a running trial with its loss, its failure or as pruned; or
 * adds a result obtained elsewhere as a finished trial, to warm a study up.
 */
@Command(name = "tell", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Finish a trial started by 'hyperopt ask' (or by anyone): with its loss, as failed with a reason, "
                + "or as pruned. A finished trial is final. With --labels or --config instead of --trial, add a result "
                + "obtained elsewhere (an earlier search, a known model) as a finished trial: the sampler learns from it."})
final class TellCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StudyAccess access;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Which which;

    static final class Which {
        @Option(names = "--trial", paramLabel = "N", description = "the running trial's number")
        Long trial;

        @Option(names = "--labels", paramLabel = "JSON",
                description = "instead of a running trial: add a result obtained elsewhere, for these labels (as 'sample --labels' prints them)")
        String labels;

        @Option(names = "--config", paramLabel = "JSON",
                description = "instead of a running trial: add a result obtained elsewhere, for this configuration (as 'sample' prints it)")
        String config;
    }

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
        Engine engine = Engine.standard();
        try (SharedTrialStore store = access.open(engine)) {
            StudyInfo info = access.existing(store);
            Trial t;
            if (which.trial != null) {
                t = store.finishTrial(access.study, which.trial, outcome, Instant.now());
            } else {
                SearchSpace space = access.space(store, null, spec.commandLine().getErr());
                t = access.study(store, space, null, info.seed(), engine).add(StudyAccess.labels(space, which.labels, which.config), outcome);
            }
            spec.commandLine().getOut().println("trial " + t.number() + " " + t.state().id()
                    + (t.isOk() ? " loss " + dev.hyperopt.dsl.ir.Num.format(t.loss()) : ""));
            spec.commandLine().getOut().flush();
            return 0;
        } catch (StoreException | IllegalArgumentException e) {
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
