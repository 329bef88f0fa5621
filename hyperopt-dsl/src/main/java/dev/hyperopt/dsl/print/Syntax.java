package dev.hyperopt.dsl.print;

import dev.hyperopt.dsl.ir.Dist;
import dev.hyperopt.dsl.ir.Function;
import dev.hyperopt.dsl.ir.Num;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/** The lexical forms of {@code .hspace} text that printing needs: names, strings, numbers. */
final class Syntax {
    private Syntax() {}

    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_][a-zA-Z_0-9]*");

    /** Words the grammar reserves; they may be dict keys but never let names. */
    private static final Set<String> KEYWORDS = Set.of("import", "let", "space", "as", "choice", "true", "false", "null");

    /** Names a let must not take: keywords, and callables, so that a reference never reads as a call. */
    private static final Set<String> RESERVED = reserved();

    /** Integral doubles below this magnitude print without a fraction; all of them are exact. */
    private static final double EXACT_INTEGER = 1e15;

    private static Set<String> reserved() {
        Set<String> s = new HashSet<>(KEYWORDS);
        for (Dist d : Dist.values()) s.add(d.keyword());
        for (Function f : Function.values()) s.add(f.keyword());
        s.add("pchoice");
        return Set.copyOf(s);
    }

    static boolean isIdentifier(String s) {
        return s != null && IDENTIFIER.matcher(s).matches();
    }

    /** Whether {@code s} can be written as {@code let s = ...} and referenced as {@code s}. */
    static boolean isLetName(String s) {
        return isIdentifier(s) && !RESERVED.contains(s);
    }

    /** The closest identifier to {@code s}: invalid characters become '_' (it may still be reserved). */
    static String sanitize(String s) {
        if (s == null || s.isEmpty()) return "_";
        StringBuilder sb = new StringBuilder(s.length() + 1);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c < 128 && (Character.isLetterOrDigit(c) || c == '_');
            sb.append(ok ? c : '_');
        }
        if (Character.isDigit(sb.charAt(0))) sb.insert(0, '_');
        return sb.toString();
    }

    /** A dict key or branch name: bare when the grammar's {@code key} rule takes it bare. */
    static String key(String k) {
        return isIdentifier(k) ? k : quote(k);
    }

    /** A double-quoted string literal. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    /** A literal value as text: null, true/false, a number, a quoted string. */
    static String literal(Object value) {
        if (value == null) return "null";
        if (value instanceof Boolean b) return b ? "true" : "false";
        if (value instanceof Long l) {
            // The lexer reads the digits before the sign, and 9223372036854775808 is no long.
            return l == Long.MIN_VALUE ? "(-9223372036854775807 - 1)" : Num.format(l);
        }
        if (value instanceof Double d) return floatLiteral(d);
        return quote((String) value);
    }

    /**
     * A float literal: reads back as the same double, and as a float. The language has no
     * literal for infinity but folds an overflowing constant expression to it, so infinity is
     * written as one.
     */
    static String floatLiteral(double x) {
        if (Double.isNaN(x)) throw new IllegalArgumentException("NaN cannot be written in .hspace text");
        if (Double.isInfinite(x)) return x > 0 ? "(1e308 * 10)" : "(-1e308 * 10)";
        return Num.format(x);
    }

    /**
     * A distribution argument or weight: these are always doubles in the graph and the
     * language reads {@code 16} and {@code 16.0} alike there, so whole numbers drop the fraction.
     */
    static String parameter(double x) {
        if (x == Math.rint(x) && Math.abs(x) < EXACT_INTEGER && !(x == 0 && 1 / x < 0)) {
            return Num.format((long) x);
        }
        return floatLiteral(x);
    }
}
