package dev.hyperopt.dsl;

import dev.hyperopt.dsl.diag.Diagnostic;
import dev.hyperopt.dsl.diag.Severity;
import dev.hyperopt.dsl.ir.SearchSpace;

import java.util.List;
import java.util.Optional;

/** What compiling a file gives: the space, or every diagnostic found (never both missing). */
public record CompileResult(SearchSpace space, List<Diagnostic> diagnostics) {

    public CompileResult {
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean ok() {
        return space != null && diagnostics.stream().noneMatch(d -> d.severity() == Severity.ERROR);
    }

    public Optional<SearchSpace> spaceIfOk() {
        return ok() ? Optional.of(space) : Optional.empty();
    }

    /** The space, or an exception listing the rendered diagnostics. */
    public SearchSpace orThrow() {
        if (!ok()) throw new CompileException(diagnostics);
        return space;
    }
}
