package dev.hyperopt.dsl.lower;

import dev.hyperopt.dsl.CompileResult;
import dev.hyperopt.dsl.ModuleLoader;
import dev.hyperopt.dsl.ast.AstFile;
import dev.hyperopt.dsl.ast.Statement;
import dev.hyperopt.dsl.check.FileCheck;
import dev.hyperopt.dsl.diag.Diagnostic;
import dev.hyperopt.dsl.diag.DiagnosticCode;
import dev.hyperopt.dsl.ir.Node;
import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.dsl.ir.SpaceException;
import dev.hyperopt.dsl.parse.Parser;
import dev.hyperopt.dsl.source.NotUtf8Exception;
import dev.hyperopt.dsl.source.Source;
import dev.hyperopt.dsl.source.SourceSpan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run of the compiler over a file and everything it imports: parse and check each
 * file, lower it in its own scope, then build the {@link SearchSpace} of the root file.
 * Each imported file is compiled once per run; an import that reaches a file still being
 * compiled is a cycle.
 */
public final class Compilation {
    private final ModuleLoader modules;
    private final List<Path> importRoots;
    private ImportBoundary boundary;
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final Map<String, ModuleScope> compiled = new HashMap<>();
    private final Deque<String> inProgress = new ArrayDeque<>();
    private final Map<Node, SourceSpan> origins = new IdentityHashMap<>();

    /** A compilation whose file imports may read the compiled file's folder tree and {@code importRoots}. */
    public Compilation(ModuleLoader modules, List<Path> importRoots) {
        this.modules = modules;
        this.importRoots = List.copyOf(importRoots);
    }

    public CompileResult compile(Source source) {
        boundary = ImportBoundary.of(source.path(), source.name(), importRoots);
        ModuleScope root = compileFile(source, identity(source), "");
        if (root != null && root.spaceDecl == null && !hasErrors()) {
            diagnostics.add(Diagnostic.error(DiagnosticCode.MISSING_SPACE, SourceSpan.point(source, 1, 1),
                    "no 'space = ...' in this file: a file exports its search space as 'space'"));
        }
        if (hasErrors() || root == null || root.space == null || root.space.broken()) return failed();
        try {
            return new CompileResult(SearchSpace.of(root.space.node()), diagnostics);
        } catch (SpaceException e) {
            for (SpaceException.Problem p : e.problems()) {
                SourceSpan at = origins.getOrDefault(p.node(), root.spaceDecl.span());
                SourceSpan other = p.other() == null ? null : origins.get(p.other());
                diagnostics.add(Diagnostic.error(DiagnosticCode.DUPLICATE_LABEL, at, p.message()
                        + (other == null ? "" : " (the other is at " + other + ")")));
            }
            return failed();
        }
    }

    private boolean hasErrors() {
        return !diagnostics.isEmpty();
    }

    private CompileResult failed() {
        List<Diagnostic> sorted = new ArrayList<>(diagnostics);
        // Stable order: by file as first reported, then by position.
        List<String> files = new ArrayList<>();
        for (Diagnostic d : diagnostics) if (!files.contains(d.file())) files.add(d.file());
        sorted.sort(Comparator.<Diagnostic>comparingInt(d -> files.indexOf(d.file()))
                .thenComparingInt(Diagnostic::line).thenComparingInt(Diagnostic::column));
        return new CompileResult(null, sorted);
    }

    /** Parses, checks and lowers one file; null when it cannot be parsed. */
    private ModuleScope compileFile(Source source, String id, String prefix) {
        Parser.Parsed parsed = Parser.parse(source);
        diagnostics.addAll(parsed.errors());
        if (!parsed.errors().isEmpty()) return null;
        AstFile file = parsed.file();
        for (FileCheck check : FileCheck.all()) check.check(file, diagnostics::add);
        ModuleScope scope = new ModuleScope(file, prefix);
        compiled.put(id, scope);
        inProgress.push(id);
        try {
            for (Statement s : file.statements()) {
                if (s instanceof Statement.Import i) scope.imports.putIfAbsent(i.alias(), importModule(source, i, scope));
            }
            Lowerer lowerer = new Lowerer(scope, diagnostics::add, origins);
            for (Statement.Let let : scope.lets.values()) lowerer.let(let);
            if (scope.spaceDecl != null) scope.space = lowerer.lower(scope.spaceDecl.value());
        } finally {
            inProgress.pop();
        }
        return scope;
    }

    private ModuleScope importModule(Source from, Statement.Import imp, ModuleScope importer) {
        Source target;
        try {
            target = imp.path() != null ? readRelative(from, imp.path()) : modules.load(imp.module()).orElse(null);
        } catch (ImportBoundary.Refused e) {
            diagnostics.add(Diagnostic.error(DiagnosticCode.IMPORT_REFUSED, imp.targetSpan(), e.getMessage()));
            return null;
        } catch (NotUtf8Exception e) {
            diagnostics.add(notUtf8(e));
            return null;
        } catch (IOException e) {
            diagnostics.add(Diagnostic.error(DiagnosticCode.IMPORT_NOT_FOUND, imp.targetSpan(),
                    "cannot read '" + importName(imp) + "': " + e.getMessage()));
            return null;
        } catch (InvalidPathException e) {
            diagnostics.add(Diagnostic.error(DiagnosticCode.IMPORT_NOT_FOUND, imp.targetSpan(),
                    "'" + importName(imp) + "' is not a valid path: " + e.getReason()));
            return null;
        }
        if (target == null) {
            diagnostics.add(Diagnostic.error(DiagnosticCode.IMPORT_NOT_FOUND, imp.targetSpan(), imp.path() != null
                    ? "no such file: '" + imp.path() + "' (looked " + baseOf(from) + ")"
                    : "no module '" + imp.module() + "' on the class path (looked for " + ModuleLoader.resourceOf(imp.module()) + ")"));
            return null;
        }
        String id = identity(target);
        if (inProgress.contains(id)) {
            List<String> chain = new ArrayList<>();
            for (var it = inProgress.descendingIterator(); it.hasNext(); ) chain.add(displayOf(it.next()));
            chain.add(displayOf(id));
            int start = chain.indexOf(displayOf(id));
            diagnostics.add(Diagnostic.error(DiagnosticCode.IMPORT_CYCLE, imp.targetSpan(),
                    "import cycle: " + String.join(" -> ", chain.subList(start, chain.size()))));
            return null;
        }
        ModuleScope done = compiled.get(id);
        if (done != null) return done;
        return compileFile(target, id, importer.qualify(imp.alias()));
    }

    private static String importName(Statement.Import imp) {
        return imp.path() != null ? imp.path() : imp.module();
    }

    /**
     * A file import, relative to the importing file (or to its class-path folder), or null
     * when there is no such file.
     */
    private Source readRelative(Source from, String relative) throws IOException, ImportBoundary.Refused {
        if (from.path() == null && from.name().startsWith("classpath:")) {
            // A module's files import each other, never anything outside the modules' folder.
            String base = from.name().substring("classpath:".length());
            String resource = Path.of(base).resolveSibling(relative).normalize().toString().replace('\\', '/');
            if (!resource.startsWith("hspace/") || !resource.endsWith(".hspace")) {
                throw new ImportBoundary.Refused("cannot import '" + relative + "': a module imports only the .hspace files of modules");
            }
            return modules.loadResource(resource).orElse(null);
        }
        Path base = from.path() == null ? Path.of("") : from.path().toAbsolutePath().getParent();
        Path target = base.resolve(relative).normalize();
        boundary.check(relative, target);
        if (!Files.isRegularFile(target)) return null;
        // Named as the importing file was named, as compilers print paths.
        Path shown = from.path() == null ? Path.of(relative).normalize() : Path.of(from.name()).resolveSibling(relative).normalize();
        return Source.read(shown.toString(), target);
    }

    /** The diagnostic of a file that is not UTF-8, at its first invalid byte. */
    public static Diagnostic notUtf8(NotUtf8Exception e) {
        return Diagnostic.error(DiagnosticCode.NOT_UTF8, SourceSpan.point(e.lenient(), e.line(), e.column()),
                String.format("this file is not UTF-8 text: byte 0x%02X at offset %d is not valid UTF-8 (save it as UTF-8)",
                        e.badByte(), e.offset()));
    }

    private static String baseOf(Source from) {
        return from.path() == null && !from.name().startsWith("classpath:") ? "in the working directory" : "next to " + from.name();
    }

    private static String identity(Source s) {
        if (s.path() != null) {
            Path p = s.path().toAbsolutePath().normalize();
            try {
                p = p.toRealPath();
            } catch (IOException ignored) {
                // keep the normalized path: the file was read a moment ago
            }
            return "file:" + p;
        }
        return s.name().startsWith("classpath:") ? s.name() : "memory:" + s.name();
    }

    private static String displayOf(String id) {
        if (id.startsWith("file:")) return Path.of(id.substring(5)).getFileName().toString();
        return id.substring(id.indexOf(':') + 1);
    }
}
