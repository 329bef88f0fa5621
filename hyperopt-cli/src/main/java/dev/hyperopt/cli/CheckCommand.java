package dev.hyperopt.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code hyperopt check FILE...}: silent and 0 when every file compiles, diagnostics and 1 otherwise. */
@Command(name = "check", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Compile .hspace files and report every problem as FILE:LINE:COL: error: MESSAGE.")
final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ImportRoots importRoots;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "the .hspace files to check")
    List<Path> files;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        boolean ok = true;
        for (Path file : files) {
            // One unreadable file does not hide the problems of the others.
            try {
                ok &= SpaceFiles.compile(file, importRoots, err).ok();
            } catch (UserError e) {
                err.println("hyperopt: " + e.getMessage());
                err.flush();
                ok = false;
            }
        }
        return ok ? 0 : 1;
    }
}
