package dev.hyperopt.dsl.ir;

/** The static type of a value in a search space. */
public enum Type {
    INT, FLOAT, BOOL, STRING, NULL, DICT, LIST,
    /** Alternatives of different types, e.g. {@code choice(1, "a")}. */
    MIXED;

    public boolean isNumeric() {
        return this == INT || this == FLOAT;
    }

    /** The type of a value that is either of {@code this} or {@code other}. */
    public Type join(Type other) {
        if (this == other) return this;
        if (isNumeric() && other.isNumeric()) return FLOAT;
        return MIXED;
    }

    /** How the language writes the type in messages. */
    public String display() {
        return switch (this) {
            case INT -> "int";
            case FLOAT -> "float";
            case BOOL -> "bool";
            case STRING -> "string";
            case NULL -> "null";
            case DICT -> "dict";
            case LIST -> "list";
            case MIXED -> "mixed";
        };
    }
}
