package dev.hyperopt.weka;

import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.engine.space.Assignment;
import dev.hyperopt.engine.space.EvaluationException;
import dev.hyperopt.engine.space.SpaceEvaluator;
import weka.core.Instances;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Weka learners that do best left at their defaults (SMO with its linear kernel, ridge
 * logistic regression, LogitBoost's logistic regression, a random forest of 100 trees: the
 * strongest defaults on the benchmark data sets of docs/weka.md), as configurations of
 * whichever space is searched. A search that
 * evaluates them first ends no worse than they do on its own scoring.
 */
final class KnownGood {
    private static final String PREFIX = "weka.classifiers.";

    private KnownGood() {}

    /** Each learner's Weka defaults, as its shipped space writes them. */
    static List<Map<String, Object>> learners() {
        Map<String, Object> poly = map("class", PREFIX + "functions.supportVector.PolyKernel", "E", 1.0, "L", false);
        return List.of(
                map("smo", map("class", PREFIX + "functions.SMO", "C", 1.0, "N", 0L, "M", false, "K", map("poly", poly))),
                map("logistic", map("class", PREFIX + "functions.Logistic", "R", 1e-8)),
                map("simple_logistic", map("class", PREFIX + "functions.SimpleLogistic", "S", false, "P", false, "A", false, "W", 0L)),
                map("random_forest", map("class", PREFIX + "trees.RandomForest", "I", 100L, "K", 0L, "M", 1L, "depth", 0L)));
    }

    /**
     * The labels of each default learner in {@code space}, with no filter where the space has a
     * choice of them; a learner the space does not hold, or whose capabilities the data fails,
     * is left out.
     */
    static List<Map<String, Object>> in(SearchSpace space, Instances data) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> learner : learners()) {
            String branch = learner.keySet().iterator().next();
            for (Object config : shapes(branch, learner)) {
                Assignment a;
                try {
                    a = Assignment.fromConfig(space, config);
                } catch (IllegalArgumentException e) {
                    continue; // not this shape of space
                }
                if (capable(a, data)) out.add(a.labels());
                break;
            }
        }
        return out;
    }

    /** The ways a space may hold a learner: a pipeline, a choice of classifiers, or the learner alone. */
    private static List<Object> shapes(String branch, Map<String, Object> learner) {
        Object alone = learner.get(branch);
        return List.of(
                map("preprocessing", map("none", null), "classifier", learner),
                map("classifier", learner),
                learner,
                alone);
    }

    private static boolean capable(Assignment a, Instances data) {
        try {
            Pipeline.checkCapabilities(Pipeline.of(SpaceEvaluator.evaluate(a)).newClassifier(), data);
            return true;
        } catch (IllegalArgumentException | EvaluationException e) {
            return false;
        }
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        return m;
    }
}
