package dev.hyperopt.cli;

import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.dsl.print.HSpacePrinter;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;

/**
 * {@code hyperopt fmt FILE [--check | --write]}: the canonical text of a space. The text is
 * printed from the compiled graph, so comments and imports do not survive it; {@code --write}
 * therefore refuses files that have them rather than silently dropping them.
 */
@Command(name = "fmt", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Print a search space in canonical form: one layout, shared values as lets, casts as calls.",
                "The text comes from the compiled space: comments are dropped and imports inlined."})
final class FmtCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ImportRoots importRoots;

    @Parameters(index = "0", paramLabel = "FILE", description = "the .hspace file")
    Path file;

    @ArgGroup(exclusive = true)
    Mode mode = new Mode();

    static final class Mode {
        @Option(names = "--check", description = "print nothing; exit 1 if FILE is not in canonical form")
        boolean check;

        @Option(names = "--write", description = "rewrite FILE in canonical form (refused if it has comments or imports)")
        boolean write;
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        SearchSpace space = SpaceFiles.load(file, importRoots, err);
        String formatted;
        try {
            formatted = HSpacePrinter.print(space);
        } catch (IllegalArgumentException e) {
            throw new UserError("cannot print " + file + " in canonical form: " + e.getMessage());
        }
        if (mode.check) {
            if (read().equals(formatted)) return 0;
            err.println(file + ": not in canonical form (hyperopt fmt " + file + " shows it)");
            err.flush();
            return 1;
        }
        if (mode.write) {
            String original = read();
            if (original.equals(formatted)) return 0;
            String lost = SourceText.lostByFormatting(original);
            if (lost != null) {
                throw new UserError(file + ": not rewritten, formatting would drop its " + lost
                        + "; hyperopt fmt " + file + " prints the canonical form");
            }
            write(formatted);
            return 0;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(formatted);
        out.flush();
        return 0;
    }

    private String read() {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + UserError.describe(e));
        }
    }

    /** Replaces the file in one step, so an interrupted write leaves the old text. */
    private void write(String text) {
        Path tmp = null;
        try {
            Path dir = file.toAbsolutePath().getParent();
            tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(file));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: the new file keeps default permissions.
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UserError("cannot write " + file + ": " + UserError.describe(e));
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    // The move succeeded or the error above already says what failed.
                }
            }
        }
    }
}
