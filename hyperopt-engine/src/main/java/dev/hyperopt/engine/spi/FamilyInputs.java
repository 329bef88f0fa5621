package dev.hyperopt.engine.spi;

import dev.hyperopt.dsl.CompileResult;
import dev.hyperopt.dsl.HSpaceCompiler;
import dev.hyperopt.dsl.diag.DiagnosticRenderer;
import dev.hyperopt.dsl.diag.Severity;
import dev.hyperopt.dsl.ir.SearchSpace;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * What family tune commands read alike: {@code --space}, a space the family ships by name or
 * an {@code .hspace} file (whose diagnostics are printed as {@code hyperopt check} prints
 * them), and the names of spaces and data sets that default study and model names are made of.
 */
public final class FamilyInputs {
    private FamilyInputs() {}

    /**
     * Compiles the space {@code nameOrFile} names.
     *
     * @param log where a file's diagnostics go
     * @throws CommandException for an unknown name, a missing file or a space with errors
     */
    public static SearchSpace space(Family family, String nameOrFile, PrintWriter log) {
        return space(family, nameOrFile, List.of(), log);
    }

    /**
     * Compiles the space {@code nameOrFile} names, a file's imports reading also the folders
     * of {@code --import-root} (which the command line adds to every family's arguments).
     */
    public static SearchSpace space(Family family, String nameOrFile, Arguments arguments, PrintWriter log) {
        List<Path> roots = arguments.get(IMPORT_ROOT).stream()
                .flatMap(v -> Arrays.stream(v.split(File.pathSeparator)))
                .filter(s -> !s.isEmpty()).map(Path::of).toList();
        return space(family, nameOrFile, roots, log);
    }

    private static final String IMPORT_ROOT = "--import-root";

    private static SearchSpace space(Family family, String nameOrFile, List<Path> importRoots, PrintWriter log) {
        CompileResult result;
        if (isSpaceFile(nameOrFile)) {
            Path file = Path.of(nameOrFile);
            if (!Files.isRegularFile(file)) {
                throw new CommandException(Files.isDirectory(file) ? "is a directory: " + file : "no such file: " + file);
            }
            try {
                result = new HSpaceCompiler().withImportRoots(importRoots).compile(file);
            } catch (IOException e) {
                throw new CommandException("cannot read " + file + ": " + e.getMessage());
            }
        } else {
            String resource = family.spaces().get(nameOrFile);
            if (resource == null) {
                throw new CommandException("invalid value for --space: '" + nameOrFile + "' is none of "
                        + String.join(", ", family.spaces().keySet()) + " and not a .hspace file");
            }
            result = new HSpaceCompiler().compile("classpath:" + resource, family.spaceText(nameOrFile));
        }
        if (!result.diagnostics().isEmpty()) {
            log.print(DiagnosticRenderer.render(result.diagnostics()));
            log.flush();
        }
        if (!result.ok()) {
            long errors = result.diagnostics().stream().filter(d -> d.severity() == Severity.ERROR).count();
            throw new CommandException(nameOrFile + " has " + errors + (errors == 1 ? " error" : " errors") + ", listed above");
        }
        return result.space();
    }

    /** Whether the option names a file rather than a shipped space. */
    public static boolean isSpaceFile(String nameOrFile) {
        return nameOrFile.endsWith(".hspace");
    }

    /** The space's name for study names: a shipped space's name, or the file's name without {@code .hspace}. */
    public static String spaceName(String nameOrFile) {
        Path p = Path.of(nameOrFile).getFileName();
        String n = p == null ? nameOrFile : p.toString();
        return n.endsWith(".hspace") ? n.substring(0, n.length() - ".hspace".length()) : n;
    }

    /** A data set's name for study and file names: the file name without its extension. */
    public static String dataName(String data) {
        Path p = Path.of(data).getFileName();
        String n = p == null ? "data" : p.toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }
}
