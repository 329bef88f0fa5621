package dev.hyperopt.dsl.ir;

import java.util.List;

/**
 * Python's arithmetic on {@link Long} and {@link Double} values: the one definition used
 * both to fold constants at compile time and to evaluate expressions after sampling.
 */
public final class Arithmetic {
    private Arithmetic() {}

    /** {@code a op b}. @throws ExpressionException when the result has no value */
    public static Object apply(BinaryOp op, Object a, Object b) {
        try {
            if (a instanceof Long x && b instanceof Long y) return longs(op, x, y);
        } catch (ArithmeticException e) {
            throw new ExpressionException("integer " + op.symbol() + " overflows or divides by zero");
        }
        double x = num(a);
        double y = num(b);
        double r = switch (op) {
            case ADD -> x + y;
            case SUB -> x - y;
            case MUL -> x * y;
            case DIV -> {
                if (y == 0) throw new ExpressionException("division by zero");
                yield x / y;
            }
            case MOD -> {
                if (y == 0) throw new ExpressionException("modulo by zero");
                yield floatMod(x, y);
            }
            case POW -> {
                if (x == 0 && y < 0) throw new ExpressionException("0 cannot be raised to a negative power");
                yield Math.pow(x, y);
            }
        };
        if (Double.isNaN(r) && !Double.isNaN(x) && !Double.isNaN(y)) {
            throw new ExpressionException(format(x) + " " + op.symbol() + " " + format(y) + " is not a number");
        }
        return r;
    }

    private static Object longs(BinaryOp op, long x, long y) {
        return switch (op) {
            case ADD -> Math.addExact(x, y);
            case SUB -> Math.subtractExact(x, y);
            case MUL -> Math.multiplyExact(x, y);
            case DIV -> {
                if (y == 0) throw new ExpressionException("division by zero");
                yield (double) x / (double) y;
            }
            case MOD -> {
                if (y == 0) throw new ExpressionException("modulo by zero");
                yield Math.floorMod(x, y);
            }
            case POW -> {
                if (y >= 0) yield power(x, y);
                if (x == 0) throw new ExpressionException("0 cannot be raised to a negative power");
                yield Math.pow(x, y);
            }
        };
    }

    /** Exponentiation by squaring, so a huge exponent of 0, 1 or -1 cannot loop for long. */
    private static long power(long base, long exp) {
        if (base == 0) return exp == 0 ? 1 : 0;
        if (base == 1) return 1;
        if (base == -1) return (exp & 1) == 0 ? 1 : -1;
        long result = 1;
        long b = base;
        long e = exp;
        while (e > 0) {
            if ((e & 1) != 0) result = Math.multiplyExact(result, b);
            e >>= 1;
            if (e > 0) b = Math.multiplyExact(b, b);
        }
        return result;
    }

    /** Python's float {@code %}: exact {@code fmod}, then moved to the divisor's sign. */
    private static double floatMod(double x, double y) {
        double m = x % y;
        if (m != 0) {
            if ((y < 0) != (m < 0)) m += y;
        } else {
            m = Math.copySign(0.0, y);
        }
        return m;
    }

    /** {@code f(args)}. @throws ExpressionException when the result has no value */
    public static Object call(Function f, List<Object> args) {
        Object a0 = args.get(0);
        return switch (f) {
            case INT -> a0 instanceof Long ? a0 : toLong(num(a0), "int");
            case FLOAT -> num(a0);
            case ROUND -> a0 instanceof Long ? a0 : toLong(Math.rint(num(a0)), "round");
            case ABS -> a0 instanceof Long l ? (l < 0 ? negate(l) : l) : (Object) Math.abs(num(a0));
            case LOG -> {
                double x = num(a0);
                if (!(x > 0)) throw new ExpressionException("log of " + format(x) + " (needs a positive number)");
                yield Math.log(x);
            }
            case EXP -> Math.exp(num(a0));
            case SQRT -> {
                double x = num(a0);
                if (x < 0) throw new ExpressionException("sqrt of " + format(x) + " (needs a number >= 0)");
                yield Math.sqrt(x);
            }
            case MIN, MAX -> extreme(f == Function.MAX, args);
        };
    }

    private static Object extreme(boolean max, List<Object> args) {
        Object best = args.get(0);
        for (Object o : args.subList(1, args.size())) {
            double x = num(o);
            double b = num(best);
            if (max ? x > b : x < b) best = o;
        }
        return best;
    }

    private static long toLong(double x, String fn) {
        if (!Double.isFinite(x) || Math.abs(x) >= 0x1p63) throw new ExpressionException(fn + "() of " + format(x) + " is out of range");
        return (long) x;
    }

    /** {@code -v}. */
    public static Object negate(Object v) {
        if (v instanceof Long l) {
            if (l == Long.MIN_VALUE) throw new ExpressionException("integer negation overflows");
            return -l;
        }
        return -num(v);
    }

    static double num(Object v) {
        if (v instanceof Number n) return n.doubleValue();
        throw new ExpressionException("expected a number, got " + (v instanceof String ? "\"" + v + "\"" : String.valueOf(v)));
    }

    private static String format(double x) {
        return Num.format(x);
    }
}
