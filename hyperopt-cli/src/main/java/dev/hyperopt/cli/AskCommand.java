package dev.hyperopt.cli;

import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.engine.api.TrialContext;
import dev.hyperopt.engine.inject.Engine;
import dev.hyperopt.engine.run.Study;
import dev.hyperopt.engine.store.SharedTrialStore;
import dev.hyperopt.engine.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code hyperopt ask}: starts one trial of a study and prints it as the objective protocol's
 * request line, for training loops that cannot be wrapped as an objective. {@code hyperopt
 * tell} finishes it.
 */
@Command(name = "ask", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Start one trial of a study and print it as the objective protocol's request line: "
                + "{\"trial\": N, \"config\": {...}, \"labels\": {...}}. The trial is a queued configuration when "
                + "there is one, else the sampler's suggestion given every trial so far. Finish it with 'hyperopt tell'. "
                + "Several shells may ask at once: each gets its own trial."})
final class AskCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StudyAccess access;

    @Option(names = "--space", paramLabel = "FILE", description = "the study's .hspace file; creates the study when missing")
    Path spaceFile;

    @Option(names = "--algo", paramLabel = "ALGO", description = "the sampler of a new study: tpe, rand or anneal (default: tpe; an existing study keeps its own)")
    String algo;

    @Option(names = "--seed", paramLabel = "S", description = "the seed of a new study (default: random, printed)")
    String seed;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Engine engine = Engine.standard();
        if (algo != null) OptionValues.algorithm(engine, algo);
        long s = seed != null ? OptionValues.longValue("--seed", seed) : Math.floorMod(new SecureRandom().nextLong(), 1_000_000_000L);
        try (SharedTrialStore store = access.open(engine)) {
            SearchSpace space = access.space(store, spaceFile, err);
            Study study = access.study(store, space, algo, s, engine);
            if (seed == null && study.info().seed() == s) {
                err.println("hyperopt: seed " + s);
                err.flush();
            }
            TrialContext trial = study.ask();
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("trial", trial.trial());
            request.put("config", trial.config().value());
            request.put("labels", trial.labels());
            out.println(ResultDocument.compact(request));
            out.flush();
            return 0;
        } catch (StoreException | IllegalStateException e) {
            throw new UserError(UserError.describe(e));
        }
    }
}
