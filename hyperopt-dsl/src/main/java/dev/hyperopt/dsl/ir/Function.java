package dev.hyperopt.dsl.ir;

/** The built-in functions over numbers; {@code x as int} is {@code int(x)}. */
public enum Function {
    INT("int", 1, 1), FLOAT("float", 1, 1), ROUND("round", 1, 1), LOG("log", 1, 1), EXP("exp", 1, 1),
    SQRT("sqrt", 1, 1), ABS("abs", 1, 1), MIN("min", 2, Integer.MAX_VALUE), MAX("max", 2, Integer.MAX_VALUE);

    private final String keyword;
    private final int minArgs;
    private final int maxArgs;

    Function(String keyword, int minArgs, int maxArgs) {
        this.keyword = keyword;
        this.minArgs = minArgs;
        this.maxArgs = maxArgs;
    }

    public String keyword() { return keyword; }
    public int minArgs() { return minArgs; }
    public int maxArgs() { return maxArgs; }

    public static Function byKeyword(String keyword) {
        for (Function f : values()) if (f.keyword.equals(keyword)) return f;
        return null;
    }
}
