package dev.hyperopt.dsl.check;

import dev.hyperopt.dsl.ast.AstFile;
import dev.hyperopt.dsl.diag.Diagnostic;

import java.util.List;
import java.util.function.Consumer;

/** A check of one parsed file that needs no name resolution; each reports one diagnostic code. */
public interface FileCheck {

    void check(AstFile file, Consumer<Diagnostic> report);

    /** The checks run on every file before lowering. */
    static List<FileCheck> all() {
        return List.of(new DuplicateKeys(), new DuplicateBranches(), new DuplicateDefinitions());
    }
}
