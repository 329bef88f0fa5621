package dev.hyperopt.suite;

import dev.hyperopt.engine.sample.Sampler;
import dev.hyperopt.engine.sample.tpe.TpeOptions;
import dev.hyperopt.engine.sample.tpe.TpeSampler;

import java.util.function.Function;

/**
 * Algorithm names as the bench takes them: an engine algorithm name ({@code tpe},
 * {@code tpe-hyperopt}, {@code anneal}, {@code rand}), or {@code tpe:KEY=VALUE,...} for
 * the default TPE with some options changed, so that each of its choices can be measured
 * on its own ({@code tpe:rankWeights=0,startup=10}). {@code tpe:optuna} starts from
 * Optuna's defaults instead ({@link TpeOptions#OPTUNA}), e.g. {@code tpe:optuna,multivariate=true}.
 */
public final class Algorithms {
    private Algorithms() {}

    /**
     * @param byName the engine's samplers by name
     * @throws IllegalArgumentException for an unknown name, key or malformed value
     */
    public static Sampler sampler(String spec, Function<String, Sampler> byName) {
        int colon = spec.indexOf(':');
        if (colon < 0) return byName.apply(spec);
        if (!spec.substring(0, colon).equals(TpeSampler.NAME)) {
            throw new IllegalArgumentException("options are only taken by tpe, not '" + spec.substring(0, colon) + "'");
        }
        return new TpeSampler(tpeOptions(spec.substring(colon + 1)));
    }

    /** The default TPE options with {@code KEY=VALUE,...} applied in order. */
    public static TpeOptions tpeOptions(String changes) {
        TpeOptions o = TpeOptions.DEFAULTS;
        for (String item : changes.split(",")) {
            if (item.isBlank()) continue;
            if (item.equals("optuna")) {
                o = TpeOptions.OPTUNA;
                continue;
            }
            int eq = item.indexOf('=');
            if (eq < 0) throw new IllegalArgumentException("expected KEY=VALUE in tpe options, got '" + item + "'");
            String key = item.substring(0, eq).trim();
            String v = item.substring(eq + 1).trim();
            try {
                o = switch (key) {
                    case "gamma" -> o.withGamma(Double.parseDouble(v));
                    case "startup" -> o.withStartup(Integer.parseInt(v));
                    case "candidates" -> o.withCandidates(Integer.parseInt(v));
                    case "priorWeight" -> o.withPriorWeight(Double.parseDouble(v));
                    case "multivariate" -> o.withMultivariate(bool(v));
                    case "constantLiar" -> o.withConstantLiar(bool(v));
                    case "considerEndpoints" -> o.withConsiderEndpoints(bool(v));
                    case "adaptiveWidths" -> o.withAdaptiveWidths(bool(v));
                    case "rankWeights" -> o.withRankWeights(Double.parseDouble(v));
                    case "clipByHistory" -> o.withClipByHistory(bool(v));
                    case "failedAsWorst" -> o.withFailedAsWorst(bool(v));
                    default -> throw new IllegalArgumentException("unknown tpe option '" + key + "'; known: gamma, startup, "
                            + "candidates, priorWeight, multivariate, constantLiar, considerEndpoints, adaptiveWidths, "
                            + "rankWeights, clipByHistory, failedAsWorst");
                };
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("tpe option " + key + ": not a number: '" + v + "'");
            }
        }
        return o;
    }

    private static boolean bool(String v) {
        if (v.equals("true")) return true;
        if (v.equals("false")) return false;
        throw new IllegalArgumentException("expected true or false, got '" + v + "'");
    }
}
