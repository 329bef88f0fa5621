package dev.hyperopt.weka.bench;

import dev.hyperopt.engine.api.Trial;
import dev.hyperopt.engine.api.TrialState;
import dev.hyperopt.weka.WekaBootstrap;
import dev.hyperopt.weka.WekaEstimator;
import dev.hyperopt.weka.data.DataSets;
import weka.classifiers.AbstractClassifier;
import weka.classifiers.Classifier;
import weka.classifiers.Evaluation;
import weka.core.Instances;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The protocol of the Auto-WEKA and hyperopt-sklearn papers: for each split seed, a
 * stratified 70/30 split; the tuned pipeline (TPE over the {@code classification} space,
 * each trial scored by k-fold CV on the 70%) is refitted on the 70% and scored on the 30%;
 * Weka's classifiers with their default options are trained and scored on the same split.
 * Prints a Markdown table of mean test errors and the timings.
 *
 * <pre>
 * java -cp CLASSPATH dev.hyperopt.weka.bench.SplitBenchmark [--data credit-g] [--class last] [--splits 10]
 *      [--trials 100] [--folds 5] [--jobs 1] [--trial-timeout 120s] [--first-seed 0]
 *      [--defaults all|none|J48,RandomForest,...] [--out FILE]
 * </pre>
 * {@code --data} is a file or a data set inside Weka's jar; {@code --jobs} runs that many
 * splits side by side (each tunes one trial at a time); {@code --defaults} names the default
 * learners to compare with (on large data some of them take hours).
 */
public final class SplitBenchmark {
    private SplitBenchmark() {}

    /** Weka's classifiers with their default options, as a user would first try them. */
    static final String[] DEFAULTS = {
            "weka.classifiers.trees.J48", "weka.classifiers.trees.RandomForest", "weka.classifiers.trees.REPTree",
            "weka.classifiers.trees.LMT", "weka.classifiers.functions.SimpleLogistic", "weka.classifiers.functions.Logistic",
            "weka.classifiers.functions.SMO", "weka.classifiers.functions.MultilayerPerceptron",
            "weka.classifiers.bayes.NaiveBayes", "weka.classifiers.bayes.BayesNet", "weka.classifiers.lazy.IBk",
            "weka.classifiers.lazy.KStar", "weka.classifiers.rules.JRip", "weka.classifiers.rules.PART",
            "weka.classifiers.rules.DecisionTable", "weka.classifiers.rules.OneR", "weka.classifiers.rules.ZeroR",
            "weka.classifiers.meta.AdaBoostM1", "weka.classifiers.meta.Bagging", "weka.classifiers.meta.LogitBoost",
            "weka.classifiers.meta.RandomCommittee", "weka.classifiers.meta.RandomSubSpace"};

    record SplitResult(long seed, double tunedError, double cvLoss, String command, int trials, int failed,
                       double secondsPerTrial, double runSeconds, Map<String, Double> defaults) {}

    public static void main(String[] args) throws Exception {
        WekaBootstrap.init();
        int splits = 10;
        int trials = 100;
        int jobs = 1;
        int folds = 5;
        String dataName = "credit-g";
        String classAttribute = "last";
        List<String> defaults = List.of(DEFAULTS);
        long firstSeed = 0;
        Duration trialTimeout = Duration.ofSeconds(120);
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (a) {
                case "--splits" -> splits = Integer.parseInt(v);
                case "--trials" -> trials = Integer.parseInt(v);
                case "--jobs" -> jobs = Integer.parseInt(v);
                case "--folds" -> folds = Integer.parseInt(v);
                case "--data" -> dataName = v;
                case "--class" -> classAttribute = v;
                case "--defaults" -> defaults = learners(v);
                case "--first-seed" -> firstSeed = Long.parseLong(v);
                case "--trial-timeout" -> trialTimeout = dev.hyperopt.engine.api.Durations.parse(v);
                case "--out" -> out = Path.of(v);
                default -> throw new IllegalArgumentException("unknown argument " + a);
            }
            i++;
        }
        Instances data = DataSets.withClass(DataSets.load(dataName), classAttribute, dataName);
        ExecutorService pool = Executors.newFixedThreadPool(jobs);
        java.util.concurrent.CompletionService<SplitResult> done = new java.util.concurrent.ExecutorCompletionService<>(pool);
        long start = System.nanoTime();
        for (long s = firstSeed; s < firstSeed + splits; s++) {
            long seed = s;
            int n = trials;
            Duration limit = trialTimeout;
            int k = folds;
            List<String> learners = defaults;
            done.submit(() -> split(data, seed, n, k, limit, learners));
        }
        List<SplitResult> results = new ArrayList<>();
        for (int i = 0; i < splits; i++) {
            SplitResult r = done.take().get();
            results.add(r);
            StringBuilder d = new StringBuilder();
            for (Map.Entry<String, Double> e : r.defaults.entrySet()) {
                d.append(' ').append(e.getKey().substring(e.getKey().lastIndexOf('.') + 1)).append('=')
                        .append(String.format(Locale.ROOT, "%.4f", e.getValue()));
            }
            System.err.printf(Locale.ROOT, "split %d: tuned test error %.4f (CV %.4f, %d trials, %d failed, %.1f s/trial, %.0f s) %s%n  defaults:%s%n",
                    r.seed, r.tunedError, r.cvLoss, r.trials, r.failed, r.secondsPerTrial, r.runSeconds, r.command, d);
        }
        results.sort(java.util.Comparator.comparingLong(SplitResult::seed));
        pool.shutdown();
        String report = report(dataName, data.numInstances(), results, trials, folds, defaults, firstSeed,
                (System.nanoTime() - start) / 1e9, jobs);
        System.out.print(report);
        if (out != null) Files.writeString(out, report, StandardCharsets.UTF_8);
    }

    /** The default learners named by {@code spec}: all, none, or short or full class names. */
    static List<String> learners(String spec) {
        if (spec.equals("all")) return List.of(DEFAULTS);
        if (spec.equals("none")) return List.of();
        List<String> out = new ArrayList<>();
        for (String name : spec.split(",")) {
            String n = name.trim();
            String full = null;
            for (String d : DEFAULTS) if (d.equals(n) || d.endsWith("." + n)) full = d;
            if (full == null) throw new IllegalArgumentException("unknown default learner '" + n + "'");
            out.add(full);
        }
        return out;
    }

    static SplitResult split(Instances data, long seed, int trials, int folds, Duration trialTimeout, List<String> learners)
            throws Exception {
        Instances[] parts = DataSets.split(data, 0.3, seed);
        Instances train = parts[0];
        Instances test = parts[1];
        long start = System.nanoTime();
        WekaEstimator est = new WekaEstimator().maxEvals(trials).folds(folds).seed(seed).trialTimeout(trialTimeout).fit(train);
        double runSeconds = (System.nanoTime() - start) / 1e9;
        double tuned = est.testLoss(test);
        List<Trial> all = est.result().trials();
        double trialSeconds = 0;
        for (Trial t : all) trialSeconds += Duration.between(t.started(), t.finished()).toNanos() / 1e9;
        Map<String, Double> defaults = new LinkedHashMap<>();
        for (String name : learners) defaults.put(name, defaultError(name, train, test));
        return new SplitResult(seed, tuned, est.bestLoss(), est.commandLine(), all.size(),
                est.result().counts().get(TrialState.FAIL), trialSeconds / all.size(), runSeconds, defaults);
    }

    /** The test error of a Weka classifier with its default options, trained on {@code train}. */
    static double defaultError(String learner, Instances train, Instances test) throws Exception {
        Classifier c = AbstractClassifier.forName(learner, new String[0]);
        c.buildClassifier(train);
        Evaluation e = new Evaluation(train);
        e.evaluateModel(c, test);
        return 1 - e.pctCorrect() / 100;
    }

    static String report(String dataName, int instances, List<SplitResult> results, int trials, int folds, List<String> learners,
                         long firstSeed, double wallSeconds, int jobs) {
        StringBuilder sb = new StringBuilder();
        int n = results.size();
        sb.append(String.format(Locale.ROOT, "%s (%d rows), %d stratified 70/30 split(s) (seeds %d-%d), %d TPE trials with %d-fold CV on the 70%%, "
                + "refit scored on the 30%%.%n%n", dataName, instances, n, firstSeed, firstSeed + n - 1, trials, folds));
        sb.append("| classifier | mean test error % | sd |\n|---|---:|---:|\n");
        double[] tuned = results.stream().mapToDouble(SplitResult::tunedError).toArray();
        sb.append(row("**hyperopt-weka (tuned)**", tuned));
        List<String[]> rows = new ArrayList<>();
        for (String name : learners) {
            double[] errs = results.stream().mapToDouble(r -> r.defaults.get(name)).toArray();
            rows.add(new String[]{name.substring(name.lastIndexOf('.') + 1) + " (defaults)", String.valueOf(mean(errs))});
        }
        rows.sort((a, b) -> Double.compare(Double.parseDouble(a[1]), Double.parseDouble(b[1])));
        for (String[] r : rows) {
            String name = r[0];
            String full = null;
            for (String d : learners) if (name.startsWith(d.substring(d.lastIndexOf('.') + 1) + " ")) full = d;
            String fn = full;
            sb.append(row(name, results.stream().mapToDouble(x -> x.defaults.get(fn)).toArray()));
        }
        double cv = mean(results.stream().mapToDouble(SplitResult::cvLoss).toArray());
        double perTrial = mean(results.stream().mapToDouble(SplitResult::secondsPerTrial).toArray());
        double perRun = mean(results.stream().mapToDouble(SplitResult::runSeconds).toArray());
        int failed = results.stream().mapToInt(SplitResult::failed).sum();
        sb.append(String.format(Locale.ROOT, "%nmean best CV error of the tuned runs: %.2f%%; failed trials: %d of %d%n", 100 * cv, failed,
                results.stream().mapToInt(SplitResult::trials).sum()));
        sb.append(String.format(Locale.ROOT, "wall time: %.2f s per trial, %.0f s per run (tuning and refit), %.0f s in all with %d split(s) at a time%n",
                perTrial, perRun, wallSeconds, jobs));
        sb.append("\nbest pipelines:\n\n");
        for (SplitResult r : results) {
            sb.append(String.format(Locale.ROOT, "- seed %d: test %.3f%%, CV %.3f%%: `%s`%n", r.seed, 100 * r.tunedError, 100 * r.cvLoss, r.command));
        }
        return sb.toString();
    }

    private static String row(String name, double[] errs) {
        return String.format(Locale.ROOT, "| %s | %.3f | %.3f |%n", name, 100 * mean(errs), 100 * sd(errs));
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) s += v;
        return s / x.length;
    }

    static double sd(double[] x) {
        if (x.length < 2) return 0;
        double m = mean(x);
        double s = 0;
        for (double v : x) s += (v - m) * (v - m);
        return Math.sqrt(s / (x.length - 1));
    }
}
