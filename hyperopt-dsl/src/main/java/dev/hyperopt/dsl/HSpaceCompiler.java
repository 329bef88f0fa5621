package dev.hyperopt.dsl;

import dev.hyperopt.dsl.source.Source;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Compiles {@code .hspace} text to a {@link dev.hyperopt.dsl.ir.SearchSpace}: parse, check,
 * lower. It never throws on user error: every problem comes back as a diagnostic.
 */
public final class HSpaceCompiler {
    private final ModuleLoader modules;

    public HSpaceCompiler() {
        this(ModuleLoader.classpath());
    }

    public HSpaceCompiler(ModuleLoader modules) {
        this.modules = modules;
    }

    /** Compiles one source; file imports resolve relative to {@code source.path()}. */
    public CompileResult compile(Source source) {
        return new dev.hyperopt.dsl.lower.Compilation(modules).compile(source);
    }

    /** Reads and compiles a file. */
    public CompileResult compile(Path file) throws IOException {
        return compile(Source.read(file));
    }

    /** Compiles text held in memory, named {@code name} in diagnostics. */
    public CompileResult compile(String name, String text) {
        return compile(Source.of(name, text));
    }
}
