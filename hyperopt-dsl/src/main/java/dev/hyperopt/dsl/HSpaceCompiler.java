package dev.hyperopt.dsl;

import dev.hyperopt.dsl.lower.Compilation;
import dev.hyperopt.dsl.source.NotUtf8Exception;
import dev.hyperopt.dsl.source.Source;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Compiles {@code .hspace} text to a {@link dev.hyperopt.dsl.ir.SearchSpace}: parse, check,
 * lower. It never throws on user error: every problem comes back as a diagnostic.
 */
public final class HSpaceCompiler {
    private final ModuleLoader modules;
    private final List<Path> importRoots;

    public HSpaceCompiler() {
        this(ModuleLoader.classpath());
    }

    public HSpaceCompiler(ModuleLoader modules) {
        this(modules, List.of());
    }

    private HSpaceCompiler(ModuleLoader modules, List<Path> importRoots) {
        this.modules = modules;
        this.importRoots = List.copyOf(importRoots);
    }

    /**
     * A compiler whose file imports may also read the folder trees {@code roots}. Without
     * them, imports read only the compiled file's own folder tree (and modules), so that
     * compiling text from elsewhere cannot read other files.
     */
    public HSpaceCompiler withImportRoots(List<Path> roots) {
        return new HSpaceCompiler(modules, roots);
    }

    /** Compiles one source; file imports resolve relative to {@code source.path()}. */
    public CompileResult compile(Source source) {
        return new Compilation(modules, importRoots).compile(source);
    }

    /**
     * Reads and compiles a file. A file that is not UTF-8 gives a diagnostic at its first
     * invalid byte.
     */
    public CompileResult compile(Path file) throws IOException {
        return compile(file.toString(), file);
    }

    /** Reads and compiles a file, named {@code name} in diagnostics. */
    public CompileResult compile(String name, Path file) throws IOException {
        try {
            return compile(Source.read(name, file));
        } catch (NotUtf8Exception e) {
            return new CompileResult(null, List.of(Compilation.notUtf8(e)));
        }
    }

    /** Compiles text held in memory, named {@code name} in diagnostics. */
    public CompileResult compile(String name, String text) {
        return compile(Source.of(name, text));
    }
}
