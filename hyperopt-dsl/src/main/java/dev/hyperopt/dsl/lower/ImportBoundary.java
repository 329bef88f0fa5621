package dev.hyperopt.dsl.lower;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The folders file imports may read: the folder tree of the file being compiled and the
 * import roots the caller widens it with. A compiler that runs in a service compiles text its
 * users send; without this boundary {@code import "/etc/passwd"} would read any file.
 * Symbolic links are followed before the check, so a link cannot lead outside either.
 */
final class ImportBoundary {
    /** Why an import was refused; the message is the diagnostic's. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    private final List<Path> roots;
    private final String description;

    private ImportBoundary(List<Path> roots, String description) {
        this.roots = roots;
        this.description = description;
    }

    /**
     * The boundary of a compilation whose root file is {@code rootFile} (null for text held in
     * memory), named {@code rootName} in diagnostics.
     */
    static ImportBoundary of(Path rootFile, String rootName, List<Path> importRoots) {
        List<Path> roots = new ArrayList<>();
        List<String> named = new ArrayList<>();
        if (rootFile != null) {
            Path folder = rootFile.toAbsolutePath().normalize().getParent();
            if (folder != null) roots.add(folder);
            named.add("the folder of " + rootName);
        }
        for (Path r : importRoots) roots.add(r.toAbsolutePath().normalize());
        if (!importRoots.isEmpty()) {
            named.add((importRoots.size() == 1 ? "the import root " : "the import roots ")
                    + importRoots.stream().map(Path::toString).collect(Collectors.joining(", ")));
        }
        return new ImportBoundary(List.copyOf(roots), String.join(" and ", named));
    }

    /**
     * Checks a file import, {@code written} as in the source, resolved to {@code target}.
     * Only {@code .hspace} files inside a root may be read: a diagnostic may quote what it
     * reads, and only the user's space files may be quoted.
     */
    void check(String written, Path target) throws Refused {
        if (!written.endsWith(".hspace")) {
            throw new Refused("cannot import '" + written + "': only .hspace files can be imported");
        }
        if (roots.isEmpty()) {
            throw new Refused("cannot import '" + written + "': text that is not read from a file imports files only from an import root");
        }
        Path absolute = target.toAbsolutePath().normalize();
        if (!inside(absolute) || (Files.exists(absolute) && !inside(realPath(absolute)))) {
            throw new Refused("cannot import '" + written + "': it is outside " + description
                    + " (allow its folder with an import root, --import-root DIR)");
        }
    }

    private boolean inside(Path p) {
        for (Path root : roots) {
            if (p.startsWith(root) || p.startsWith(realPath(root))) return true;
        }
        return false;
    }

    private static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p;
        }
    }
}
