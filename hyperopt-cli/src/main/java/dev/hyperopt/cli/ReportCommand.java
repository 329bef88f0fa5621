package dev.hyperopt.cli;

import dev.hyperopt.dsl.CompileResult;
import dev.hyperopt.dsl.HSpaceCompiler;
import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.engine.api.Trial;
import dev.hyperopt.engine.inject.Engine;
import dev.hyperopt.engine.store.SharedTrialStore;
import dev.hyperopt.engine.store.SpaceFingerprint;
import dev.hyperopt.engine.store.StoreException;
import dev.hyperopt.engine.store.StoreUrl;
import dev.hyperopt.engine.store.StudyInfo;
import dev.hyperopt.engine.store.TrialStore;
import dev.hyperopt.report.HtmlReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * {@code hyperopt report --store URL --study NAME --out FILE.html}: one self-contained HTML
 * page about a study, read from whichever store the URL names. The space is optional: the
 * store keeps labels and values, and only the space knows which priors are log-scaled and
 * what a choice's options are.
 */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write a self-contained HTML report of a study: the optimization history, each hyperparameter "
                + "against the loss, hyperparameter importance, parallel coordinates of the best trials and a table of "
                + "every trial. The page needs no network."})
final class ReportCommand implements Callable<Integer> {
    private final Supplier<Engine> engine;

    @Spec
    CommandSpec spec;

    @Mixin
    ImportRoots importRoots;

    @Option(names = "--store", paramLabel = "URL", defaultValue = "sqlite:hyperopt.db",
            description = "where the study is kept: sqlite:PATH, postgresql://[user@]host[:port]/db, ... (default: ${DEFAULT-VALUE})")
    String store;

    @Option(names = "--study", paramLabel = "NAME", description = "the study (default: the store's only study)")
    String study;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "the HTML file to write")
    Path out;

    @Option(names = "--space", paramLabel = "FILE",
            description = "the study's .hspace file, for log axes and option names (checked against the study; default: the space the store recorded)")
    Path spaceFile;

    ReportCommand() {
        this(Engine::standard);
    }

    /** A command that opens stores through {@code engine}. */
    ReportCommand(Supplier<Engine> engine) {
        this.engine = engine;
    }

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SearchSpace space = spaceFile == null ? null : SpaceFiles.load(spaceFile, importRoots, err);
        TrialStore trialStore;
        try {
            StoreUrl url = StoreUrl.parse(store);
            // An SQLite store is made on first use; a report only reads, so a missing file is a mistake, not a new store.
            if (url.scheme().equals("sqlite") && !url.rest().isBlank()) {
                Path db = Path.of(url.rest().startsWith("//") ? url.rest().substring(2) : url.rest());
                if (!Files.exists(db)) throw new UserError("no such store file: " + db);
            }
            trialStore = engine.get().openStore(store);
        } catch (StoreException | IllegalArgumentException e) {
            throw new UserError(UserError.describe(e));
        }
        try (trialStore) {
            StudyInfo info = study(trialStore);
            if (space != null && !SpaceFingerprint.of(space).equals(info.spaceFingerprint())) {
                throw new UserError(spaceFile + " is not the space study '" + info.name() + "' was run with "
                        + "(fingerprints " + SpaceFingerprint.of(space) + " and " + info.spaceFingerprint() + "); "
                        + "give the study's own file, or none");
            }
            if (space == null) space = storedSpace(trialStore, info, err);
            List<Trial> trials = trialStore.trials(info.name());
            try {
                HtmlReport.of(info, space, trials).write(out);
            } catch (IOException e) {
                throw new UserError("cannot write " + out + ": " + UserError.describe(e));
            }
            stdout.printf("report: %s (study %s, %d trials)%n", out, info.name(), trials.size());
            stdout.flush();
        } catch (StoreException e) {
            throw new UserError(UserError.describe(e));
        }
        return 0;
    }

    /**
     * The space the store recorded for the study (its canonical text), when it still compiles to
     * the same space; otherwise null, said in one line on {@code err}, as the report then lacks
     * what only the space knows.
     */
    private static SearchSpace storedSpace(TrialStore s, StudyInfo info, PrintWriter err) {
        try {
            return storedSpace(s, info);
        } catch (UserError e) {
            err.println("hyperopt: " + e.getMessage() + "; the report goes without it (give the study's file with --space)");
            err.flush();
            return null;
        }
    }

    /**
     * The space the store recorded for the study, compiled from its canonical text.
     *
     * @throws UserError when the store recorded none, or it no longer compiles to the study's space
     */
    static SearchSpace storedSpace(TrialStore s, StudyInfo info) {
        Optional<String> text = s instanceof SharedTrialStore shared ? shared.spaceText(info.name()) : Optional.empty();
        if (text.isEmpty()) throw new UserError("the store recorded no space for study '" + info.name() + "'");
        CompileResult r = new HSpaceCompiler().compile("study " + info.name(), text.get());
        if (!r.ok()) {
            throw new UserError("the space recorded for study '" + info.name() + "' does not compile ("
                    + r.diagnostics().get(0).headline() + ")");
        }
        if (!SpaceFingerprint.of(r.space()).equals(info.spaceFingerprint())) {
            throw new UserError("the space recorded for study '" + info.name() + "' compiles to fingerprint "
                    + SpaceFingerprint.of(r.space()) + ", not the study's " + info.spaceFingerprint());
        }
        return r.space();
    }

    private StudyInfo study(TrialStore s) {
        if (study != null) {
            Optional<StudyInfo> info = s.study(study);
            if (info.isEmpty()) throw new UserError("no study '" + study + "' in " + store + known(s.studies()));
            return info.get();
        }
        List<StudyInfo> all = s.studies();
        if (all.size() == 1) return all.get(0);
        if (all.isEmpty()) throw new UserError("the store " + store + " holds no study");
        throw new UserError("the store " + store + " holds " + all.size() + " studies; choose one with --study" + known(all));
    }

    private static String known(List<StudyInfo> studies) {
        if (studies.isEmpty()) return " (it holds none)";
        return " (it holds: " + String.join(", ", studies.stream().map(StudyInfo::name).toList()) + ")";
    }
}
