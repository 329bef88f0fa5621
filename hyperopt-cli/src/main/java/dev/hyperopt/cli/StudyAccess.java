package dev.hyperopt.cli;

import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.engine.inject.Engine;
import dev.hyperopt.engine.run.Hyperopt;
import dev.hyperopt.engine.run.Study;
import dev.hyperopt.engine.store.SharedTrialStore;
import dev.hyperopt.engine.store.SpaceFingerprint;
import dev.hyperopt.engine.store.StudyInfo;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The options of the commands that drive a study by hand ({@code ask}, {@code tell},
 * {@code enqueue}), and how they reach it: a store that outlives the command, the study in
 * it, and its space (the file given, or the one the store recorded).
 */
final class StudyAccess {
    @Option(names = "--store", paramLabel = "URL", defaultValue = "sqlite:hyperopt.db",
            description = "where the study is kept: sqlite:PATH or postgresql://[user@]host[:port]/db (default: ${DEFAULT-VALUE})")
    String store;

    @Option(names = "--study", paramLabel = "NAME", required = true, description = "the study")
    String study;

    @Mixin
    ImportRoots importRoots;

    /** Opens the store; {@code memory:} is refused, as nothing would outlive the command. */
    SharedTrialStore open(Engine engine) {
        if (study.isBlank()) throw new UserError("invalid value for --study: the name is empty");
        return TuneCommand.openShared(engine, store);
    }

    /** The study, which must exist. */
    StudyInfo existing(SharedTrialStore s) {
        return s.study(study).orElseThrow(() -> new UserError("no study '" + study + "' in " + store));
    }

    /**
     * The study's space: {@code file} when given (it must be the study's own when the study
     * exists), else the one the store recorded.
     *
     * @throws UserError when the study does not exist and no file is given
     */
    SearchSpace space(SharedTrialStore s, Path file, PrintWriter err) {
        Optional<StudyInfo> info = s.study(study);
        if (file == null) {
            if (info.isEmpty()) throw new UserError("no study '" + study + "' in " + store + "; give --space FILE to create it");
            return ReportCommand.storedSpace(s, info.get());
        }
        SearchSpace space = SpaceFiles.load(file, importRoots, err);
        if (info.isPresent() && !SpaceFingerprint.of(space).equals(info.get().spaceFingerprint())) {
            throw new UserError(file + " is not the space of study '" + study + "' (fingerprints "
                    + SpaceFingerprint.of(space) + " and " + info.get().spaceFingerprint() + ")");
        }
        return space;
    }

    /**
     * The study opened for {@code space}: created with {@code algorithm} (tpe when null) and
     * {@code seed} when missing; an existing one keeps its algorithm unless {@code algorithm} is given.
     */
    Study study(SharedTrialStore s, SearchSpace space, String algorithm, long seed, Engine engine) {
        String algo = algorithm != null ? algorithm : s.study(study).map(StudyInfo::algorithm).orElse("tpe");
        return Hyperopt.study(space).store(s).name(study).algorithm(algo).seed(seed).engine(engine).open();
    }

    /**
     * The labels that {@code --labels JSON} or {@code --config JSON} give (one of them is null).
     *
     * @throws UserError naming the option when they do not fit the space
     */
    static Map<String, Object> labels(SearchSpace space, String labelsJson, String configJson) {
        try {
            return labelsJson != null
                    ? Configurations.labelsOnly(space, Configurations.parse(labelsJson))
                    : Configurations.labels(space, Configurations.parse(configJson), false);
        } catch (IllegalArgumentException e) {
            throw new UserError("invalid value for " + (labelsJson != null ? "--labels" : "--config") + ": " + e.getMessage());
        }
    }
}
