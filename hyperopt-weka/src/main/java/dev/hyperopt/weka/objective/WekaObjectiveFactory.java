package dev.hyperopt.weka.objective;

import dev.hyperopt.engine.api.Objective;
import dev.hyperopt.engine.spi.ObjectiveFactory;
import dev.hyperopt.weka.data.DataSets;
import weka.core.Instances;

import java.util.Map;
import java.util.Set;

/**
 * The {@code weka} objective by name: options {@code data} (a file or built-in name),
 * {@code class} (first, last or a name; default last), {@code metric}, {@code folds} (5),
 * {@code holdout} (instead of folds), {@code seed} (1) and {@code memory} (1g).
 */
public final class WekaObjectiveFactory implements ObjectiveFactory {
    private static final Set<String> KNOWN = Set.of("data", "class", "metric", "folds", "holdout", "seed", "memory");

    @Override
    public Objective create(Map<String, String> options) {
        for (String k : options.keySet()) {
            if (!KNOWN.contains(k)) throw new IllegalArgumentException("weka objective: unknown option '" + k + "' (known: " + KNOWN + ")");
        }
        String data = options.get("data");
        if (data == null) throw new IllegalArgumentException("weka objective: option 'data' is required");
        Instances d = DataSets.withClass(DataSets.load(data), options.get("class"), data);
        Metric metric = options.containsKey("metric") ? Metric.byId(options.get("metric"))
                : Metric.defaultFor(d.classAttribute().isNominal());
        double holdout = options.containsKey("holdout") ? Double.parseDouble(options.get("holdout")) : Double.NaN;
        int folds = Integer.parseInt(options.getOrDefault("folds", "5"));
        long seed = Long.parseLong(options.getOrDefault("seed", "1"));
        return new WekaObjective(d, new EvaluationSettings(metric, folds, holdout, seed), options.getOrDefault("memory", "1g"));
    }
}
