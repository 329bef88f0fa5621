package dev.hyperopt.report;

import dev.hyperopt.dsl.HSpaceCompiler;
import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.engine.api.Config;
import dev.hyperopt.engine.api.Outcome;
import dev.hyperopt.engine.run.Hyperopt;
import dev.hyperopt.engine.run.Result;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A study whose true importances are known: the choice of model decides most of the loss,
 * one hyperparameter of one branch decides the rest, everything else is noise. The ranking
 * must say so: the choice first (with what its branch brings), and the branch's
 * hyperparameter first among that branch's, ranked over the trials that took the branch.
 */
class ConditionalImportanceTest {
    static final SearchSpace SPACE = new HSpaceCompiler().compile("synthetic.hspace", """
            space = {
              model: choice {
                forest: { depth: uniformint(1, 20), seed: uniformint(0, 99) },
                linear: { ridge: uniform(0, 1) },
                knn: { k: uniformint(1, 30) },
              },
              noise_a: uniform(0, 1),
              noise_b: choice("x", "y", "z"),
            }
            """).orThrow();

    /** forest 0.10 to 0.30 by depth, linear 0.40, knn 0.60; the rest moves the loss by a hair. */
    static double loss(Config c, SplittableRandom jitter) {
        double base = switch (c.branch("model")) {
            case "forest" -> 0.10 + 0.20 * (c.getDouble("model.forest.depth") - 1) / 19;
            case "linear" -> 0.40;
            default -> 0.60;
        };
        return base + 0.002 * jitter.nextDouble();
    }

    static Result study(int trials, long seed) {
        SplittableRandom jitter = new SplittableRandom(seed);
        return Hyperopt.minimize(SPACE, ctx -> Outcome.ok(loss(ctx.config(), jitter)))
                .algorithm("rand").maxEvals(trials).seed(seed).study("synthetic").run();
    }

    @SuppressWarnings("unchecked")
    private static List<String> ranked(List<Map<String, Object>> entries, List<Map<String, Object>> params) {
        List<Map<String, Object>> sorted = new ArrayList<>(entries);
        sorted.sort((a, b) -> Double.compare((Double) b.get("importance"), (Double) a.get("importance")));
        List<String> out = new ArrayList<>();
        for (Map<String, Object> e : sorted) out.add((String) params.get((Integer) e.get("column")).get("label"));
        return out;
    }

    @Test
    @SuppressWarnings("unchecked")
    void theChoiceRanksFirstAndTheBranchsHyperparameterFirstWithinItsBranch() {
        for (long seed : new long[]{1, 2, 3}) {
            Map<String, Object> data = HtmlReport.of(study(120, seed), SPACE).data();
            List<Map<String, Object>> params = (List<Map<String, Object>>) data.get("params");
            Map<String, Object> imp = (Map<String, Object>) data.get("importance");
            List<Map<String, Object>> ranking = (List<Map<String, Object>>) imp.get("ranking");

            // Only what is always active is ranked at the top: the choice, with its branches' share, and the noise.
            assertThat(ranked(ranking, params)).as("seed %d", seed).containsExactly("model", "noise_a", "noise_b");
            Map<String, Object> model = ranking.stream().filter(e -> params.get((Integer) e.get("column")).get("label").equals("model"))
                    .findFirst().orElseThrow();
            assertThat((Double) model.get("importance")).as("seed %d", seed).isGreaterThan(0.85);

            List<Map<String, Object>> branches = (List<Map<String, Object>>) model.get("branches");
            assertThat(branches).extracting(b -> b.get("name")).containsExactly("forest", "linear", "knn");
            Map<String, Object> forest = branches.get(0);
            assertThat((Integer) forest.get("trials")).isBetween(20, 70);
            List<String> inForest = ranked((List<Map<String, Object>>) forest.get("entries"), params);
            assertThat(inForest).as("seed %d", seed).first().asString().endsWith("depth");
            double depthShare = ((List<Map<String, Object>>) forest.get("entries")).stream()
                    .filter(e -> ((String) params.get((Integer) e.get("column")).get("label")).endsWith("depth"))
                    .mapToDouble(e -> (Double) e.get("importance")).findFirst().orElseThrow();
            assertThat(depthShare).as("seed %d", seed).isGreaterThan(0.8);

            // The panels' order follows: the choice, then the branch's hyperparameter, ahead of the noise.
            List<Double> values = (List<Double>) imp.get("values");
            int depth = indexOf(params, "depth");
            assertThat(values.get(indexOf(params, "model"))).isGreaterThan(values.get(depth));
            assertThat(values.get(depth)).as("seed %d", seed)
                    .isGreaterThan(values.get(indexOf(params, "noise_a"))).isGreaterThan(values.get(indexOf(params, "noise_b")));
        }
    }

    private static int indexOf(List<Map<String, Object>> params, String suffix) {
        for (int i = 0; i < params.size(); i++) if (((String) params.get(i).get("label")).endsWith(suffix)) return i;
        throw new AssertionError("no label ending in " + suffix);
    }
}
