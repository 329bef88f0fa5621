package dev.hyperopt.dsl.ast;

import dev.hyperopt.dsl.source.SourceSpan;

/** A top-level statement: an import, a {@code let}, or the {@code space}. */
public sealed interface Statement permits Statement.Import, Statement.Let, Statement.SpaceDecl {

    SourceSpan span();

    /** {@code import "file.hspace" as x} (path set) or {@code import a.b as x} (module set). */
    record Import(SourceSpan span, String path, String module, SourceSpan targetSpan, String alias, SourceSpan aliasSpan)
            implements Statement {}

    /** {@code let name = value}. */
    record Let(SourceSpan span, String name, SourceSpan nameSpan, Expr value) implements Statement {}

    /** {@code space = value}. */
    record SpaceDecl(SourceSpan span, Expr value) implements Statement {}
}
