package dev.hyperopt.engine.sample.tpe;

import dev.hyperopt.dsl.HSpaceCompiler;
import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.engine.sample.Observation;
import dev.hyperopt.engine.sample.Sampler;
import dev.hyperopt.engine.sample.SamplingContext;
import dev.hyperopt.engine.space.Assignment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * A few benchmark problems and a serial ask/tell loop, enough to tell a sampler that
 * learns from a sampler that does not. Spaces and formulas are those of the benchmark
 * suite's problem list: Branin-Hoo and Hartmann 6-D as in Surjanovic &amp; Bingham's Virtual
 * Library of Simulation Experiments, cash_synth a synthetic model-selection problem
 * (optimum 0.08 in the mlp branch).
 */
public final class Problems {
    private Problems() {}

    /** A space and its loss, read from the flat {label: value} map by each label's last path component. */
    public record Problem(String name, SearchSpace space, ToDoubleFunction<Map<String, Object>> loss) {
        public double evaluate(Assignment a) {
            Map<String, Object> byName = new HashMap<>();
            a.labels().forEach((label, v) -> byName.put(label.substring(label.lastIndexOf('.') + 1), v));
            return loss.applyAsDouble(byName);
        }
    }

    public static SearchSpace compile(String name, String text) {
        return new HSpaceCompiler().compile(name, text).orThrow();
    }

    public static final Problem BRANIN = new Problem("branin", compile("branin", """
            space = {
              x: uniform(-5.0, 10.0),
              y: uniform(0.0, 15.0),
            }
            """), p -> branin(num(p, "x"), num(p, "y")));

    public static final Problem HARTMANN6 = new Problem("hartmann6", compile("hartmann6", """
            space = {
              x0: uniform(0.0, 1.0),
              x1: uniform(0.0, 1.0),
              x2: uniform(0.0, 1.0),
              x3: uniform(0.0, 1.0),
              x4: uniform(0.0, 1.0),
              x5: uniform(0.0, 1.0),
            }
            """), p -> hartmann6(new double[] {num(p, "x0"), num(p, "x1"), num(p, "x2"), num(p, "x3"), num(p, "x4"), num(p, "x5")}));

    public static final Problem CASH = new Problem("cash_synth", compile("cash_synth", """
            space = {
              model: choice {
                svm: {
                  svm_C: loguniform(0.001, 1000.0),
                  svm_kernel: choice {
                    linear: {},
                    rbf: {
                      svm_rbf_gamma: loguniform(0.0001, 10.0),
                    },
                    poly: {
                      svm_poly_gamma: loguniform(0.0001, 10.0),
                      svm_poly_degree: quniform(2, 5, 1),
                    },
                  },
                },
                rf: {
                  rf_n_estimators: quniform(10, 500, 10),
                  rf_max_depth: quniform(1, 20, 1),
                  rf_max_features: uniform(0.1, 1.0),
                  rf_criterion: choice {
                    gini: {},
                    entropy: {},
                  },
                },
                mlp: {
                  mlp_lr: loguniform(1e-05, 1.0),
                  mlp_hidden: quniform(16, 512, 16),
                  mlp_alpha: loguniform(1e-06, 0.1),
                  mlp_activation: choice {
                    relu: {},
                    tanh: {},
                    logistic: {},
                  },
                },
              },
            }
            """), Problems::cash);

    /** The 10-parameter mixed space on which suggestion cost is measured, with a cheap closed-form loss. */
    public static final Problem OVERHEAD10 = new Problem("overhead10", compile("overhead10", """
            space = {
              o_u1: uniform(-5.0, 5.0),
              o_u2: uniform(0.0, 1.0),
              o_lu1: loguniform(0.0001, 1.0),
              o_lu2: loguniform(0.01, 100.0),
              o_qu: quniform(1, 100, 1),
              o_qlu: qloguniform(1.0, 1024.0, 1),
              o_n: normal(0.0, 1.0),
              o_ri: randint(0, 10),
              o_c3: choice {
                a: {},
                b: {},
                c: {},
              },
              o_c5: choice(0, 1, 2, 3, 4),
            }
            """), p -> sq(num(p, "o_u1") - 1) / 25 + sq(num(p, "o_u2") - 0.3) + sq(Math.log10(num(p, "o_lu1")) + 2) / 16
            + sq(Math.log10(num(p, "o_lu2"))) / 4 + sq(num(p, "o_qu") - 37) / 1e4 + sq(Math.log(num(p, "o_qlu")) - 3) / 50
            + sq(num(p, "o_n")) / 4 + sq(num(p, "o_ri") - 7) / 100 + ("b".equals(p.get("o_c3")) ? 0 : 0.1)
            + num(p, "o_c5") / 40);

    static double num(Map<String, Object> p, String name) {
        return ((Number) p.get(name)).doubleValue();
    }

    static double sq(double x) {
        return x * x;
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

    static double cash(Map<String, Object> p) {
        switch ((String) p.get("model")) {
            case "svm": {
                double lc = Math.log10(num(p, "svm_C")) - 1;
                switch ((String) p.get("svm_kernel")) {
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
                        + ("gini".equals(p.get("rf_criterion")) ? 0.005 : 0);
            }
            default: {
                double u = Math.log10(num(p, "mlp_lr")) + 2.5;
                double v = Math.log10(num(p, "mlp_alpha")) + 4;
                double w = Math.log(num(p, "mlp_hidden")) / Math.log(2) - 7;
                double pen = switch ((String) p.get("mlp_activation")) {
                    case "relu" -> 0;
                    case "tanh" -> 0.02;
                    default -> 0.05;
                };
                return 0.08 + 0.03 * u * u + 0.02 * u * v + 0.01 * v * v + 0.01 * w * w
                        + 0.005 * (1 - Math.cos(2 * Math.PI * u)) + pen;
            }
        }
    }

    /** Runs {@code budget} trials one after another; returns the best loss seen after each. */
    public static double[] run(Sampler sampler, Problem problem, long seed, int budget) {
        List<Observation> history = new ArrayList<>();
        double[] best = new double[budget];
        double incumbent = Double.POSITIVE_INFINITY;
        for (int t = 0; t < budget; t++) {
            Assignment a = sampler.suggest(new SamplingContext(problem.space(), history, seed, t));
            double loss = problem.evaluate(a);
            history.add(Observation.ok(t, a.values(), loss));
            incumbent = Math.min(incumbent, loss);
            best[t] = incumbent;
        }
        return best;
    }

    /** The mean over seeds 0..seeds-1 of the best loss after {@code budget} trials. */
    public static double meanBest(Sampler sampler, Problem problem, int seeds, int budget) {
        double sum = 0;
        for (int s = 0; s < seeds; s++) sum += run(sampler, problem, s, budget)[budget - 1];
        return sum / seeds;
    }
}
