package dev.hyperopt.cli;

import dev.hyperopt.dsl.HSpaceCompiler;
import picocli.CommandLine.Option;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code --import-root DIR}, on every command that compiles a space file: a folder whose
 * {@code .hspace} files imports may read besides the space file's own folder tree.
 */
final class ImportRoots {
    /** The option's name, as family tunes pass it on in their arguments. */
    static final String OPTION = "--import-root";

    @Option(names = OPTION, paramLabel = "DIR",
            description = "a folder whose .hspace files imports may also read (repeatable); "
                    + "by default imports read only the space file's own folder tree")
    List<Path> roots = new ArrayList<>();

    HSpaceCompiler compiler() {
        return new HSpaceCompiler().withImportRoots(roots);
    }

    /** The roots as one argument value, separated as on a class path; null when there are none. */
    String joined() {
        return roots.isEmpty() ? null : roots.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }
}
