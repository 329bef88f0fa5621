package dev.hyperopt.engine.sample.tpe;

import dev.hyperopt.engine.sample.Observation;
import dev.hyperopt.engine.sample.Sampler;
import dev.hyperopt.engine.sample.SamplingContext;
import dev.hyperopt.engine.sample.anneal.AnnealSampler;
import dev.hyperopt.engine.sample.random.PriorSampler;
import dev.hyperopt.engine.sample.Seeds;
import dev.hyperopt.engine.space.Assignment;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Prints the time of one suggestion with a given number of finished trials on the
 * 10-parameter mixed space overhead10 (wall-clock median, mean and 90th percentile,
 * and the median of the thread's CPU time, which a busy machine disturbs less; over 400
 * calls after 400 warm-up calls). Run by hand: {@code java -cp ... dev.hyperopt.engine.sample.tpe.SuggestLatency [trials [sampler-name-prefix]]}.
 */
public final class SuggestLatency {
    private SuggestLatency() {}

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        Problems.Problem p = Problems.OVERHEAD10;
        List<Observation> history = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            Assignment a = PriorSampler.sample(p.space(), Seeds.stream(99, t));
            history.add(Observation.ok(t, a.values(), p.evaluate(a)));
        }
        Sampler[] samplers = {new HyperoptTpeSampler(), new TpeSampler(), new TpeSampler(TpeOptions.DEFAULTS.withMultivariate(false)), new AnnealSampler()};
        String[] names = {"tpe-hyperopt", "tpe (multivariate)", "tpe (univariate)", "anneal"};
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int s = 0; s < samplers.length; s++) {
            if (args.length > 1 && !names[s].startsWith(args[1])) continue;
            int reps = 400;
            double[] us = new double[reps];
            double[] cpu = new double[reps];
            for (int r = 0; r < 2 * reps; r++) {
                long c0 = threads.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                samplers[s].suggest(new SamplingContext(p.space(), history, 7, n + r));
                long el = System.nanoTime() - t0;
                long cel = threads.getCurrentThreadCpuTime() - c0;
                if (r >= reps) {
                    us[r - reps] = el / 1e3;
                    cpu[r - reps] = cel / 1e3;
                }
            }
            Arrays.sort(us);
            Arrays.sort(cpu);
            System.out.printf("%-20s %d trials: wall median %.0f us, mean %.0f us, p90 %.0f us; cpu median %.0f us%n", names[s], n,
                    us[reps / 2], Arrays.stream(us).average().orElse(0), us[(int) (reps * 0.9)], cpu[reps / 2]);
        }
    }
}
