package dev.hyperopt.suite;

import dev.hyperopt.engine.sample.Observation;
import dev.hyperopt.engine.sample.Sampler;
import dev.hyperopt.engine.sample.SamplingContext;
import dev.hyperopt.engine.space.Assignment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs optimizers on the suite's problems in process: a serial ask/tell loop with the
 * sampler, the run's seed being the seed index (it also keys the noise), evaluation k
 * being trial k, exactly as the reference runs were made.
 */
public final class BenchRunner {
    private BenchRunner() {}

    /** The checkpoints of {@code problem} that fit in {@code budget}, with the budget itself last. */
    public static List<Integer> checkpoints(BenchProblem problem, int budget) {
        List<Integer> out = new ArrayList<>();
        for (int c : problem.checkpoints()) if (c < budget) out.add(c);
        out.add(budget);
        return out;
    }

    /** One run of {@code budget} evaluations. */
    public static BenchRun run(BenchProblem problem, String algo, Sampler sampler, long seed, int budget) {
        List<Integer> checkpoints = checkpoints(problem, budget);
        double[] best = new double[checkpoints.size()];
        double[] incumbentTrue = new double[checkpoints.size()];
        List<Observation> history = new ArrayList<>(budget);
        double incumbent = Double.POSITIVE_INFINITY;
        double incumbentTrueLoss = Double.NaN;
        int incumbentIndex = -1;
        Assignment incumbentPoint = null;
        int next = 0;
        long t0 = System.nanoTime();
        for (int k = 0; k < budget; k++) {
            Assignment a = sampler.suggest(new SamplingContext(problem.space(), history, seed, k));
            Formulas.Loss loss = problem.evaluate(a, seed, k);
            history.add(Observation.ok(k, a.values(), loss.observed()));
            if (loss.observed() < incumbent) {
                incumbent = loss.observed();
                incumbentTrueLoss = loss.trueLoss();
                incumbentIndex = k;
                incumbentPoint = a;
            }
            if (next < checkpoints.size() && k + 1 == checkpoints.get(next)) {
                best[next] = incumbent;
                incumbentTrue[next] = incumbentTrueLoss;
                next++;
            }
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        Map<String, Object> params = incumbentPoint == null ? Map.of() : problem.params(incumbentPoint);
        return new BenchRun(problem.name(), algo, seed, budget, budget, checkpoints, best, incumbentTrue, incumbent,
                incumbentIndex, params, wall);
    }

    /**
     * Every (problem, algorithm, seed) run, {@code jobs} at a time; returned in that order.
     *
     * @param budget evaluations per run; 0 = each problem's own budget
     */
    public static List<BenchRun> runAll(List<BenchProblem> problems, Map<String, Sampler> algos, List<Long> seeds, int budget,
                                        int jobs) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, jobs));
        try {
            List<Future<BenchRun>> futures = new ArrayList<>();
            for (BenchProblem p : problems) {
                int b = budget > 0 ? budget : p.budget();
                for (Map.Entry<String, Sampler> a : new LinkedHashMap<>(algos).entrySet()) {
                    for (long s : seeds) futures.add(pool.submit(() -> run(p, a.getKey(), a.getValue(), s, b)));
                }
            }
            List<BenchRun> out = new ArrayList<>(futures.size());
            for (Future<BenchRun> f : futures) {
                try {
                    out.add(f.get());
                } catch (ExecutionException e) {
                    Throwable c = e.getCause();
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
