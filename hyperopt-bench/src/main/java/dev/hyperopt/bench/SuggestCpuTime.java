package dev.hyperopt.bench;

import dev.hyperopt.suite.Algorithms;
import dev.hyperopt.suite.BenchProblem;
import dev.hyperopt.suite.Suite;
import dev.hyperopt.engine.inject.Engine;
import dev.hyperopt.engine.sample.Observation;
import dev.hyperopt.engine.sample.Sampler;
import dev.hyperopt.engine.sample.SamplingContext;
import dev.hyperopt.engine.sample.Seeds;
import dev.hyperopt.engine.sample.random.PriorSampler;
import dev.hyperopt.engine.space.Assignment;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The same measurement as {@link SuggestLatencyBenchmark}, as the thread's CPU time per
 * suggestion (median over {@code reps} calls after as many warm-up calls): on a shared,
 * loaded machine wall-clock times mostly measure the other processes, CPU time much less.
 * Usage: {@code SuggestCpuTime [algos [histories [reps]]]}, e.g.
 * {@code SuggestCpuTime tpe,tpe-hyperopt 10,100,1000,2000 400}; prints one line per pair.
 */
public final class SuggestCpuTime {
    private SuggestCpuTime() {}

    public static void main(String[] args) throws IOException {
        String[] algos = (args.length > 0 ? args[0] : "tpe,tpe-hyperopt,anneal").split(",");
        String[] sizes = (args.length > 1 ? args[1] : "10,25,100,250,500,1000,2000").split(",");
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 400;
        BenchProblem problem = Suite.load(SuggestLatencyBenchmark.problems()).problem("overhead10");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (String algo : algos) {
            Sampler sampler = Algorithms.sampler(algo, Engine.standard()::sampler);
            for (String size : sizes) {
                int n = Integer.parseInt(size);
                List<Observation> history = new ArrayList<>(n);
                for (int t = 0; t < n; t++) {
                    Assignment a = PriorSampler.sample(problem.space(), Seeds.stream(99, t));
                    history.add(Observation.ok(t, a.values(), problem.evaluate(a, 0, t).observed()));
                }
                history = List.copyOf(history);
                double[] cpu = new double[reps];
                for (int r = 0; r < 2 * reps; r++) {
                    long c0 = threads.getCurrentThreadCpuTime();
                    sampler.suggest(new SamplingContext(problem.space(), history, 7, n + r));
                    long c = threads.getCurrentThreadCpuTime() - c0;
                    if (r >= reps) cpu[r - reps] = c / 1e3;
                }
                Arrays.sort(cpu);
                System.out.printf(Locale.ROOT, "%-14s %5d trials: cpu median %8.1f us, p90 %8.1f us%n", algo, n, cpu[reps / 2],
                        cpu[(int) (reps * 0.9)]);
            }
        }
    }
}
