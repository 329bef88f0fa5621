package dev.hyperopt.engine.sample.tpe;

import dev.hyperopt.engine.sample.Sampler;
import dev.hyperopt.engine.sample.anneal.AnnealSampler;
import dev.hyperopt.engine.sample.random.RandomSampler;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Prints the mean best loss of each sampler (and of a few TPE option sets) over fixed
 * seeds on branin, hartmann6 and cash_synth: the comparison behind {@link TpeOptions#DEFAULTS}.
 * Run by hand: {@code java -cp ... dev.hyperopt.engine.sample.tpe.SamplerComparison [seeds [budget [name-regex]]]}.
 */
public final class SamplerComparison {
    private SamplerComparison() {}

    public static void main(String[] args) {
        int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int budget = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        Map<String, Sampler> samplers = new LinkedHashMap<>();
        samplers.put("random", new RandomSampler());
        samplers.put("anneal", new AnnealSampler());
        samplers.put("tpe-hyperopt", new HyperoptTpeSampler());
        TpeOptions d = TpeOptions.DEFAULTS;
        samplers.put("tpe (defaults)", new TpeSampler(d));
        samplers.put("tpe univariate", new TpeSampler(d.withMultivariate(false)));
        samplers.put("tpe gamma=0.25", new TpeSampler(d.withGamma(0.25)));
        samplers.put("tpe startup=20", new TpeSampler(d.withStartup(20)));
        samplers.put("tpe univ+ends", new TpeSampler(d.withMultivariate(false).withConsiderEndpoints(true)));
        samplers.put("tpe gamma=0.15", new TpeSampler(d.withGamma(0.15)));
        samplers.put("tpe no liar", new TpeSampler(d.withConstantLiar(false)));
        System.out.printf("mean best loss over %d seeds after %d trials%n", seeds, budget);
        System.out.printf("%-16s %12s %12s %12s%n", "sampler", "branin", "hartmann6", "cash_synth");
        for (Map.Entry<String, Sampler> e : samplers.entrySet()) {
            if (args.length > 2 && !e.getKey().matches(args[2])) continue;
            long t0 = System.nanoTime();
            double b = Problems.meanBest(e.getValue(), Problems.BRANIN, seeds, budget);
            double h = Problems.meanBest(e.getValue(), Problems.HARTMANN6, seeds, budget);
            double c = Problems.meanBest(e.getValue(), Problems.CASH, seeds, budget);
            System.out.printf("%-16s %12.5f %12.5f %12.5f   (%.1f s)%n", e.getKey(), b, h, c, (System.nanoTime() - t0) / 1e9);
        }
    }
}
