package dev.hyperopt.dsl.ir;

import java.util.random.RandomGenerator;

/**
 * A numeric prior: its kind and parameters. For the uniform family {@code a, b} are
 * {@code low, high} in real space (also for loguniform); for the normal family they are
 * {@code mu, sigma} (of log x for lognormal). {@code q} is the rounding step of the
 * q-forms and NaN otherwise. randint draws from [a, b), uniformint from [a, b].
 */
public record Distribution(Dist kind, double a, double b, double q) {

    public Distribution {
        if (kind == null) throw new IllegalArgumentException("distribution kind is null");
        if (kind.isQuantized() != !Double.isNaN(q)) {
            throw new IllegalArgumentException(kind.keyword() + ": q must be given exactly for q-forms");
        }
    }

    public static Distribution of(Dist kind, double a, double b) {
        return new Distribution(kind, a, b, Double.NaN);
    }

    public static Distribution of(Dist kind, double a, double b, double q) {
        return new Distribution(kind, a, b, q);
    }

    public double low() { return a; }
    public double high() { return b; }
    public double mu() { return a; }
    public double sigma() { return b; }

    /** Why these parameters are invalid, or null when they are valid. */
    public String problem() {
        if (!Double.isFinite(a) || !Double.isFinite(b)) return "arguments must be finite numbers";
        if (kind.isQuantized() && !(q > 0)) return "q must be > 0, got " + Num.format(q);
        if (kind.isBounded()) {
            if (kind.isInteger() && (a != Math.rint(a) || b != Math.rint(b))) {
                return "bounds of " + kind.keyword() + " must be integers";
            }
            if (kind == Dist.UNIFORMINT ? a > b : a >= b) {
                return "low must be " + (kind == Dist.UNIFORMINT ? "<=" : "<") + " high, got low = "
                        + Num.format(a) + " and high = " + Num.format(b);
            }
            if (kind.isLog() && a <= 0) return "bounds of " + kind.keyword() + " must be > 0 (they are real-space bounds), got low = " + Num.format(a);
        } else if (!(b > 0)) {
            return "sigma must be > 0, got " + Num.format(b);
        }
        return null;
    }

    /** The type of a sampled value: integers for randint and uniformint, floats otherwise. */
    public Type valueType() {
        return kind.isInteger() ? Type.INT : Type.FLOAT;
    }

    /** One draw from the prior. */
    public double sample(RandomGenerator rng) {
        return switch (kind) {
            case UNIFORM -> uniform(rng, a, b);
            case QUNIFORM -> quantize(uniform(rng, a, b));
            case LOGUNIFORM -> Math.exp(uniform(rng, Math.log(a), Math.log(b)));
            case QLOGUNIFORM -> quantize(Math.exp(uniform(rng, Math.log(a), Math.log(b))));
            case NORMAL -> a + b * rng.nextGaussian();
            case QNORMAL -> quantize(a + b * rng.nextGaussian());
            case LOGNORMAL -> Math.exp(a + b * rng.nextGaussian());
            case QLOGNORMAL -> quantize(Math.exp(a + b * rng.nextGaussian()));
            case RANDINT -> (double) rng.nextLong((long) a, (long) b);
            case UNIFORMINT -> (double) rng.nextLong((long) a, (long) b + 1);
        };
    }

    /** Rounds to the q grid, half to even, as Hyperopt does with numpy.round. */
    public double quantize(double x) {
        return Math.rint(x / q) * q;
    }

    private static double uniform(RandomGenerator rng, double lo, double hi) {
        return lo + (hi - lo) * rng.nextDouble();
    }

    /** The distribution as it is written in {@code .hspace} text. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(kind.keyword()).append('(');
        sb.append(kind.isInteger() ? Num.format((long) a) : Num.format(a)).append(", ");
        sb.append(kind.isInteger() ? Num.format((long) b) : Num.format(b));
        if (kind.isQuantized()) sb.append(", ").append(Num.format(q));
        return sb.append(')').toString();
    }
}
