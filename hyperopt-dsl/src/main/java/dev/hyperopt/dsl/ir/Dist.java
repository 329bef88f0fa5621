package dev.hyperopt.dsl.ir;

/** The ten numeric distributions of the language (choices are {@link Choice} nodes). */
public enum Dist {
    UNIFORM("uniform", 2, false, false, true),
    QUNIFORM("quniform", 3, false, true, true),
    LOGUNIFORM("loguniform", 2, true, false, true),
    QLOGUNIFORM("qloguniform", 3, true, true, true),
    NORMAL("normal", 2, false, false, false),
    QNORMAL("qnormal", 3, false, true, false),
    LOGNORMAL("lognormal", 2, true, false, false),
    QLOGNORMAL("qlognormal", 3, true, true, false),
    RANDINT("randint", 2, false, false, true),
    UNIFORMINT("uniformint", 2, false, false, true);

    private final String keyword;
    private final int arity;
    private final boolean log;
    private final boolean quantized;
    private final boolean bounded;

    Dist(String keyword, int arity, boolean log, boolean quantized, boolean bounded) {
        this.keyword = keyword;
        this.arity = arity;
        this.log = log;
        this.quantized = quantized;
        this.bounded = bounded;
    }

    /** The name of the distribution in {@code .hspace} text. */
    public String keyword() { return keyword; }

    /** Number of arguments: (low, high), (mu, sigma), or one of those plus q. */
    public int arity() { return arity; }

    /** Whether the distribution lives in log space (loguniform, lognormal and their q-forms). */
    public boolean isLog() { return log; }

    /** Whether values are rounded to a multiple of q. */
    public boolean isQuantized() { return quantized; }

    /** Uniform family (low, high); otherwise the normal family (mu, sigma). */
    public boolean isBounded() { return bounded; }

    /** randint and uniformint give integers. */
    public boolean isInteger() { return this == RANDINT || this == UNIFORMINT; }

    public static Dist byKeyword(String keyword) {
        for (Dist d : values()) if (d.keyword.equals(keyword)) return d;
        return null;
    }
}
