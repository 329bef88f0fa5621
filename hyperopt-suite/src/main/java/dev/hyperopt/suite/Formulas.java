package dev.hyperopt.suite;

import java.util.Map;

/**
 * The objectives of the benchmark suite, formula for formula as its problem list gives
 * them (operation order included, so that results match the reference implementation to
 * the last bits that the platform's libm allows). Each takes the active hyperparameters
 * by their neutral names (a choice as its option's value: a number or a string), the
 * run's seed and the evaluation index (for the keyed noise), and returns the observed and
 * the noise-free loss.
 */
public final class Formulas {
    private Formulas() {}

    /** The observed loss and, for noisy problems, the loss without noise (else the same). */
    public record Loss(double observed, double trueLoss) {
        static Loss exact(double f) {
            return new Loss(f, f);
        }
    }

    /** One problem's objective. */
    @FunctionalInterface
    public interface Formula {
        Loss evaluate(Map<String, Object> p, long seed, long k);
    }

    /** The formula of {@code problem}, or null when the suite has no such problem. */
    public static Formula of(String problem) {
        return ALL.get(problem);
    }

    /** Every problem that has a formula, by name. */
    public static Map<String, Formula> all() {
        return ALL;
    }

    private static final Map<String, Formula> ALL = Map.ofEntries(
            Map.entry("branin", (p, s, k) -> Loss.exact(branin(num(p, "x"), num(p, "y")))),
            Map.entry("hartmann6", (p, s, k) -> Loss.exact(hartmann6(vector(p, "x", 6)))),
            Map.entry("camel6", (p, s, k) -> Loss.exact(camel6(num(p, "x1"), num(p, "x2")))),
            Map.entry("rosenbrock5", (p, s, k) -> Loss.exact(rosenbrock(vector(p, "x", 5)))),
            Map.entry("ackley5", (p, s, k) -> Loss.exact(ackley(vector(p, "x", 5)))),
            Map.entry("logsphere10", (p, s, k) -> Loss.exact(logsphere(vector(p, "x", 10)))),
            Map.entry("quadratic1", (p, s, k) -> Loss.exact(sq(num(p, "x") - 3))),
            Map.entry("q1_lognormal", (p, s, k) -> Loss.exact(Math.min(0.1 * sq(num(p, "x") - 10), 10))),
            Map.entry("q1_choice", Formulas::q1Choice),
            Map.entry("n_arms", Formulas::nArms),
            Map.entry("distractor", (p, s, k) -> Loss.exact(distractor(num(p, "x")))),
            Map.entry("gauss_wave", Formulas::gaussWave),
            Map.entry("gauss_wave2", Formulas::gaussWave2),
            Map.entry("many_dists", Formulas::manyDists),
            Map.entry("cash_synth", (p, s, k) -> Loss.exact(cash(p))),
            Map.entry("overhead10", (p, s, k) -> Loss.exact(overhead10(p))));

    static double num(Map<String, Object> p, String name) {
        Object v = p.get(name);
        if (!(v instanceof Number n)) throw new IllegalArgumentException("parameter '" + name + "' is missing or not a number: " + v);
        return n.doubleValue();
    }

    static String str(Map<String, Object> p, String name) {
        Object v = p.get(name);
        if (v == null) throw new IllegalArgumentException("parameter '" + name + "' is missing");
        return v.toString();
    }

    private static double[] vector(Map<String, Object> p, String prefix, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = num(p, prefix + i);
        return x;
    }

    static double sq(double a) {
        return a * a;
    }

    public static double branin(double x, double y) {
        double a = 5.1 / (4 * Math.PI * Math.PI);
        double b = y - a * (x * x) + 5 * x / Math.PI - 6;
        return b * b + 10 * (1 - 1 / (8 * Math.PI)) * Math.cos(x) + 10;
    }

    private static final double[][] HA = {
        {10, 3, 17, 3.5, 1.7, 8}, {0.05, 10, 17, 0.1, 8, 14}, {3, 3.5, 1.7, 10, 17, 8}, {17, 8, 0.05, 10, 0.1, 14}};
    private static final double[][] HP = {
        {0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886}, {0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991},
        {0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.665}, {0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381}};
    private static final double[] HALPHA = {1.0, 1.2, 3.0, 3.2};

    public static double hartmann6(double[] x) {
        double outer = 0.0;
        for (int i = 0; i < 4; i++) {
            double inner = 0.0;
            for (int j = 0; j < 6; j++) inner += HA[i][j] * sq(x[j] - HP[i][j]);
            outer += HALPHA[i] * Math.exp(-inner);
        }
        return -outer;
    }

    public static double camel6(double x1, double x2) {
        double s1 = x1 * x1;
        double s2 = x2 * x2;
        return (4 - 2.1 * s1 + (s1 * s1) / 3) * s1 + x1 * x2 + (-4 + 4 * s2) * s2;
    }

    public static double rosenbrock(double[] x) {
        double f = 0.0;
        for (int i = 0; i + 1 < x.length; i++) f += 100 * sq(x[i + 1] - x[i] * x[i]) + sq(1 - x[i]);
        return f;
    }

    public static double ackley(double[] x) {
        double s1 = 0.0;
        double s2 = 0.0;
        for (double xi : x) s1 += xi * xi;
        for (double xi : x) s2 += Math.cos(2 * Math.PI * xi);
        return -20 * Math.exp(-0.2 * Math.sqrt(s1 / x.length)) - Math.exp(s2 / x.length) + 20 + Math.E;
    }

    public static double logsphere(double[] x) {
        double f = 0.0;
        for (int i = 0; i < x.length; i++) {
            double c = -3 + 0.5 * i;
            f += sq(Math.log10(x[i]) - c);
        }
        return f;
    }

    public static double distractor(double x) {
        return -(1 / (1 + Math.exp(-x))) - 2 * Math.exp(-sq(x + 10));
    }

    private static Loss q1Choice(Map<String, Object> p, long s, long k) {
        double v = num(p, "o_x");
        double x = v == -3 ? num(p, "x_neg") : num(p, "x_pos");
        return Loss.exact(sq(v - x));
    }

    private static final double[] ARM_MU = {-1.0, 0.0};
    private static final double[] ARM_SIGMA = {1.0, 1.0};

    private static Loss nArms(Map<String, Object> p, long s, long k) {
        int x = (int) num(p, "x");
        return new Loss(ARM_MU[x] + ARM_SIGMA[x] * KeyedNoise.stdNormal(s, k), ARM_MU[x]);
    }

    private static Loss gaussWave(Map<String, Object> p, long s, long k) {
        double x = num(p, "x");
        double t = num(p, "curve") == 0 ? x : x + Math.PI;
        return Loss.exact(-(Math.sin(t) + 2 * Math.exp(-sq(t / 5))));
    }

    private static Loss gaussWave2(Map<String, Object> p, long s, long k) {
        return new Loss(gaussWave2(p, KeyedNoise.stdNormal(s, k)), gaussWave2(p, 0.0));
    }

    private static double gaussWave2(Map<String, Object> p, double eps) {
        double x = num(p, "x");
        double t = 0.1 * eps + 2 * Math.exp(-sq(x / 5));
        if (num(p, "hf") == 0) return -t;
        return -(t + Math.sin(x) * num(p, "amp"));
    }

    private static final String[] MANY = {"a", "b", "bb", "c", "d", "e", "f", "g", "h", "i", "j", "k"};

    private static Loss manyDists(Map<String, Object> p, long s, long k) {
        double z = 0.0;
        for (String name : MANY) z = z + num(p, name);
        return Loss.exact(Math.log(1e-12 + z * z));
    }

    public static double cash(Map<String, Object> p) {
        switch (str(p, "model")) {
            case "svm": {
                double lc = Math.log10(num(p, "svm_C")) - 1;
                switch (str(p, "svm_kernel")) {
                    case "linear":
                        return 0.14 + 0.02 * lc * lc;
                    case "rbf": {
                        double g = Math.log10(num(p, "svm_rbf_gamma")) + 2;
                        return 0.11 + 0.02 * lc * lc + 0.04 * g * g + 0.01 * lc * g;
                    }
                    default: {
                        double g = Math.log10(num(p, "svm_poly_gamma")) + 1.5;
                        double dg = num(p, "svm_poly_degree") - 3;
                        return 0.13 + 0.02 * lc * lc + 0.04 * g * g + 0.01 * dg * dg;
                    }
                }
            }
            case "rf": {
                double n = num(p, "rf_n_estimators");
                double d = num(p, "rf_max_depth") - 12;
                double m = num(p, "rf_max_features") - 0.35;
                return 0.125 + 0.04 * Math.exp(-n / 60) + 0.0006 * d * d + 0.05 * m * m
                        + ("gini".equals(str(p, "rf_criterion")) ? 0.005 : 0);
            }
            default: {
                double u = Math.log10(num(p, "mlp_lr")) + 2.5;
                double v = Math.log10(num(p, "mlp_alpha")) + 4;
                double w = Math.log(num(p, "mlp_hidden")) / Math.log(2) - 7;
                double pen = switch (str(p, "mlp_activation")) {
                    case "relu" -> 0.0;
                    case "tanh" -> 0.02;
                    default -> 0.05;
                };
                return 0.08 + 0.03 * u * u + 0.02 * u * v + 0.01 * v * v + 0.01 * w * w
                        + 0.005 * (1 - Math.cos(2 * Math.PI * u)) + pen;
            }
        }
    }

    public static double overhead10(Map<String, Object> p) {
        double pen3 = switch (str(p, "o_c3")) {
            case "a" -> 0.5;
            case "b" -> 0.0;
            default -> 0.25;
        };
        return sq(num(p, "o_u1") - 1) + sq(num(p, "o_u2") - 0.3) + sq(Math.log10(num(p, "o_lu1")) + 2)
                + sq(Math.log10(num(p, "o_lu2")) - 0.5) + sq((num(p, "o_qu") - 42) / 50) + sq(Math.log(num(p, "o_qlu")) - 3) / 10
                + sq(num(p, "o_n") - 0.5) + sq((num(p, "o_ri") - 7) / 5) + pen3 + 0.1 * Math.abs(num(p, "o_c5") - 3);
    }
}
