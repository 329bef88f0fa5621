package dev.hyperopt.dsl.ast;

import dev.hyperopt.dsl.source.Source;

import java.util.List;

/** A parsed {@code .hspace} file: its statements in source order. */
public record AstFile(Source source, List<Statement> statements) {
    public AstFile {
        statements = List.copyOf(statements);
    }
}
