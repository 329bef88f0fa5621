package dev.hyperopt.bench.curves;

import dev.hyperopt.weka.WekaBootstrap;
import dev.hyperopt.weka.data.DataSets;
import weka.classifiers.AbstractClassifier;
import weka.classifiers.Classifier;
import weka.classifiers.Evaluation;
import weka.core.Instances;
import weka.core.Utils;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Records the fold errors of the multi-fidelity bench's {@code weka_folds} problem: every
 * configuration of a grid of Weka learners (J48, random forest, k-nearest neighbours, SMO,
 * logistic regression) is cross-validated on credit-g (the German credit data inside Weka's
 * jar; 153 configurations), and the error rate on each of the 10 folds is written as one CSV row. The folds are
 * Weka's own ({@code Evaluation.crossValidateModel}'s: randomized with {@code new Random(1)},
 * stratified), the same for every configuration, so that fold k of two configurations is a
 * paired comparison.
 *
 * <pre>
 * java -cp CLASSPATH dev.hyperopt.bench.curves.WekaFoldRecorder OUT.csv [--data credit-g] [--folds 10]
 * </pre>
 */
public final class WekaFoldRecorder {
    private WekaFoldRecorder() {}

    /** One configuration: its learner, its hyperparameters (as the bench's space names them) and Weka's options for them. */
    record Config(int id, String learner, Map<String, Object> params, String className, String[] options) {
        String command() {
            return className + " " + Utils.joinOptions(options);
        }
    }

    /** The grid: each hyperparameter's values as the bench's space {@code weka_folds.hspace} draws them. */
    static List<Config> grid() {
        List<Config> out = new ArrayList<>();
        for (int c = 1; c <= 5; c++)
            for (int m = 0; m <= 5; m++) {
                double confidence = c / 10.0;
                int minLeaf = 1 << m;
                out.add(config(out, "j48", Map.of("j48_confidence", confidence, "j48_min_leaf", minLeaf), "weka.classifiers.trees.J48",
                        "-C", str(confidence), "-M", str(minLeaf)));
            }
        for (int t = 0; t <= 2; t++)
            for (int k = 0; k <= 4; k++)
                for (int d = 2; d <= 5; d++) {
                    int trees = 10 * (int) Math.pow(3, t);
                    int features = 1 << k;
                    int depth = 1 << d;
                    out.add(config(out, "rf", Map.of("rf_trees", trees, "rf_features", features, "rf_depth", depth),
                            "weka.classifiers.trees.RandomForest", "-I", str(trees), "-K", str(features), "-depth", str(depth), "-S", "1"));
                }
        for (int i = 0; i <= 15; i++)
            for (String w : List.of("none", "inverse")) {
                int k = 2 * i + 1;
                List<String> o = new ArrayList<>(List.of("-K", str(k)));
                if (w.equals("inverse")) o.add("-I");
                out.add(config(out, "knn", Map.of("knn_k", k, "knn_weight", w), "weka.classifiers.lazy.IBk", o.toArray(String[]::new)));
            }
        for (int c = -2; c <= 2; c++)
            for (int g = -3; g <= 0; g++) {
                double cost = Math.pow(10, c);
                double gamma = Math.pow(10, g);
                out.add(config(out, "smo", Map.of("smo_c", cost, "smo_gamma", gamma), "weka.classifiers.functions.SMO",
                        "-C", str(cost), "-K", "weka.classifiers.functions.supportVector.RBFKernel -G " + str(gamma) + " -C 250007"));
            }
        for (int r = -8; r <= 2; r++) {
            double ridge = Math.pow(10, r);
            out.add(config(out, "logistic", Map.of("logistic_ridge", ridge), "weka.classifiers.functions.Logistic", "-R", str(ridge)));
        }
        return out;
    }

    private static Config config(List<Config> sofar, String learner, Map<String, Object> params, String cls, String... options) {
        return new Config(sofar.size(), learner, new LinkedHashMap<>(new java.util.TreeMap<>(params)), cls, options);
    }

    private static String str(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e9 ? Long.toString((long) d) : Double.toString(d);
    }

    /** The columns of the CSV, every learner's hyperparameters together (empty where inactive). */
    static final List<String> PARAM_COLUMNS = List.of("j48_confidence", "j48_min_leaf", "rf_trees", "rf_features", "rf_depth",
            "knn_k", "knn_weight", "smo_c", "smo_gamma", "logistic_ridge");

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: WekaFoldRecorder OUT.csv [--data credit-g] [--folds 10]");
            System.exit(2);
        }
        WekaBootstrap.init();
        Path out = Path.of(args[0]);
        String dataName = "credit-g";
        int folds = 10;
        for (int i = 1; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--data" -> dataName = args[i + 1];
                case "--folds" -> folds = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Instances data = DataSets.load(dataName);
        data.setClassIndex(data.numAttributes() - 1);
        // The folds of Evaluation.crossValidateModel(classifier, data, folds, new Random(1)), made once.
        Random random = new Random(1);
        Instances shuffled = new Instances(data);
        shuffled.randomize(random);
        if (shuffled.classAttribute().isNominal()) shuffled.stratify(folds);
        Instances[] train = new Instances[folds];
        Instances[] test = new Instances[folds];
        for (int k = 0; k < folds; k++) {
            train[k] = shuffled.trainCV(folds, k, random);
            test[k] = shuffled.testCV(folds, k);
        }
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        List<Config> grid = grid();
        long t0 = System.nanoTime();
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8))) {
            StringBuilder header = new StringBuilder("id,learner");
            for (String c : PARAM_COLUMNS) header.append(',').append(c);
            header.append(",cpu_seconds");
            for (int k = 1; k <= folds; k++) header.append(",f").append(k);
            w.println(header);
            for (Config c : grid) {
                long s = cpu.getCurrentThreadCpuTime();
                double[] errors = new double[folds];
                for (int k = 0; k < folds; k++) {
                    Classifier model = AbstractClassifier.forName(c.className(), c.options().clone());
                    model.buildClassifier(train[k]);
                    Evaluation eval = new Evaluation(train[k]);
                    eval.evaluateModel(model, test[k]);
                    errors[k] = eval.errorRate();
                }
                double seconds = (cpu.getCurrentThreadCpuTime() - s) / 1e9;
                StringBuilder row = new StringBuilder().append(c.id()).append(',').append(c.learner());
                for (String col : PARAM_COLUMNS) {
                    Object v = c.params().get(col);
                    row.append(',').append(v == null ? "" : v);
                }
                row.append(String.format(Locale.ROOT, ",%.2f", seconds));
                double mean = 0;
                for (double e : errors) {
                    row.append(',').append(String.format(Locale.ROOT, "%.4f", e));
                    mean += e / folds;
                }
                w.println(row);
                w.flush();
                System.err.printf(Locale.ROOT, "config %d/%d %s: mean error %.4f (%.1f s of CPU, %.0f s in all)%n", c.id() + 1,
                        grid.size(), c.command(), mean, seconds, (System.nanoTime() - t0) / 1e9);
            }
        }
    }
}
