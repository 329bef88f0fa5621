package dev.hyperopt.engine.spi;

import dev.hyperopt.engine.api.Trial;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The one-standard-error rule (Breiman et al., CART, 1984; Hastie, Tibshirani & Friedman,
 * ESL section 7.10) for searches scored by an error rate on a fixed set of validation
 * examples: a known-good configuration is kept unless the best trial beats it by more than
 * one standard error of the best trial's error, {@code sqrt(p (1 - p) / n)}. A search that
 * tries many configurations on a few hundred examples finds one that is lucky on them; its
 * lead over the library's default must be larger than that luck before it replaces it.
 */
public final class OneStandardError {

    private OneStandardError() {}

    /** The chosen trial, and the standard error it was chosen with. */
    public record Choice(Trial trial, double standardError) {
        /** Whether the rule kept a known-good trial over a lower loss. */
        public boolean keptKnownGood(Trial best) {
            return trial.number() != best.number();
        }
    }

    /**
     * The trial to refit: the best known-good trial when its error is within one standard
     * error of {@code best}'s, else {@code best}.
     *
     * @param best      the ok trial with the lowest error
     * @param trials    the study's trials
     * @param knownGood the known-good configurations, as flat {@code {label: value}} maps
     * @param examples  how many validation examples each error was measured on
     */
    public static Choice choose(Trial best, List<Trial> trials, List<Map<String, Object>> knownGood, int examples) {
        Objects.requireNonNull(best, "best");
        Trial kept = null;
        for (Trial t : trials) {
            if (!t.isOk() || knownGood.stream().noneMatch(k -> sameAssignment(k, t.labels()))) continue;
            if (kept == null || t.loss() < kept.loss()) kept = t;
        }
        double se = standardError(best.loss(), examples);
        if (kept != null && !beats(best.loss(), kept.loss(), examples)) return new Choice(kept, se);
        return new Choice(best, se);
    }

    /** The standard error of an error rate {@code p} measured on {@code examples} examples (0 for none). */
    public static double standardError(double p, int examples) {
        double q = Math.min(Math.max(p, 0), 1);
        return examples > 0 ? Math.sqrt(q * (1 - q) / examples) : 0;
    }

    /**
     * Whether an error rate {@code challenger} replaces a kept one, {@code incumbent}: it must be
     * lower by more than its own standard error on {@code examples} examples.
     */
    public static boolean beats(double challenger, double incumbent, int examples) {
        return challenger < incumbent - standardError(challenger, examples);
    }

    /**
     * {@link #choose}, with a line to {@code out} when a known-good trial is kept, naming it
     * as {@code what} ("DL4J's usual MLP").
     */
    public static Trial choose(Trial best, List<Trial> trials, List<Map<String, Object>> knownGood, int examples, String what,
                               PrintWriter out) {
        Choice c = choose(best, trials, knownGood, examples);
        if (c.keptKnownGood(best)) {
            out.printf(Locale.ROOT, "choice:  trial %d (%s, %.4f) kept: trial %d's %.4f is within one standard error (%.4f on %d validation examples)%n",
                    c.trial().number(), what, c.trial().loss(), best.number(), best.loss(), c.standardError(), examples);
        }
        return c.trial();
    }

    /** Whether two flat assignments agree label by label, numbers by value (a store may read 3 back as 3L or 3.0). */
    public static boolean sameAssignment(Map<String, Object> a, Map<String, Object> b) {
        if (!a.keySet().equals(b.keySet())) return false;
        for (Map.Entry<String, Object> e : a.entrySet()) {
            Object x = e.getValue();
            Object y = b.get(e.getKey());
            if (x instanceof Number n && y instanceof Number m) {
                if (Double.compare(n.doubleValue(), m.doubleValue()) != 0) return false;
            } else if (!Objects.equals(x, y)) {
                return false;
            }
        }
        return true;
    }
}
