package dev.hyperopt.engine.prune;

import dev.hyperopt.engine.api.Intermediate;
import dev.hyperopt.engine.api.Trial;
import dev.hyperopt.engine.api.TrialState;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Trials with learning curves, as stores hold them, and the contexts a pruner is asked with. */
final class Studies {
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private Studies() {}

    /** Values reported at steps 1, 2, 3, ... */
    static List<Intermediate> curve(double... values) {
        List<Intermediate> out = new ArrayList<>();
        for (int i = 0; i < values.length; i++) out.add(new Intermediate(i + 1, values[i]));
        return out;
    }

    /** Values at the given steps: {@code at(1, 0.5, 4, 0.3)} is step 1 value 0.5, step 4 value 0.3. */
    static List<Intermediate> at(double... stepValuePairs) {
        List<Intermediate> out = new ArrayList<>();
        for (int i = 0; i < stepValuePairs.length; i += 2) out.add(new Intermediate((long) stepValuePairs[i], stepValuePairs[i + 1]));
        return out;
    }

    /** The same value at steps 1 to {@code steps}. */
    static List<Intermediate> flat(double value, int steps) {
        double[] v = new double[steps];
        java.util.Arrays.fill(v, value);
        return curve(v);
    }

    /** A trial that finished ok {@code number} seconds after the start, its loss its last value. */
    static Trial ok(long number, List<Intermediate> curve) {
        return ok(number, curve.get(curve.size() - 1).value(), curve, START.plusSeconds(number + 1));
    }

    static Trial ok(long number, double loss, List<Intermediate> curve, Instant finished) {
        return new Trial(number, TrialState.OK, new double[0], Map.of(), null, loss, Map.of(), null,
                START.plusSeconds(number), finished, curve);
    }

    static Trial pruned(long number, List<Intermediate> curve) {
        return new Trial(number, TrialState.PRUNED, new double[0], Map.of(), null, Double.NaN, Map.of(), null,
                START.plusSeconds(number), START.plusSeconds(number + 1), curve);
    }

    static Trial failed(long number, List<Intermediate> curve) {
        return new Trial(number, TrialState.FAIL, new double[0], Map.of(), null, Double.NaN, Map.of(), "diverged",
                START.plusSeconds(number), START.plusSeconds(number + 1), curve);
    }

    /** A trial still running, with what it reported so far. */
    static Trial running(long number, List<Intermediate> curve) {
        Trial t = Trial.running(number, new double[0], Map.of(), null, START.plusSeconds(number));
        for (Intermediate v : curve) t = t.withIntermediate(v);
        return t;
    }

    /**
     * The context of trial {@code number} having just reported the last value of {@code curve}:
     * the study holds the others and the trial itself, running, as the run loop shows it.
     */
    static PruningContext judge(long number, List<Intermediate> curve, List<Trial> others) {
        List<Trial> study = new ArrayList<>(others);
        study.add(running(number, curve));
        return new PruningContext(number, curve, study);
    }

    /** The decisions at each report of {@code curve}, as the trial reports it value by value. */
    static List<Boolean> decisions(Pruner pruner, long number, List<Intermediate> curve, List<Trial> others) {
        List<Boolean> out = new ArrayList<>();
        for (int i = 1; i <= curve.size(); i++) out.add(pruner.prune(judge(number, curve.subList(0, i), others)));
        return out;
    }
}
