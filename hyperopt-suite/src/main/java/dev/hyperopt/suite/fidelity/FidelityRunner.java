package dev.hyperopt.suite.fidelity;

import dev.hyperopt.engine.api.Outcome;
import dev.hyperopt.engine.inject.Engine;
import dev.hyperopt.engine.run.Hyperopt;
import dev.hyperopt.engine.run.StopSignal;
import dev.hyperopt.engine.sample.Sampler;
import dev.hyperopt.suite.Algorithms;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs this engine's arms on the multi-fidelity problems: one trial at a time through
 * {@link Hyperopt#minimize}, with the arm's sampler and pruner, the run's seed the seed
 * index. The objective replays the configuration's curve, reporting step after step and
 * stopping when the pruner says so; every report uses one step of the run's budget. When
 * the budget is spent the objective raises the run's stop signal, so the run ends with the
 * trial it was in (that trial counts only for the steps it used).
 */
public final class FidelityRunner {
    private final Engine engine;

    public FidelityRunner(Engine engine) {
        this.engine = engine;
    }

    /**
     * Checks that the engine has the arm's sampler and pruner, so that a bad arm fails before any run.
     *
     * @throws IllegalArgumentException naming what is unknown
     */
    public void check(Arm arm) {
        if (arm.optuna()) return;
        Algorithms.sampler(arm.algorithm(), engine::sampler);
        engine.pruner(arm.pruner());
    }

    /**
     * One search.
     *
     * @param horizon steps the search may use; the budget or more
     */
    public FidelityRun run(CurveProblem problem, Arm arm, long seed, int horizon) {
        if (arm.optuna()) throw new IllegalArgumentException("arm " + arm.name() + " is run by the Python script");
        if (horizon < problem.budget()) throw new IllegalArgumentException("the horizon (" + horizon + ") is below the budget");
        Sampler sampler = Algorithms.sampler(arm.algorithm(), engine::sampler);
        StopSignal stop = new StopSignal();
        Replay replay = new Replay(problem, horizon, stop);
        long t0 = System.nanoTime();
        Hyperopt.minimize(problem.space(), ctx -> replay.trial(ctx))
                .engine(engine)
                .sampler(arm.algorithm(), sampler)
                .pruner(arm.pruner())
                .seed(seed)
                .maxEvals(horizon + 1)
                .stopSignal(stop)
                .run();
        double wall = (System.nanoTime() - t0) / 1e9;
        return new FidelityRun(problem.name(), arm.name(), seed, problem.budget(), horizon, replay.improvements, replay.used,
                replay.trials, replay.completed, replay.pruned, wall);
    }

    /** The objective of one run, counting steps; trials run one at a time, so plain fields do. */
    private static final class Replay {
        final CurveProblem problem;
        final int horizon;
        final StopSignal stop;
        final List<double[]> improvements = new ArrayList<>();
        double best = Double.POSITIVE_INFINITY;
        int used;
        int trials;
        int completed;
        int pruned;

        Replay(CurveProblem problem, int horizon, StopSignal stop) {
            this.problem = problem;
            this.horizon = horizon;
            this.stop = stop;
        }

        Outcome trial(dev.hyperopt.engine.api.TrialContext ctx) {
            Curve curve = problem.curve(ctx.config().value());
            trials++;
            for (int t = 1; t <= curve.steps(); t++) {
                if (used >= horizon) {
                    stop.request();
                    return Outcome.fail("the step budget is spent");
                }
                used++;
                ctx.report(t, curve.at(t));
                if (t < curve.steps() && ctx.shouldPrune()) {
                    pruned++;
                    return Outcome.pruned();
                }
            }
            completed++;
            if (curve.finalLoss() < best) {
                best = curve.finalLoss();
                improvements.add(new double[] {used, best});
            }
            if (used >= horizon) stop.request();
            return Outcome.ok(curve.finalLoss());
        }
    }
}
