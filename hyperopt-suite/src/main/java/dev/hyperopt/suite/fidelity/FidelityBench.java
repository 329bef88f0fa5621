package dev.hyperopt.suite.fidelity;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A whole multi-fidelity bench run: every arm on every problem with every seed, this engine's
 * arms in process and the Optuna arms through the Python script (one process per problem and
 * arm, its seeds one after the other), {@code jobs} of them at a time.
 */
public final class FidelityBench {
    private FidelityBench() {}

    /** The arms every problem gets unless others are named; the first is the baseline. */
    public static final List<String> DEFAULT_ARMS = List.of("tpe", "tpe+median", "tpe+asha", "tpe+hyperband", "rand+asha");

    /** The Optuna arms the bench runs when asked for the anchors: its TPE alone, then with each pruner. */
    public static final List<String> OPTUNA_ARMS = List.of("optuna:none", "optuna:hyperband", "optuna:sha");

    /** The arms of one problem: those given, or the defaults and the problem's extra ones. */
    public static List<Arm> armsFor(CurveProblem problem, List<String> given, boolean optuna) {
        Set<String> names = new LinkedHashSet<>();
        if (given.isEmpty()) {
            names.addAll(DEFAULT_ARMS);
            names.addAll(problem.extraArms());
        } else {
            names.addAll(given);
        }
        if (optuna) names.addAll(OPTUNA_ARMS);
        List<Arm> out = new ArrayList<>();
        for (String n : names) out.add(Arm.parse(n));
        return out;
    }

    /**
     * @param horizonFactor the horizon of each search in budgets (1 = the budget)
     * @param anchor        the Python side, or null when no Optuna arm is asked for
     * @return the runs, problem by problem, arm by arm, seed by seed
     */
    public static List<FidelityRun> run(Path problemsFile, List<CurveProblem> problems, List<List<Arm>> arms, List<Long> seeds,
                                        double horizonFactor, int jobs, FidelityRunner runner, OptunaAnchor anchor)
            throws IOException, InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, jobs));
        try {
            List<Future<List<FidelityRun>>> futures = new ArrayList<>();
            for (int i = 0; i < problems.size(); i++) {
                CurveProblem p = problems.get(i);
                int horizon = (int) Math.ceil(p.budget() * horizonFactor);
                for (Arm a : arms.get(i)) {
                    if (a.optuna()) {
                        if (anchor == null) throw new IllegalArgumentException("arm " + a.name() + " needs the Optuna anchors");
                        futures.add(pool.submit(() -> anchor.run(problemsFile, p, a, seeds, horizon)));
                    } else {
                        for (long s : seeds) futures.add(pool.submit((Callable<List<FidelityRun>>) () -> List.of(runner.run(p, a, s, horizon))));
                    }
                }
            }
            List<FidelityRun> out = new ArrayList<>();
            for (Future<List<FidelityRun>> f : futures) {
                try {
                    out.addAll(f.get());
                } catch (ExecutionException e) {
                    Throwable c = e.getCause();
                    if (c instanceof IOException io) throw io;
                    if (c instanceof RuntimeException re) throw re;
                    if (c instanceof Error err) throw err;
                    throw new IllegalStateException(c);
                }
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
