package dev.hyperopt.engine.run;

import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.engine.api.Objective;

/**
 * The entry point of the Java API, after Hyperopt's {@code fmin}:
 * <pre>{@code
 * Result r = Hyperopt.minimize(space, ctx -> Outcome.ok(loss(ctx.config())))
 *         .algorithm("tpe").maxEvals(200).seed(1).run();
 * }</pre>
 */
public final class Hyperopt {
    private Hyperopt() {}

    /** A run to set up and start; samplers come from the engine with every family on the class path. */
    public static Minimize minimize(SearchSpace space, Objective objective) {
        return new Minimize(space, objective);
    }

    /** A study to drive by hand, trial by trial: {@link Study#ask()}, then {@link Study#tell}. */
    public static Study.Builder study(SearchSpace space) {
        return new Study.Builder(space);
    }
}
