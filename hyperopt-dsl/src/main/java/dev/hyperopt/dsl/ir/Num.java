package dev.hyperopt.dsl.ir;

/** Formats numbers the way {@code .hspace} text and diagnostics write them. */
public final class Num {
    private Num() {}

    /** Shortest text that reads back as the same double; always has a '.', an 'e' or is special. */
    public static String format(double x) {
        if (Double.isNaN(x)) return "nan";
        if (Double.isInfinite(x)) return x > 0 ? "inf" : "-inf";
        String s = Double.toString(x);
        int e = s.indexOf('E');
        if (e >= 0) {
            String mant = s.substring(0, e);
            if (mant.endsWith(".0")) mant = mant.substring(0, mant.length() - 2);
            return mant + "e" + s.substring(e + 1);
        }
        return s;
    }

    /** For messages: whole numbers without a fraction ({@code 3}, not {@code 3.0}). */
    public static String display(double x) {
        if (x == Math.rint(x) && Math.abs(x) < 1e15) return Long.toString((long) x);
        return format(x);
    }

    public static String format(long x) {
        return Long.toString(x);
    }
}
