package dev.hyperopt.dsl.source;

/** Where a piece of syntax sits: 1-based line and column of its first and last character. */
public record SourceSpan(Source source, int line, int column, int endLine, int endColumn) {

    public static SourceSpan point(Source source, int line, int column) {
        return new SourceSpan(source, line, column, line, column);
    }

    @Override
    public String toString() {
        return source.name() + ":" + line + ":" + column;
    }
}
