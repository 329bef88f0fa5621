package dev.hyperopt.suite.fidelity;

import java.util.Map;

/**
 * One way of searching that the bench compares: a sampler with a pruner, run by this engine,
 * or one of the Optuna anchors run by the Python script. Written {@code ALGO[+PRUNER[:KEY=VALUE,...]]}
 * ({@code tpe}, {@code tpe+asha}, {@code rand+asha:reduction_factor=4}) or
 * {@code optuna:PRUNER} ({@code optuna:hyperband}, {@code optuna:sha}, {@code optuna:none});
 * a pruner named without options gets the bench's settings ({@link #DEFAULT_PRUNERS}).
 *
 * @param name      as reports show it: the text given, without the default options
 * @param algorithm the sampler (for Optuna arms, {@code optuna-tpe})
 * @param pruner    the pruner spec handed to the engine or the script, {@code none} for none
 * @param optuna    whether the Python script runs it
 */
public record Arm(String name, String algorithm, String pruner, boolean optuna) {

    /**
     * The bench's pruner settings where the arm names a pruner alone: successive halving from
     * step 1 with reduction factor 3 (rungs at 1, 3, 9, 27 steps), as Optuna's anchors run it.
     */
    public static final Map<String, String> DEFAULT_PRUNERS = Map.of(
            "asha", "asha:min_resource=1,reduction_factor=3",
            "hyperband", "hyperband:min_resource=1,reduction_factor=3");

    /** The pruners the Python script runs with Optuna 3.1. */
    public static final java.util.List<String> OPTUNA_PRUNERS = java.util.List.of("none", "hyperband", "sha");

    /**
     * @throws IllegalArgumentException for an empty part or an Optuna pruner the script does not run
     */
    public static Arm parse(String text) {
        String t = text.trim();
        if (t.startsWith("optuna:")) {
            String pruner = t.substring("optuna:".length());
            if (!OPTUNA_PRUNERS.contains(pruner)) {
                throw new IllegalArgumentException("arm '" + text + "': the Optuna anchors run " + String.join(", ", OPTUNA_PRUNERS));
            }
            return new Arm(t, "optuna-tpe", pruner, true);
        }
        int plus = t.indexOf('+');
        String algo = plus < 0 ? t : t.substring(0, plus);
        String pruner = plus < 0 ? "none" : t.substring(plus + 1);
        if (algo.isEmpty() || pruner.isEmpty()) throw new IllegalArgumentException("arm '" + text + "': expected ALGO[+PRUNER[:KEY=VALUE,...]]");
        return new Arm(t, algo, DEFAULT_PRUNERS.getOrDefault(pruner, pruner), false);
    }

    /** Whether the arm stops trials early. */
    public boolean prunes() {
        return !pruner.equals("none");
    }
}
