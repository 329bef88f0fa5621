package dev.hyperopt.vision.bench;

import dev.hyperopt.engine.api.Config;
import dev.hyperopt.engine.api.Objective;
import dev.hyperopt.engine.api.Outcome;
import dev.hyperopt.engine.api.TrialContext;
import dev.hyperopt.engine.objective.ChildJvmObjective;
import dev.hyperopt.nd4j.Nd4jRuntime;
import dev.hyperopt.nd4j.data.DataSplits;
import dev.hyperopt.vision.cnn.CnnObjective;
import dev.hyperopt.vision.cnn.CnnSpec;
import dev.hyperopt.vision.data.ImageSources;
import dev.hyperopt.vision.data.ImageSplits;
import dev.hyperopt.vision.objective.VisionWorker;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What scoring a CNN trial in a child JVM costs over scoring it here: the standard small CNN
 * with the same time cap (so that training takes the same time wherever it runs), timed in
 * this JVM, as the first trial of a fresh child (JVM start, ND4J start, image load) and as a
 * later trial of a warm child.
 *
 * <p>Arguments: {@code [DATA [ROUNDS [SECONDS]]]} (default {@code rectangles 3 5}).
 */
public final class IsolationCost {
    private IsolationCost() {}

    public static void main(String[] args) throws Exception {
        String data = args.length > 0 ? args[0] : "rectangles";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        double cap = args.length > 2 ? Double.parseDouble(args[2]) : 5;
        DataSplits.Sizes sizes = new DataSplits.Sizes(null, null, null);
        Nd4jRuntime.start();
        long t0 = System.nanoTime();
        ImageSplits splits = ImageSources.open(data, sizes, 0, null);
        double load = seconds(t0);
        Config config = Config.of(CnnSpec.standardSmall());
        CnnObjective here = new CnnObjective(splits, cap, null);
        time(here, config, 0); // warms this JVM as a long run is warm
        System.out.printf(Locale.ROOT, "data: %s, %d training images, loaded here in %.2f s; training capped at %.0f s%n", data,
                splits.train().size(), load, cap);
        for (int r = 0; r < rounds; r++) {
            double inProcess = time(here, config, r + 1);
            double cold;
            double warm;
            try (ChildJvmObjective child = VisionWorker.isolated(new VisionWorker.Source(data, sizes, 0, null), "cnn", cap, false, "1g",
                    List.of(), null)) {
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
}
