package dev.hyperopt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hyperopt.suite.Algorithms;
import dev.hyperopt.suite.BenchProblem;
import dev.hyperopt.suite.BenchReport;
import dev.hyperopt.suite.BenchRun;
import dev.hyperopt.suite.BenchRunner;
import dev.hyperopt.suite.Suite;
import dev.hyperopt.suite.fidelity.Arm;
import dev.hyperopt.suite.fidelity.CurveProblem;
import dev.hyperopt.suite.fidelity.FidelityBench;
import dev.hyperopt.suite.fidelity.FidelityReport;
import dev.hyperopt.suite.fidelity.FidelityRun;
import dev.hyperopt.suite.fidelity.FidelityRunner;
import dev.hyperopt.suite.fidelity.FidelitySuite;
import dev.hyperopt.suite.fidelity.OptunaAnchor;
import dev.hyperopt.engine.inject.Engine;
import dev.hyperopt.engine.sample.Sampler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code hyperopt bench}: runs optimizers in process on the benchmark suite's problems
 * (formulas built in, spaces from the suite's .hspace files) over seeds 0..N-1, and writes
 * the results in the shape of the reference results, with a Markdown report beside them
 * that puts the numbers next to the reference ones.
 *
 * <p>With {@code --multi-fidelity} it runs the multi-fidelity bench instead: problems whose
 * trials report learning curves, a budget in total steps, this engine's samplers with its
 * pruners, and with {@code --optuna} Optuna's TPE alone and with its Hyperband and successive-halving
 * pruners run side by side by the Python script beside the problem list.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run optimizers on the benchmark suite and compare them with the reference numbers.",
                "Spaces are read from hspace/NAME.hspace beside the problem list; the reference results from "
                        + "anchors/quality.json beside it when present.",
                "With --multi-fidelity: run samplers with pruners on the multi-fidelity problems (bench/multifidelity/problems.json) "
                        + "at a budget of steps, and with --optuna Optuna's TPE alone and with its Hyperband and successive-halving pruners "
                        + "beside them."})
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--problems", required = true, paramLabel = "FILE", description = "the suite's problem list (problems.json)")
    Path problemsFile;

    @Option(names = "--problem", paramLabel = "NAME", description = "run only this problem (repeatable; default: every quality problem)")
    List<String> problems = new ArrayList<>();

    @Option(names = "--algo", paramLabel = "NAME", defaultValue = "tpe",
            description = "algorithm (repeatable): tpe, tpe-hyperopt, anneal, rand, or tpe:KEY=VALUE,... for tpe with "
                    + "options changed (default: ${DEFAULT-VALUE})")
    List<String> algos = new ArrayList<>();

    @Option(names = "--seeds", paramLabel = "N", defaultValue = "20", description = "seeds 0..N-1 (default: ${DEFAULT-VALUE})")
    int seeds;

    @Option(names = "--budget", paramLabel = "N", description = "evaluations per run (default: each problem's budget)")
    Integer budget;

    @Option(names = "--jobs", paramLabel = "K", defaultValue = "1", description = "runs side by side (default: ${DEFAULT-VALUE})")
    int jobs;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "the results (JSON)")
    Path out;

    @Option(names = "--markdown", paramLabel = "FILE", description = "the report (default: --out with .md instead of .json)")
    Path markdown;

    @Option(names = "--anchors", paramLabel = "FILE", description = "reference results (default: anchors/quality.json beside the problem list)")
    Path anchors;

    @Option(names = "--multi-fidelity", description = "run the multi-fidelity bench: --problems names its problem list, --budget "
            + "is in steps, --arm picks what runs")
    boolean multiFidelity;

    @Option(names = "--arm", paramLabel = "ARM", description = "with --multi-fidelity (repeatable): ALGO[+PRUNER[:KEY=VALUE,...]] such as "
            + "tpe, tpe+asha, rand+hyperband, tpe+wilcoxon:p_threshold=0.05, or optuna:hyperband, optuna:sha, optuna:none "
            + "(default: tpe, tpe+median, tpe+asha, tpe+hyperband, rand+asha and each problem's extra arms); tpe is always run, "
            + "as the baseline")
    List<String> arms = new ArrayList<>();

    @Option(names = "--optuna", description = "with --multi-fidelity: also run Optuna's TPE alone, with HyperbandPruner and with "
            + "SuccessiveHalvingPruner (optuna_anchor.py beside the problem list; needs Python with Optuna)")
    boolean optuna;

    @Option(names = "--python", paramLabel = "CMD", defaultValue = "python3",
            description = "with --multi-fidelity: the Python interpreter of the Optuna anchors (default: ${DEFAULT-VALUE})")
    String python;

    @Option(names = "--horizon", paramLabel = "X", defaultValue = "1",
            description = "with --multi-fidelity: let each search run X budgets, to see how long it takes to reach the baseline's "
                    + "final loss; the final loss is still read at the budget (default: ${DEFAULT-VALUE})")
    double horizon;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (seeds < 1) throw new UserError("--seeds must be at least 1, got " + seeds);
        if (budget != null && budget < 1) throw new UserError("--budget must be at least 1, got " + budget);
        if (jobs < 1) throw new UserError("--jobs must be at least 1, got " + jobs);
        if (multiFidelity) return multiFidelity();
        if (!arms.isEmpty() || optuna) throw new UserError("--arm and --optuna go with --multi-fidelity");
        Suite suite;
        try {
            suite = Suite.load(problemsFile);
        } catch (IllegalArgumentException e) {
            throw new UserError(problemsFile + ": " + e.getMessage());
        }
        Map<String, BenchProblem> chosen = new LinkedHashMap<>();
        try {
            if (problems.isEmpty()) suite.qualityProblems().forEach(p -> chosen.put(p.name(), p));
            else for (String name : problems) chosen.put(name, suite.problem(name));
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        Engine engine = Engine.standard();
        Map<String, Sampler> samplers = new LinkedHashMap<>();
        Map<String, String> descriptions = new LinkedHashMap<>();
        for (String a : new java.util.LinkedHashSet<>(algos)) {
            try {
                Sampler s = Algorithms.sampler(a, engine::sampler);
                samplers.put(a, s);
                descriptions.put(a, a.contains(":") ? "this engine's tpe with " + a.substring(a.indexOf(':') + 1)
                        : "this engine's " + a + " (" + s.getClass().getSimpleName() + ", defaults)");
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
        }
        List<Long> seedList = new ArrayList<>();
        for (long s = 0; s < seeds; s++) seedList.add(s);
        long t0 = System.nanoTime();
        List<BenchRun> runs = BenchRunner.runAll(new ArrayList<>(chosen.values()), samplers, seedList, budget == null ? 0 : budget, jobs);
        double elapsed = (System.nanoTime() - t0) / 1e9;
        String command = "hyperopt " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        ObjectNode results = BenchReport.toJson(chosen, descriptions, seedList, runs, command, jobs, elapsed);
        Files.writeString(out, Json.PRETTY.writeValueAsString(results) + "\n", StandardCharsets.UTF_8);
        Path anchorFile = anchors != null ? anchors : problemsFile.toAbsolutePath().getParent().resolve("anchors/quality.json");
        JsonNode anchorJson = Files.isRegularFile(anchorFile) ? Json.MAPPER.readTree(anchorFile.toFile()) : null;
        if (anchors != null && anchorJson == null) throw new UserError("no such file: " + anchors);
        Path md = markdown != null ? markdown : Path.of(out.toString().replaceAll("\\.json$", "") + ".md");
        Files.writeString(md, BenchReport.markdown(results, anchorJson, "tpe"), StandardCharsets.UTF_8);
        spec.commandLine().getErr().printf("bench: %d runs in %.1f s; results in %s, report in %s%n", runs.size(), elapsed, out, md);
        spec.commandLine().getErr().flush();
        return 0;
    }

    private static final String BASELINE = "tpe";

    private Integer multiFidelity() throws IOException, InterruptedException {
        if (spec.commandLine().getParseResult().hasMatchedOption("--algo")) {
            throw new UserError("--algo does not go with --multi-fidelity; name arms with --arm (e.g. --arm tpe+asha)");
        }
        if (!(horizon >= 1)) throw new UserError("--horizon must be at least 1, got " + horizon);
        if (anchors != null) throw new UserError("--anchors names the main suite's reference results; the multi-fidelity bench runs its anchors with --optuna");
        FidelitySuite suite;
        try {
            suite = FidelitySuite.load(problemsFile);
        } catch (IllegalArgumentException e) {
            throw new UserError(problemsFile + ": " + e.getMessage());
        }
        List<CurveProblem> chosen = new ArrayList<>();
        try {
            if (problems.isEmpty()) chosen.addAll(suite.problems());
            else for (String name : new java.util.LinkedHashSet<>(problems)) chosen.add(suite.problem(name));
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        if (budget != null) {
            List<CurveProblem> resized = new ArrayList<>();
            for (CurveProblem p : chosen) {
                if (budget < p.maxSteps()) {
                    throw new UserError("--budget " + budget + " is less than one full run of " + p.name() + " (" + p.maxSteps() + " steps)");
                }
                resized.add(p.withBudget(budget));
            }
            chosen = resized;
        }
        List<String> given = new ArrayList<>();
        if (!arms.isEmpty()) {
            given.add(BASELINE);
            given.addAll(arms);
        }
        FidelityRunner runner = new FidelityRunner(Engine.standard());
        List<List<Arm>> armsPerProblem = new ArrayList<>();
        java.util.LinkedHashMap<String, Arm> allArms = new java.util.LinkedHashMap<>();
        boolean anyOptuna = false;
        try {
            for (CurveProblem p : chosen) {
                List<Arm> list = FidelityBench.armsFor(p, given, optuna);
                for (Arm a : list) {
                    runner.check(a);
                    allArms.putIfAbsent(a.name(), a);
                    anyOptuna |= a.optuna();
                }
                armsPerProblem.add(list);
            }
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        OptunaAnchor anchor = null;
        String optunaVersion = null;
        if (anyOptuna) {
            anchor = new OptunaAnchor(python, OptunaAnchor.scriptBeside(problemsFile));
            try {
                optunaVersion = anchor.optunaVersion();
            } catch (IOException e) {
                throw new UserError(e.getMessage());
            }
        }
        List<Long> seedList = new ArrayList<>();
        for (long s = 0; s < seeds; s++) seedList.add(s);
        long t0 = System.nanoTime();
        List<FidelityRun> runs;
        try {
            runs = FidelityBench.run(problemsFile, chosen, armsPerProblem, seedList, horizon, jobs, runner, anchor);
        } catch (IOException e) {
            throw new UserError(e.getMessage());
        }
        double elapsed = (System.nanoTime() - t0) / 1e9;
        String command = "hyperopt " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        // This engine's arms first, then the anchors, whichever problem brought them.
        List<Arm> armOrder = new ArrayList<>();
        for (Arm a : allArms.values()) if (!a.optuna()) armOrder.add(a);
        for (Arm a : allArms.values()) if (a.optuna()) armOrder.add(a);
        ObjectNode results = FidelityReport.toJson(chosen, armOrder, BASELINE, seedList, runs, command,
                optunaVersion, jobs, elapsed);
        Files.writeString(out, Json.PRETTY.writeValueAsString(results) + "\n", StandardCharsets.UTF_8);
        Path md = markdown != null ? markdown : Path.of(out.toString().replaceAll("\\.json$", "") + ".md");
        Files.writeString(md, FidelityReport.markdown(results), StandardCharsets.UTF_8);
        spec.commandLine().getErr().printf("bench: %d multi-fidelity runs in %.1f s; results in %s, report in %s%n", runs.size(), elapsed, out, md);
        spec.commandLine().getErr().flush();
        return 0;
    }
}
