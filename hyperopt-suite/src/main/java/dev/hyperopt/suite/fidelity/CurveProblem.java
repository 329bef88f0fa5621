package dev.hyperopt.suite.fidelity;

import dev.hyperopt.dsl.ir.SearchSpace;

import java.util.List;

/**
 * One problem of the multi-fidelity bench: a space whose configurations each report a
 * learning curve of {@code maxSteps} steps, and a budget in total steps for a whole search.
 *
 * @param stepUnit   what a step is ({@code epoch}, {@code fold}, {@code step}), for reports
 * @param bestFinal  the lowest final loss the problem has (the best recorded configuration,
 *                   or the formula's known minimum), NaN when unknown
 * @param extraArms  arms worth running on this problem beyond the default ones (e.g. {@code tpe+wilcoxon} where steps are folds)
 */
public record CurveProblem(String name, String description, SearchSpace space, int maxSteps, int budget, String stepUnit,
                           CurveSource source, double bestFinal, List<String> extraArms) {

    public CurveProblem {
        if (maxSteps < 1) throw new IllegalArgumentException(name + ": max_steps must be >= 1, got " + maxSteps);
        if (budget < maxSteps) throw new IllegalArgumentException(name + ": the budget (" + budget + " steps) is less than one full run ("
                + maxSteps + ")");
        extraArms = List.copyOf(extraArms);
    }

    /** The same problem with another budget of steps. */
    public CurveProblem withBudget(int steps) {
        return new CurveProblem(name, description, space, maxSteps, steps, stepUnit, source, bestFinal, extraArms);
    }

    /**
     * The curve of a configuration, checked against the problem's number of steps.
     *
     * @throws IllegalArgumentException when the source knows no such configuration
     */
    public Curve curve(Object configValue) {
        Curve c = source.curve(ConfigParams.flatten(configValue));
        if (c.steps() != maxSteps) {
            throw new IllegalStateException(name + ": a curve of " + c.steps() + " steps, the problem has " + maxSteps);
        }
        return c;
    }
}
