package dev.hyperopt.cli;

import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.engine.inject.Engine;
import dev.hyperopt.engine.store.SharedTrialStore;
import dev.hyperopt.engine.store.StoreException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code hyperopt enqueue}: queues a known configuration, evaluated by the study's next trial. */
@Command(name = "enqueue", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Queue a configuration in a study: the next trial anyone starts (a tune run, a worker's driver, "
                + "'hyperopt ask') evaluates it before the sampler is asked. Prints the labels queued."})
final class EnqueueCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StudyAccess access;

    @Option(names = "--space", paramLabel = "FILE", description = "the study's .hspace file; creates the study when missing")
    Path spaceFile;

    @ArgGroup(exclusive = true, multiplicity = "1")
    What what;

    static final class What {
        @Option(names = "--config", paramLabel = "JSON", description = "a configuration as 'hyperopt sample' prints it")
        String config;

        @Option(names = "--labels", paramLabel = "JSON", description = "the hyperparameters' values as 'hyperopt sample --labels' prints them")
        String labels;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Engine engine = Engine.standard();
        try (SharedTrialStore store = access.open(engine)) {
            SearchSpace space = access.space(store, spaceFile, err);
            Map<String, Object> labels = StudyAccess.labels(space, what.labels, what.config);
            access.study(store, space, null, 0, engine).enqueue(labels);
            out.println(ResultDocument.compact(labels));
            out.flush();
            return 0;
        } catch (StoreException e) {
            throw new UserError(UserError.describe(e));
        }
    }
}
