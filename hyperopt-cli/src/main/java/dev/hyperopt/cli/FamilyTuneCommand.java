package dev.hyperopt.cli;

import dev.hyperopt.engine.api.Durations;
import dev.hyperopt.engine.api.Trial;
import dev.hyperopt.engine.inject.Engine;
import dev.hyperopt.engine.run.Result;
import dev.hyperopt.engine.spi.Arguments;
import dev.hyperopt.engine.spi.CommandException;
import dev.hyperopt.engine.spi.Family;
import dev.hyperopt.engine.spi.Search;
import dev.hyperopt.engine.spi.Tuning;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code hyperopt ID tune}: a family's search with the options every tune command shares.
 * The family prepares the space and the objective from its own options; this runs the study
 * like {@code hyperopt tune} does, refits the best trial through the family, saves the model
 * to {@code --model}, and writes the result document with what the refit measured.
 */
final class FamilyTuneCommand implements Callable<Integer> {
    private final Family family;
    private final Tuning tuning;
    private final TuneOptions options = new TuneOptions();
    private CommandSpec spec;

    private static final String NO_DEFAULTS = "--no-defaults";

    private FamilyTuneCommand(Family family, Tuning tuning) {
        this.family = family;
        this.tuning = tuning;
    }

    /**
     * The command: the family's options, then {@code --model} when it saves models and
     * {@code --no-defaults}, then the shared ones.
     */
    static CommandLine commandLine(Family family, Tuning tuning) {
        FamilyTuneCommand command = new FamilyTuneCommand(family, tuning);
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command);
        command.spec = spec;
        spec.name("tune").mixinStandardHelpOptions(true);
        spec.usageMessage().description(FamilyCommands.help(tuning.description())).sortOptions(false);
        FamilyCommands.declare(spec, tuning.options());
        Tuning.Defaults d = tuning.defaults();
        if (d.model() != null) {
            spec.addOption(OptionSpec.builder("--model").paramLabel("FILE").type(Path.class)
                    .description(FamilyCommands.help("where to save the refitted model (default: " + d.model() + ")")).build());
        }
        spec.addOption(OptionSpec.builder(NO_DEFAULTS).arity("0").type(boolean.class)
                .description(FamilyCommands.help("do not evaluate the family's known-good configurations (its library's defaults) first; "
                        + "by default they are the first trials, where the space holds them")).build());
        spec.addMixin("tune", CommandSpec.forAnnotatedObject(command.options));
        spec.defaultValueProvider(arg -> {
            if (!(arg instanceof OptionSpec o)) return null;
            return switch (o.longestName()) {
                case "--max-evals" -> Integer.toString(d.maxEvals());
                case "--trial-timeout" -> d.trialTimeout() == null ? TuneOptions.NO_LIMIT : Durations.format(d.trialTimeout());
                case "--pruner" -> d.pruner();
                case "--parallel" -> Integer.toString(d.parallel());
                default -> null;
            };
        });
        return new CommandLine(spec);
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Engine engine = Engine.standard();
        try (StudyRun run = new StudyRun(options, engine, spec)) {
            Arguments arguments = withImportRoots(FamilyCommands.arguments(spec, tuning.options()));
            long seed = run.values().seed();
            try (Search search = tuning.prepare(arguments, seed, err)) {
                err.flush();
                Result result;
                try {
                    result = run.run(search.space(), search.study(), search.objective(), settings(arguments, seed), search::sampler,
                            tuning.defaults().trialLines(), noDefaults() ? List.of() : search.knownGood());
                } finally {
                    ObjectiveSettings.close(search.objective());
                }
                run.summary(result, "loss");
                // The search is kept before anything after it can fail: refitting, scoring, saving.
                run.write(result, search.space(), Map.of());
                if (result.best().isEmpty()) {
                    run.outputs();
                    run.failIfNoTrialSucceeded(result);
                    return 0;
                }
                if (run.stopped()) {
                    out.println("refit:   none: the run was stopped");
                    run.outputs();
                    return 0;
                }
                Map<String, Object> measured;
                Trial chosen = search.choose(result.best().get(), result.trials(), out);
                try {
                    measured = refit(search, chosen, out, err);
                } catch (Exception e) {
                    run.outputs();
                    // A family's own error names the step (refit, scoring, saving); anything else is the refit's.
                    String step = e instanceof CommandException ? "" : "the refit of trial " + chosen.number() + " failed: ";
                    throw new UserError("after the search, which is kept (study '" + result.study().name() + "'): "
                            + step + UserError.describe(e));
                }
                run.write(result, search.space(), measured);
                run.outputs();
                return 0;
            }
        }
    }

    /** The family's arguments and {@code --import-root}, which its space file is compiled with (here and on workers). */
    private Arguments withImportRoots(Arguments arguments) {
        String roots = options.importRoots.joined();
        if (roots == null) return arguments;
        Map<String, String> values = new LinkedHashMap<>(arguments.values());
        values.put(ImportRoots.OPTION, roots);
        return new Arguments(values, arguments.positional());
    }

    private boolean noDefaults() {
        Boolean given = spec.findOption(NO_DEFAULTS).getValue();
        return given != null && given;
    }

    private Map<String, Object> refit(Search search, Trial best, PrintWriter out, PrintWriter err) throws Exception {
        Path model = modelFile(search);
        Map<String, Object> measured = new LinkedHashMap<>(search.refit(best, model, out, err));
        measured.putIfAbsent("refitted_trial", best.number());
        if (model != null && java.nio.file.Files.exists(model)) measured.putIfAbsent("model", model.toString());
        out.flush();
        return measured;
    }

    private Path modelFile(Search search) {
        if (tuning.defaults().model() == null) return null;
        Path given = spec.findOption("--model").getValue();
        return given != null ? given : search.model();
    }

    /** What a worker needs to make this family's objective: the family, its arguments and the seed. */
    private Map<String, String> settings(Arguments arguments, long seed) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(ObjectiveSettings.TUNE, family.id());
        m.put(ObjectiveSettings.TUNE_ARGUMENTS, ResultDocument.compact(arguments.values()));
        m.put(ObjectiveSettings.SEED, Long.toString(seed));
        return m;
    }
}
