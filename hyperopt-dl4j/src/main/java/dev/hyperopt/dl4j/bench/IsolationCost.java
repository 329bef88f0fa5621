package dev.hyperopt.dl4j.bench;

import dev.hyperopt.dl4j.objective.Dl4jObjective;
import dev.hyperopt.dl4j.objective.IsolatedDl4jObjective;
import dev.hyperopt.engine.api.Config;
import dev.hyperopt.engine.api.Objective;
import dev.hyperopt.engine.api.Outcome;
import dev.hyperopt.engine.api.TrialContext;
import dev.hyperopt.nd4j.Nd4jRuntime;
import dev.hyperopt.nd4j.data.DataSplits;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What training a trial in a child JVM costs over training it here: the same small MLP, one
 * epoch, timed in this JVM, as the first trial of a fresh child (JVM start, ND4J start, data
 * load) and as a later trial of a warm child.
 *
 * <p>Arguments: {@code [DATA [ROUNDS]]} (default {@code rectangles 3}).
 */
public final class IsolationCost {
    private IsolationCost() {}

    public static void main(String[] args) throws Exception {
        String data = args.length > 0 ? args[0] : "rectangles";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        DataSplits.Sizes sizes = new DataSplits.Sizes(null, null, null);
        Nd4jRuntime.start();
        long t0 = System.nanoTime();
        DataSplits splits = DataSplits.open(data, sizes, 0);
        double load = seconds(t0);
        Config config = Config.of(mlp());
        Dl4jObjective here = new Dl4jObjective(splits, 0, 0, null);
        time(here, config, 0); // warms this JVM as a long run is warm
        System.out.printf(Locale.ROOT, "data: %s, %d training examples, loaded here in %.2f s%n", data, splits.train().size(), load);
        for (int r = 0; r < rounds; r++) {
            double inProcess = time(here, config, r + 1);
            double cold;
            double warm;
            try (IsolatedDl4jObjective child = new IsolatedDl4jObjective(splits, new IsolatedDl4jObjective.Source(data, sizes, 0), 0, 0, false,
                    "1g", List.of(), null)) {
                cold = time(child, config, 0);
                warm = time(child, config, 1);
            }
            System.out.printf(Locale.ROOT, "round %d: in-process %.2f s, fresh child %.2f s (+%.2f), warm child %.2f s (+%.2f)%n",
                    r + 1, inProcess, cold, cold - inProcess, warm, warm - inProcess);
        }
        System.exit(0);
    }

    private static double time(Objective objective, Config config, long trial) throws Exception {
        long t0 = System.nanoTime();
        Outcome o = objective.evaluate(TrialContext.of(trial, config, Map.of()));
        if (!o.ok()) throw new IllegalStateException("trial failed: " + o.error());
        return seconds(t0);
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    /** One hidden layer of 64 units, one epoch. */
    private static Map<String, Object> mlp() {
        Map<String, Object> c = new java.util.LinkedHashMap<>();
        c.put("preprocessing", Map.of("raw", Map.of()));
        c.put("layers", List.of(Map.of("units", 64L, "dropout", 0.0)));
        c.put("activation", "relu");
        c.put("batch_norm", false);
        c.put("init", "he");
        c.put("optimizer", Map.of("adam", Map.of("lr", 3e-3)));
        c.put("l2", 1e-5);
        c.put("batch_size", 32L);
        c.put("seed", 3L);
        c.put("max_epochs", 1L);
        c.put("patience", 3L);
        c.put("max_seconds", 600L);
        return c;
    }
}
