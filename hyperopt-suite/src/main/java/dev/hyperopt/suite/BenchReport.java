package dev.hyperopt.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Bench results in the shape of the reference results ({@code anchors/quality.json}:
 * schema, environment, seeds, algos, a summary per problem and algorithm with mean,
 * median, standard error, min and max at each checkpoint, and every run), and a Markdown
 * report that puts them next to the reference numbers.
 */
public final class BenchReport {
    private BenchReport() {}

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * @param problems the problems that were run, by name
     * @param algos description of each algorithm, by name
     */
    public static ObjectNode toJson(Map<String, BenchProblem> problems, Map<String, String> algos, List<Long> seeds,
                                    List<BenchRun> runs, String command, int jobs, double elapsedSeconds) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schema", "hyperopt-anchor-quality");
        root.put("version", 1);
        root.put("generated_utc", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        root.put("command", command);
        root.put("jobs", jobs);
        root.put("elapsed_s", elapsedSeconds);
        ObjectNode env = root.putObject("environment");
        env.put("java", System.getProperty("java.version"));
        env.put("vm", System.getProperty("java.vm.name"));
        env.put("machine", System.getProperty("os.arch"));
        env.put("system", System.getProperty("os.name"));
        env.put("cpu_count", Runtime.getRuntime().availableProcessors());
        ArrayNode seedArray = root.putArray("seeds");
        seeds.forEach(seedArray::add);
        ObjectNode algoNode = root.putObject("algos");
        algos.forEach(algoNode::put);
        ObjectNode summary = root.putObject("summary");
        for (BenchProblem p : problems.values()) {
            ObjectNode pn = summary.putObject(p.name());
            pn.put("known_optimum", p.knownOptimum());
            pn.put("stochastic", p.stochastic());
            ObjectNode an = pn.putObject("algos");
            for (String algo : algos.keySet()) {
                List<BenchRun> mine = runs.stream().filter(r -> r.problem().equals(p.name()) && r.algo().equals(algo)).toList();
                if (mine.isEmpty()) continue;
                ObjectNode s = an.putObject(algo);
                s.put("n_seeds", mine.size());
                ArrayNode sd = s.putArray("seeds");
                mine.forEach(r -> sd.add(r.seed()));
                ArrayNode cp = s.putArray("checkpoints");
                mine.get(0).checkpoints().forEach(cp::add);
                int nc = mine.get(0).checkpoints().size();
                double opt = p.knownOptimum();
                putStats(s.putArray("best"), mine, nc, r -> r.best(), 0);
                putStats(s.putArray("regret"), mine, nc, r -> r.best(), opt);
                putStats(s.putArray("incumbent_true"), mine, nc, r -> r.incumbentTrue(), 0);
                putStats(s.putArray("incumbent_true_regret"), mine, nc, r -> r.incumbentTrue(), opt);
                s.set("wall_s", statsNode(Stats.of(mine.stream().mapToDouble(BenchRun::wallSeconds).toArray())));
            }
        }
        ArrayNode runArray = root.putArray("runs");
        for (BenchRun r : runs) {
            ObjectNode rn = runArray.addObject();
            rn.put("problem", r.problem());
            rn.put("algo", r.algo());
            rn.put("seed", r.seed());
            rn.put("budget", r.budget());
            rn.put("n_evals", r.nEvals());
            ArrayNode cp = rn.putArray("checkpoints");
            r.checkpoints().forEach(cp::add);
            ArrayNode best = rn.putArray("best");
            for (double b : r.best()) best.add(b);
            ArrayNode inc = rn.putArray("incumbent_true");
            for (double b : r.incumbentTrue()) inc.add(b);
            rn.put("final_best_loss", r.finalBestLoss());
            rn.put("final_best_index", r.finalBestIndex());
            rn.set("final_best_params", MAPPER.valueToTree(r.finalBestParams()));
            rn.put("wall_s", r.wallSeconds());
        }
        return root;
    }

    private static void putStats(ArrayNode into, List<BenchRun> runs, int nc, Function<BenchRun, double[]> metric, double minus) {
        for (int c = 0; c < nc; c++) {
            double[] xs = new double[runs.size()];
            for (int i = 0; i < xs.length; i++) xs[i] = metric.apply(runs.get(i))[c] - minus;
            into.add(statsNode(Stats.of(xs)));
        }
    }

    private static ObjectNode statsNode(Stats s) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("n", s.n());
        n.put("mean", s.mean());
        n.put("median", s.median());
        n.put("se", s.se());
        n.put("min", s.min());
        n.put("max", s.max());
        return n;
    }

    /** The anchors' algorithms shown beside ours, in this order, when present. */
    static final List<String> ANCHOR_ORDER = List.of("hp_tpe", "optuna_tpe", "optuna_tpe_mv", "hp_anneal", "hp_rand", "optuna_rand");

    /**
     * A Markdown report of {@code results} (this class's JSON) next to {@code anchors}
     * (the reference results, or null): a headline table at each problem's largest
     * checkpoint with a verdict for {@code focus} against Hyperopt's and Optuna's TPE, then
     * per problem the mean ± standard error (median) at every checkpoint, and the
     * incumbent's true loss for the noisy problems.
     */
    public static String markdown(JsonNode results, JsonNode anchors, String focus) {
        StringBuilder md = new StringBuilder();
        JsonNode summary = results.path("summary");
        JsonNode anchorSummary = anchors == null ? MAPPER.createObjectNode() : anchors.path("summary");
        List<String> ours = new ArrayList<>();
        results.path("algos").fieldNames().forEachRemaining(ours::add);
        md.append("# Optimizer quality: this engine next to Hyperopt and Optuna\n\n");
        md.append("Command: `").append(results.path("command").asText()).append("`; generated ")
                .append(results.path("generated_utc").asText()).append(", ").append(results.path("elapsed_s").asDouble() > 0
                        ? String.format(Locale.ROOT, "%.0f s", results.path("elapsed_s").asDouble()) : "").append(".\n\n");
        md.append("Seeds: ").append(results.path("seeds").size()).append(" (").append(seedRange(results.path("seeds")))
                .append("). Cells: mean ± standard error over seeds (median in parentheses). Metric: best-so-far observed loss; ")
                .append("for the noisy problems the incumbent's true (noise-free) loss, marked *true*.\n\n");
        md.append("Ours: ");
        List<String> descs = new ArrayList<>();
        results.path("algos").fields().forEachRemaining(e -> descs.add("`" + e.getKey() + "` (" + e.getValue().asText() + ")"));
        md.append(String.join(", ", descs)).append(".");
        if (anchors != null) md.append(" Reference: ").append(anchors.path("command").asText("anchors")).append(".");
        md.append("\n\n");

        // Headline.
        Set<String> anchorAlgos = new LinkedHashSet<>();
        for (String a : ANCHOR_ORDER) {
            for (JsonNode p : anchorSummary) if (p.path("algos").has(a)) anchorAlgos.add(a);
        }
        md.append("## Mean at each problem's budget\n\n");
        md.append("| problem | n | optimum |");
        for (String a : ours) md.append(' ').append(a).append(" |");
        for (String a : anchorAlgos) md.append(' ').append(a).append(" |");
        boolean verdict = ours.contains(focus) && anchorAlgos.contains("hp_tpe") && anchorAlgos.contains("optuna_tpe");
        if (verdict) md.append(" ").append(focus).append(" vs hp_tpe / optuna_tpe |");
        md.append("\n|---|---|---|");
        md.append("---|".repeat(ours.size() + anchorAlgos.size() + (verdict ? 1 : 0))).append('\n');
        int better = 0;
        int notWorse = 0;
        int counted = 0;
        Iterable<Map.Entry<String, JsonNode>> problems = summary::fields;
        for (Map.Entry<String, JsonNode> pe : problems) {
            String name = pe.getKey();
            JsonNode p = pe.getValue();
            String metric = p.path("stochastic").asBoolean() ? "incumbent_true" : "best";
            JsonNode anchorP = anchorSummary.path(name).path("algos");
            int last = lastIndex(p, ours);
            int n = checkpointAt(p, ours, last);
            md.append("| ").append(name).append(metric.equals("best") ? "" : " (true)").append(" | ").append(n).append(" | ")
                    .append(num(p.path("known_optimum").asDouble())).append(" |");
            for (String a : ours) md.append(' ').append(cell(p.path("algos").path(a), metric, indexOf(p.path("algos").path(a), n), false)).append(" |");
            for (String a : anchorAlgos) md.append(' ').append(cell(anchorP.path(a), metric, indexOf(anchorP.path(a), n), false)).append(" |");
            if (verdict) {
                JsonNode mine = stat(p.path("algos").path(focus), metric, indexOf(p.path("algos").path(focus), n));
                JsonNode hp = stat(anchorP.path("hp_tpe"), metric, indexOf(anchorP.path("hp_tpe"), n));
                JsonNode op = stat(anchorP.path("optuna_tpe"), metric, indexOf(anchorP.path("optuna_tpe"), n));
                String v = "-";
                if (mine != null && hp != null && op != null) {
                    counted++;
                    double m = mine.path("mean").asDouble();
                    boolean b = m < hp.path("mean").asDouble() && m < op.path("mean").asDouble();
                    boolean nw = m <= hp.path("mean").asDouble() + Math.max(mine.path("se").asDouble(), hp.path("se").asDouble());
                    if (b) better++;
                    if (nw) notWorse++;
                    v = (b ? "better than both" : "not better than both") + "; " + (nw ? "no worse than hp_tpe" : "**worse than hp_tpe**");
                }
                md.append(' ').append(v).append(" |");
            }
            md.append('\n');
        }
        if (verdict && counted > 0) {
            md.append('\n').append(String.format(Locale.ROOT,
                    "`%s`: better than both Hyperopt's and Optuna's TPE on %d of %d problems; no worse than Hyperopt's TPE "
                            + "(within one standard error, the larger of the two) on %d of %d.%n",
                    focus, better, counted, notWorse, counted));
        }

        // Per problem, every checkpoint.
        md.append("\n## Per problem, every checkpoint\n");
        for (Map.Entry<String, JsonNode> pe : problems) {
            String name = pe.getKey();
            JsonNode p = pe.getValue();
            JsonNode anchorP = anchorSummary.path(name).path("algos");
            md.append("\n### ").append(name).append("\n\n");
            md.append("known optimum ").append(num(p.path("known_optimum").asDouble()))
                    .append(p.path("stochastic").asBoolean() ? "; noisy" : "; deterministic").append("\n\n");
            table(md, "best-so-far observed loss", p, anchorP, ours, anchorAlgos, "best");
            if (p.path("stochastic").asBoolean()) table(md, "incumbent true loss", p, anchorP, ours, anchorAlgos, "incumbent_true");
        }
        return md.toString();
    }

    private static void table(StringBuilder md, String title, JsonNode p, JsonNode anchorP, List<String> ours, Set<String> anchorAlgos,
                              String metric) {
        List<Integer> cps = new ArrayList<>();
        for (String a : ours) {
            for (JsonNode c : p.path("algos").path(a).path("checkpoints")) if (!cps.contains(c.asInt())) cps.add(c.asInt());
        }
        cps.sort(Integer::compare);
        md.append(title).append(", mean ± se (median):\n\n| algo |");
        for (int c : cps) md.append(" n=").append(c).append(" |");
        md.append("\n|---|").append("---|".repeat(cps.size())).append('\n');
        Map<String, JsonNode> rows = new LinkedHashMap<>();
        for (String a : ours) rows.put(a, p.path("algos").path(a));
        for (String a : anchorAlgos) if (anchorP.has(a)) rows.put(a + " (ref)", anchorP.path(a));
        for (Map.Entry<String, JsonNode> row : rows.entrySet()) {
            md.append("| ").append(row.getKey()).append(" |");
            for (int c : cps) md.append(' ').append(cell(row.getValue(), metric, indexOf(row.getValue(), c), true)).append(" |");
            md.append('\n');
        }
        md.append('\n');
    }

    private static int lastIndex(JsonNode p, List<String> ours) {
        for (String a : ours) {
            JsonNode cp = p.path("algos").path(a).path("checkpoints");
            if (cp.size() > 0) return cp.size() - 1;
        }
        return -1;
    }

    private static int checkpointAt(JsonNode p, List<String> ours, int index) {
        for (String a : ours) {
            JsonNode cp = p.path("algos").path(a).path("checkpoints");
            if (cp.size() > index && index >= 0) return cp.get(index).asInt();
        }
        return 0;
    }

    private static int indexOf(JsonNode algo, int checkpoint) {
        JsonNode cp = algo.path("checkpoints");
        for (int i = 0; i < cp.size(); i++) if (cp.get(i).asInt() == checkpoint) return i;
        return -1;
    }

    private static JsonNode stat(JsonNode algo, String metric, int index) {
        if (index < 0) return null;
        JsonNode s = algo.path(metric).path(index);
        return s.isMissingNode() ? null : s;
    }

    private static String cell(JsonNode algo, String metric, int index, boolean median) {
        JsonNode s = stat(algo, metric, index);
        if (s == null) return "-";
        String c = num(s.path("mean").asDouble()) + " ± " + twoDigits(s.path("se").asDouble());
        return median ? c + " (" + num(s.path("median").asDouble()) + ")" : c;
    }

    /** Four significant digits, like the reference report. */
    public static String num(double x) {
        return significant(x, 4);
    }

    /** Two significant digits, for standard errors. */
    static String twoDigits(double x) {
        return significant(x, 2);
    }

    /** {@code digits} significant digits, trailing zeros dropped; scientific notation outside [1e-3, 1e5). */
    private static String significant(double x, int digits) {
        if (x == 0) return "0";
        if (Double.isNaN(x)) return "-";
        double a = Math.abs(x);
        if (a >= 1e-3 && a < 1e5) {
            String s = String.format(Locale.ROOT, "%." + digits + "g", x);
            if (s.contains(".") && !s.contains("e")) s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
            return s;
        }
        return String.format(Locale.ROOT, "%." + (digits - 1) + "e", x);
    }

    private static String seedRange(JsonNode seeds) {
        if (seeds.size() == 0) return "none";
        return seeds.get(0).asText() + "-" + seeds.get(seeds.size() - 1).asText();
    }
}
