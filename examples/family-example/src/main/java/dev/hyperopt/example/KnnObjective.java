package dev.hyperopt.example;

import dev.hyperopt.engine.api.Config;
import dev.hyperopt.engine.api.Objective;
import dev.hyperopt.engine.api.Outcome;
import dev.hyperopt.engine.api.TrialContext;

import java.util.Arrays;
import java.util.Map;

/**
 * Validation error of a k-nearest-neighbours classifier configured as {@code knn.hspace}
 * describes: {@code k}, {@code weights} ({@code uniform} or {@code distance}) and
 * {@code metric} ({@code {minkowski: {p}}} or {@code {chebyshev: ...}}).
 */
public final class KnnObjective implements Objective {
    private final Moons data;

    public KnnObjective(Moons data) {
        this.data = data;
    }

    @Override
    public Outcome evaluate(TrialContext ctx) {
        Config c = ctx.config();
        int k = c.getInt("k");
        if (k > data.train()) return Outcome.fail("k = " + k + " is more than the " + data.train() + " training points");
        double error = error(c, ctx::checkCancelled);
        return Outcome.ok(error, Map.of("accuracy", 1 - error));
    }

    /** The validation error of configuration {@code c}; {@code checkpoint} runs once per validation point. */
    public double error(Config c, Runnable checkpoint) {
        int k = c.getInt("k");
        boolean byDistance = c.getString("weights").equals("distance");
        String metric = c.branch("metric");
        double p = metric.equals("minkowski") ? c.getDouble("metric.minkowski.p") : Double.POSITIVE_INFINITY;
        int wrong = 0;
        int n = data.x().length;
        double[] d = new double[data.train()];
        Integer[] order = new Integer[data.train()];
        for (int v = data.train(); v < n; v++) {
            checkpoint.run();
            for (int i = 0; i < data.train(); i++) {
                d[i] = distance(data.x()[v], data.x()[i], p);
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Double.compare(d[a], d[b]));
            double[] votes = new double[2];
            for (int j = 0; j < Math.min(k, data.train()); j++) {
                int i = order[j];
                votes[data.label()[i]] += byDistance ? 1 / (d[i] + 1e-12) : 1;
            }
            int predicted = votes[1] > votes[0] ? 1 : 0;
            if (predicted != data.label()[v]) wrong++;
        }
        return wrong / (double) (n - data.train());
    }

    static double distance(double[] a, double[] b, double p) {
        if (Double.isInfinite(p)) {
            double m = 0;
            for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
            return m;
        }
        double s = 0;
        for (int i = 0; i < a.length; i++) s += Math.pow(Math.abs(a[i] - b[i]), p);
        return Math.pow(s, 1 / p);
    }
}
