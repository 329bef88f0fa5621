package dev.hyperopt.cli;

import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.engine.api.Objective;
import dev.hyperopt.engine.inject.Engine;
import dev.hyperopt.engine.run.Result;
import dev.hyperopt.engine.store.SharedTrialStore;
import dev.hyperopt.engine.store.StoreException;
import dev.hyperopt.engine.store.StoreUrl;
import dev.hyperopt.engine.store.TrialStore;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * {@code hyperopt tune FILE --objective-cmd CMD}: minimizes an external program's loss over
 * the space in FILE; {@code --family NAME --option KEY=VALUE} runs an objective a family binds
 * by name in this process instead.
 */
@Command(name = "tune", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Minimize an objective over the space in FILE: an external program, or an objective a family provides.",
                "The objective program reads {\"trial\",\"config\",\"labels\"} lines on standard input "
                        + "and answers each with one JSON line such as {\"loss\": 0.25} on standard output."})
final class TuneCommand implements java.util.concurrent.Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "the .hspace file of the search space")
    Path file;

    @ArgGroup(exclusive = true, multiplicity = "1")
    ObjectiveChoice objective;

    static final class ObjectiveChoice {
        @Option(names = "--objective-cmd", required = true, paramLabel = "CMD",
                description = "the objective program, run with sh -c and kept running (one copy per parallel slot)")
        String command;

        @Option(names = "--family", required = true, paramLabel = "NAME",
                description = "an objective a family provides, run in this process: weka, dl4j, vision, cnn, or one a module on the class path adds")
        String family;
    }

    @Option(names = "--option", paramLabel = "KEY=VALUE", description = "an option of the --family objective (repeatable), e.g. --option data=iris")
    Map<String, String> familyOptions = new LinkedHashMap<>();

    @Mixin
    TuneOptions options;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Engine engine = Engine.standard();
        if (objective.command != null && objective.command.isBlank()) throw new UserError("invalid value for --objective-cmd: the command is empty");
        if (objective.command != null && !familyOptions.isEmpty()) throw new UserError("--option goes with --family, not with --objective-cmd");
        try (StudyRun run = new StudyRun(options, engine, spec)) {
            SearchSpace space = SpaceFiles.load(file, options.importRoots, err);
            Objective local = options.workers ? null : objective(engine, err);
            Result result;
            try {
                result = run.run(space, defaultStudy(file), local, settings(), UnaryOperator.identity(), false, List.of());
            } finally {
                ObjectiveSettings.close(local);
            }
            run.summary(result, "loss");
            run.write(result, space, Map.of());
            run.outputs();
            run.failIfNoTrialSucceeded(result);
        }
        return 0;
    }

    /** The objective of this run: the program, or the family's objective made from the options. */
    private Objective objective(Engine engine, PrintWriter err) {
        if (objective.command != null) {
            return ObjectiveSettings.command(objective.command, err);
        }
        try {
            return engine.objective(objective.family, familyOptions);
        } catch (IllegalArgumentException e) {
            throw new UserError(UserError.describe(e));
        }
    }

    /** What a worker needs to evaluate the study's trials: the command, or the family objective and its options. */
    private Map<String, String> settings() {
        Map<String, String> m = new LinkedHashMap<>();
        if (objective.command != null) {
            m.put(ObjectiveSettings.COMMAND, objective.command);
        } else {
            m.put(ObjectiveSettings.OBJECTIVE, objective.family);
            m.put(ObjectiveSettings.OBJECTIVE_OPTIONS, ResultDocument.compact(familyOptions));
        }
        return m;
    }

    /**
     * Opens a store that must already exist, for commands that only read: an SQLite file is
     * made on first use, so a missing one is a mistyped path, not a new, empty store.
     */
    static TrialStore openExisting(Engine engine, String url) {
        try {
            StoreUrl u = StoreUrl.parse(url);
            if (u.scheme().equals("sqlite") && !u.rest().isBlank()) {
                Path db = Path.of(u.rest().startsWith("//") ? u.rest().substring(2) : u.rest());
                if (!Files.exists(db)) throw new UserError("no such store file: " + db);
            }
        } catch (IllegalArgumentException e) {
            throw new UserError(UserError.describe(e));
        }
        return StudyRun.openStore(engine, url);
    }

    /** Opens a store that workers can share: one a single process keeps is a one-line user error. */
    static SharedTrialStore openShared(Engine engine, String url) {
        TrialStore s = StudyRun.openStore(engine, url);
        try {
            return SharedTrialStore.of(s, url);
        } catch (StoreException e) {
            s.close();
            throw new UserError(UserError.describe(e));
        }
    }

    static String defaultStudy(Path file) {
        String name = file.getFileName() == null ? "study" : file.getFileName().toString();
        return name.endsWith(".hspace") ? name.substring(0, name.length() - ".hspace".length()) : name;
    }
}
