package dev.hyperopt.engine.spi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Saving a model in one step: it is written to a temporary sibling of its destination, then
 * moved into place. A save that fails half-way (a model that cannot be serialized, a full
 * disk) leaves neither a partial file nor a changed destination.
 */
public final class ModelFiles {
    private ModelFiles() {}

    /** Writes a model to the path it is given. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(Path path) throws Exception;
    }

    /**
     * Saves a model file, or a model folder (when {@code writer} makes a folder at its path).
     *
     * @throws Exception what {@code writer} threw, after removing what it wrote
     */
    public static void save(Path destination, Writer writer) throws Exception {
        Path target = destination.toAbsolutePath();
        Path parent = target.getParent();
        if (parent != null) Files.createDirectories(parent);
        Path tmp = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid() + "." + System.nanoTime() + ".part");
        Path old = null;
        try {
            writer.writeTo(tmp);
            if (!Files.isDirectory(tmp) && Files.isDirectory(target)) throw new IOException("it is a folder");
            if (Files.isDirectory(tmp) && Files.isDirectory(target)) {
                // A folder cannot replace a folder in one move: the old one steps aside first.
                old = target.resolveSibling(tmp.getFileName() + ".old");
                Files.move(target, old);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            delete(tmp);
            if (old != null) delete(old);
        }
    }

    private static void delete(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (Stream<Path> all = Files.walk(p)) {
            for (Path q : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(q);
        }
    }
}
