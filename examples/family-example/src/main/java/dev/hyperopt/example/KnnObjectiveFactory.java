package dev.hyperopt.example;

import dev.hyperopt.engine.api.Objective;
import dev.hyperopt.engine.spi.ObjectiveFactory;

import java.util.Map;

/**
 * {@code example-knn}: options {@code n} (points, default 400), {@code noise} (default 0.25)
 * and {@code seed} (default 0) choose the data set; the objective is the classifier's
 * validation error on it.
 */
public final class KnnObjectiveFactory implements ObjectiveFactory {

    @Override
    public Objective create(Map<String, String> options) {
        int n = integer(options, "n", 400);
        double noise = number(options, "noise", 0.25);
        long seed = integer(options, "seed", 0);
        if (n < 20) throw new IllegalArgumentException("example-knn needs n >= 20, got " + n);
        if (!(noise >= 0)) throw new IllegalArgumentException("example-knn needs noise >= 0, got " + noise);
        return new KnnObjective(Moons.generate(n, noise, seed));
    }

    private static int integer(Map<String, String> o, String key, int dflt) {
        String v = o.get(key);
        if (v == null) return dflt;
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("example-knn option " + key + " must be an integer, got '" + v + "'");
        }
    }

    private static double number(Map<String, String> o, String key, double dflt) {
        String v = o.get(key);
        if (v == null) return dflt;
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("example-knn option " + key + " must be a number, got '" + v + "'");
        }
    }
}
