package dev.hyperopt.suite.fidelity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.hyperopt.suite.BenchReport.num;

/**
 * The results of a multi-fidelity bench run: every search, and per problem and arm the final
 * loss over seeds (mean, standard deviation, median, min, max) and the steps each arm took to
 * reach the final loss of the baseline (TPE without pruning) with the same seed, as a ratio to
 * the steps the baseline itself took to get there. Then a Markdown report of the same.
 */
public final class FidelityReport {
    private FidelityReport() {}

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The schema name of the results document. */
    public static final String SCHEMA = "hyperopt-bench-multifidelity-results/1";

    /**
     * @param baseline the arm whose final loss is the target of the steps ratio ({@code tpe})
     * @param optuna   the Optuna version the anchors ran with, or null when they did not run
     */
    public static ObjectNode toJson(List<CurveProblem> problems, List<Arm> arms, String baseline, List<Long> seeds,
                                    List<FidelityRun> runs, String command, String optuna, int jobs, double elapsed) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schema", SCHEMA);
        root.put("command", command);
        root.put("baseline", baseline);
        ArrayNode s = root.putArray("seeds");
        seeds.forEach(s::add);
        if (optuna != null) root.put("optuna", optuna);
        root.put("jobs", jobs);
        root.put("elapsed_s", Math.round(elapsed * 10) / 10.0);
        root.put("java", System.getProperty("java.version"));
        root.put("cpus", Runtime.getRuntime().availableProcessors());
        ArrayNode armList = root.putArray("arms");
        for (Arm a : arms) {
            ObjectNode n = armList.addObject();
            n.put("name", a.name());
            n.put("algorithm", a.algorithm());
            n.put("pruner", a.pruner());
            n.put("by", a.optuna() ? "optuna" : "hyperopt");
        }
        ObjectNode summary = root.putObject("summary");
        for (CurveProblem p : problems) {
            ObjectNode ps = summary.putObject(p.name());
            ps.put("description", p.description());
            ps.put("max_steps", p.maxSteps());
            ps.put("step_unit", p.stepUnit());
            ps.put("budget", p.budget());
            putNumber(ps, "best_final", p.bestFinal());
            Map<Long, FidelityRun> base = new HashMap<>();
            for (FidelityRun r : runs) if (r.problem().equals(p.name()) && r.arm().equals(baseline)) base.put(r.seed(), r);
            ObjectNode as = ps.putObject("arms");
            for (Arm a : arms) {
                List<FidelityRun> mine = new ArrayList<>();
                for (FidelityRun r : runs) if (r.problem().equals(p.name()) && r.arm().equals(a.name())) mine.add(r);
                if (mine.isEmpty()) continue;
                as.set(a.name(), armSummary(mine, base));
            }
        }
        ArrayNode all = root.putArray("runs");
        for (FidelityRun r : runs) {
            ObjectNode n = all.addObject();
            n.put("problem", r.problem());
            n.put("arm", r.arm());
            n.put("seed", r.seed());
            n.put("budget", r.budget());
            n.put("horizon", r.horizon());
            putNumber(n, "final_loss", r.finalLoss());
            n.put("steps_used", r.stepsUsed());
            n.put("trials", r.trials());
            n.put("completed", r.completed());
            n.put("pruned", r.pruned());
            n.put("wall_s", Math.round(r.wallSeconds() * 1000) / 1000.0);
            ArrayNode imp = n.putArray("improvements");
            for (double[] i : r.improvements()) imp.addArray().add((int) i[0]).add(i[1]);
        }
        return root;
    }

    private static ObjectNode armSummary(List<FidelityRun> mine, Map<Long, FidelityRun> base) {
        ObjectNode n = MAPPER.createObjectNode();
        List<Double> finals = new ArrayList<>();
        int missing = 0;
        for (FidelityRun r : mine) {
            if (Double.isNaN(r.finalLoss())) missing++;
            else finals.add(r.finalLoss());
        }
        n.put("n_seeds", mine.size());
        n.put("no_complete_trial", missing);
        n.set("final_loss", stats(finals));
        List<Double> ratios = new ArrayList<>();
        int reached = 0;
        int compared = 0;
        ArrayNode perSeed = n.putArray("steps_ratio_per_seed");
        for (FidelityRun r : mine) {
            FidelityRun b = base.get(r.seed());
            if (b == null || Double.isNaN(b.finalLoss())) {
                perSeed.addNull();
                continue;
            }
            compared++;
            int own = b.stepsToReach(b.finalLoss());
            int steps = r.stepsToReach(b.finalLoss());
            if (steps < 0) {
                perSeed.addNull();
                continue;
            }
            reached++;
            double ratio = (double) steps / own;
            ratios.add(ratio);
            perSeed.add(Math.round(ratio * 1e4) / 1e4);
        }
        // Paired by seed: the same seed starts both searches alike until their pruners differ.
        int better = 0;
        int same = 0;
        int worse = 0;
        for (FidelityRun r : mine) {
            FidelityRun b = base.get(r.seed());
            if (b == null) continue;
            double x = r.finalLoss();
            double y = b.finalLoss();
            if (Double.isNaN(x) && Double.isNaN(y) || x == y) same++;
            else if (Double.isNaN(y) || x < y) better++;
            else worse++;
        }
        ObjectNode paired = n.putObject("vs_baseline");
        paired.put("better", better);
        paired.put("equal", same);
        paired.put("worse", worse);
        n.put("baseline_reached", reached);
        n.put("baseline_compared", compared);
        // Seeds that never reached the target count as infinitely slow: the median is over all compared seeds.
        List<Double> withMisses = new ArrayList<>(ratios);
        for (int i = reached; i < compared; i++) withMisses.add(Double.POSITIVE_INFINITY);
        putNumber(n, "steps_ratio_median", median(withMisses));
        putNumber(n, "trials_mean", mean(mine, FidelityRun::trials));
        putNumber(n, "completed_mean", mean(mine, FidelityRun::completed));
        putNumber(n, "pruned_mean", mean(mine, FidelityRun::pruned));
        putNumber(n, "steps_used_mean", mean(mine, FidelityRun::stepsUsed));
        double wall = 0;
        for (FidelityRun r : mine) wall += r.wallSeconds();
        putNumber(n, "wall_s_mean", wall / mine.size());
        return n;
    }

    private static double mean(List<FidelityRun> runs, java.util.function.ToIntFunction<FidelityRun> f) {
        double s = 0;
        for (FidelityRun r : runs) s += f.applyAsInt(r);
        return s / runs.size();
    }

    private static ObjectNode stats(List<Double> xs) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("n", xs.size());
        if (xs.isEmpty()) return n;
        double sum = 0;
        for (double x : xs) sum += x;
        double mean = sum / xs.size();
        double ss = 0;
        for (double x : xs) ss += (x - mean) * (x - mean);
        double[] sorted = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        putNumber(n, "mean", mean);
        putNumber(n, "std", xs.size() > 1 ? Math.sqrt(ss / (xs.size() - 1)) : 0.0);
        putNumber(n, "median", median(xs));
        putNumber(n, "min", sorted[0]);
        putNumber(n, "max", sorted[sorted.length - 1]);
        return n;
    }

    static double median(List<Double> xs) {
        if (xs.isEmpty()) return Double.NaN;
        double[] s = xs.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }

    /** Finite numbers as numbers, infinity as the string "inf", NaN as null. */
    private static void putNumber(ObjectNode n, String key, double v) {
        if (Double.isNaN(v)) n.putNull(key);
        else if (Double.isInfinite(v)) n.put(key, v > 0 ? "inf" : "-inf");
        else n.put(key, v);
    }

    private static double number(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) return Double.NaN;
        if (n.isTextual()) return n.asText().startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        return n.asDouble();
    }

    /** The Markdown report of a results document. */
    public static String markdown(JsonNode results) {
        StringBuilder md = new StringBuilder();
        String baseline = results.path("baseline").asText();
        List<String> arms = new ArrayList<>();
        for (JsonNode a : results.path("arms")) arms.add(a.path("name").asText());
        int seeds = results.path("seeds").size();
        md.append("# Multi-fidelity bench\n\n");
        md.append("`").append(results.path("command").asText()).append("`\n\n");
        md.append(String.format(Locale.ROOT, "%d seeds (%s), %d runs side by side, %.0f s; Java %s, %d CPUs%s.%n%n", seeds,
                seedRange(results.path("seeds")), results.path("jobs").asInt(), results.path("elapsed_s").asDouble(),
                results.path("java").asText(), results.path("cpus").asInt(),
                results.has("optuna") ? ", Optuna " + results.path("optuna").asText() : ""));
        md.append("Final loss: the best final loss of a trial that ran every step within the budget, mean ± standard deviation "
                + "over seeds (the lowest mean of a row in bold). Steps ratio: the steps an arm used until its best final loss "
                + "was at or below the final loss of `" + baseline + "` with the same seed, divided by the steps `" + baseline
                + "` itself took to get there; median over seeds (a seed that never got there counts as infinitely slow), "
                + "and in how many seeds it got there.\n\n");

        md.append("## Final loss at the budget\n\n| problem | budget |");
        for (String a : arms) md.append(' ').append(a).append(" |");
        md.append("\n|---|---|");
        md.append("---|".repeat(arms.size())).append('\n');
        JsonNode summary = results.path("summary");
        for (var it = summary.fields(); it.hasNext(); ) {
            var e = it.next();
            JsonNode p = e.getValue();
            double best = Double.POSITIVE_INFINITY;
            for (String a : arms) {
                JsonNode s = p.path("arms").path(a).path("final_loss");
                if (s.has("mean")) best = Math.min(best, s.path("mean").asDouble());
            }
            md.append("| ").append(e.getKey()).append(" | ").append(p.path("budget").asInt()).append(' ')
                    .append(p.path("step_unit").asText()).append("s |");
            for (String a : arms) {
                JsonNode s = p.path("arms").path(a).path("final_loss");
                if (!s.has("mean")) {
                    md.append(" - |");
                    continue;
                }
                String cell = num(s.path("mean").asDouble()) + " ± " + num(s.path("std").asDouble());
                md.append(' ').append(s.path("mean").asDouble() == best ? "**" + cell + "**" : cell).append(" |");
            }
            md.append('\n');
        }

        verdicts(md, results, baseline);

        md.append("\n## Steps to reach the final loss of `").append(baseline).append("`, as a ratio\n\n| problem |");
        for (String a : arms) md.append(' ').append(a).append(" |");
        md.append("\n|---|").append("---|".repeat(arms.size())).append('\n');
        for (var it = summary.fields(); it.hasNext(); ) {
            var e = it.next();
            md.append("| ").append(e.getKey()).append(" |");
            for (String a : arms) {
                JsonNode s = e.getValue().path("arms").path(a);
                if (s.isMissingNode()) {
                    md.append(" - |");
                    continue;
                }
                md.append(' ').append(ratio(number(s.path("steps_ratio_median")))).append(" (")
                        .append(s.path("baseline_reached").asInt()).append('/').append(s.path("baseline_compared").asInt()).append(") |");
            }
            md.append('\n');
        }

        for (var it = summary.fields(); it.hasNext(); ) {
            var e = it.next();
            JsonNode p = e.getValue();
            md.append("\n### ").append(e.getKey()).append("\n\n").append(p.path("description").asText()).append(' ')
                    .append(String.format(Locale.ROOT, "Budget %d steps (%s full runs of %d %ss)", p.path("budget").asInt(),
                            num(p.path("budget").asDouble() / p.path("max_steps").asDouble()), p.path("max_steps").asInt(),
                            p.path("step_unit").asText()));
            double bestFinal = number(p.path("best_final"));
            if (!Double.isNaN(bestFinal)) md.append("; the best final loss the problem has: ").append(num(bestFinal));
            md.append(".\n\n| arm | final loss | median | min | max | seeds better/equal/worse than `").append(baseline)
                    .append("` | steps ratio | trials | ran every step | pruned | wall s per run |\n")
                    .append("|---|---|---|---|---|---|---|---|---|---|---|\n");
            for (String a : arms) {
                JsonNode s = p.path("arms").path(a);
                if (s.isMissingNode()) continue;
                JsonNode f = s.path("final_loss");
                md.append("| ").append(a).append(" | ");
                if (f.has("mean")) {
                    md.append(num(f.path("mean").asDouble())).append(" ± ").append(num(f.path("std").asDouble())).append(" | ")
                            .append(num(f.path("median").asDouble())).append(" | ").append(num(f.path("min").asDouble())).append(" | ")
                            .append(num(f.path("max").asDouble()));
                } else {
                    md.append("- | - | - | -");
                }
                if (s.path("no_complete_trial").asInt() > 0) md.append(" (").append(s.path("no_complete_trial").asInt()).append(" seeds: none)");
                md.append(" | ").append(paired(s));
                md.append(" | ").append(ratio(number(s.path("steps_ratio_median")))).append(" (").append(s.path("baseline_reached").asInt())
                        .append('/').append(s.path("baseline_compared").asInt()).append(") | ")
                        .append(String.format(Locale.ROOT, "%.1f | %.1f | %.1f | %.2f |%n", s.path("trials_mean").asDouble(),
                                s.path("completed_mean").asDouble(), s.path("pruned_mean").asDouble(), s.path("wall_s_mean").asDouble()));
            }
        }
        return md.toString();
    }

    /**
     * Per problem, this engine's best pruning arm with the baseline's sampler (the lowest mean
     * final loss among {@code BASELINE+PRUNER} arms) against the baseline and the Optuna
     * anchors that ran: the difference of means, negative when ours is lower.
     */
    private static void verdicts(StringBuilder md, JsonNode results, String baseline) {
        List<String> anchors = new ArrayList<>();
        for (JsonNode a : results.path("arms")) if (a.path("by").asText().equals("optuna")) anchors.add(a.path("name").asText());
        md.append("\n## The best pruner with `").append(baseline).append("` against `").append(baseline).append("` alone");
        if (!anchors.isEmpty()) md.append(" and the Optuna anchors");
        md.append("\n\n| problem | best pruning arm | its final loss | steps ratio | seeds better/equal/worse | vs `").append(baseline).append('`');
        for (String a : anchors) md.append(" | vs `").append(a).append('`');
        md.append(" |\n|---|---|---|---|---|---|").append("---|".repeat(anchors.size())).append('\n');
        for (var it = results.path("summary").fields(); it.hasNext(); ) {
            var e = it.next();
            JsonNode arms = e.getValue().path("arms");
            String best = null;
            double bestMean = Double.POSITIVE_INFINITY;
            for (var a = arms.fields(); a.hasNext(); ) {
                var arm = a.next();
                if (!arm.getKey().startsWith(baseline + "+")) continue;
                double m = number(arm.getValue().path("final_loss").path("mean"));
                if (m < bestMean) {
                    bestMean = m;
                    best = arm.getKey();
                }
            }
            if (best == null) continue;
            md.append("| ").append(e.getKey()).append(" | ").append(best).append(" | ").append(num(bestMean)).append(" | ")
                    .append(ratio(number(arms.path(best).path("steps_ratio_median")))).append(" | ").append(paired(arms.path(best)));
            md.append(" | ").append(difference(bestMean, arms.path(baseline)));
            for (String a : anchors) md.append(" | ").append(difference(bestMean, arms.path(a)));
            md.append(" |\n");
        }
    }

    private static String paired(JsonNode arm) {
        JsonNode p = arm.path("vs_baseline");
        return p.path("better").asInt() + "/" + p.path("equal").asInt() + "/" + p.path("worse").asInt();
    }

    private static String difference(double ours, JsonNode other) {
        double m = number(other.path("final_loss").path("mean"));
        if (Double.isNaN(m)) return "-";
        double d = ours - m;
        if (Math.abs(d) <= 1e-12 * Math.max(1, Math.abs(m))) return "equal (" + num(m) + ")";
        return (d < 0 ? "better by " : "worse by ") + num(Math.abs(d)) + " (" + num(m) + ")";
    }

    private static String ratio(double r) {
        if (Double.isNaN(r)) return "-";
        if (Double.isInfinite(r)) return "not reached";
        return String.format(Locale.ROOT, "%.2f", r);
    }

    private static String seedRange(JsonNode seeds) {
        if (seeds.isEmpty()) return "none";
        long first = seeds.get(0).asLong();
        long last = seeds.get(seeds.size() - 1).asLong();
        return last - first + 1 == seeds.size() ? first + "-" + last : seeds.toString();
    }
}
