package dev.hyperopt.cli;

import dev.hyperopt.dsl.CompileResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code hyperopt check FILE...}: silent and 0 when every file compiles, diagnostics and 1 otherwise. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Compile .hspace files and report every problem as FILE:LINE:COL: error: MESSAGE.")
final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "the .hspace files to check")
    List<Path> files;

    @Override
    public Integer call() {
        boolean ok = true;
        for (Path file : files) {
            CompileResult r = SpaceFiles.compile(file, spec.commandLine().getErr());
            ok &= r.ok();
        }
        return ok ? 0 : 1;
    }
}
