package dev.hyperopt.weka.bench;

import dev.hyperopt.weka.WekaBootstrap;
import dev.hyperopt.weka.data.DataSets;
import weka.core.Instances;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Weka's classifiers at their default options, trained and scored on splits made elsewhere:
 * every {@code seed*} folder under the given one holds a {@code train.arff} and a
 * {@code test.arff} (class last), as the peer harness writes them. This is the "best default
 * learner" a tuned result is compared with, on exactly the rows the tuner saw.
 *
 * <pre>
 * java -cp CLASSPATH dev.hyperopt.weka.bench.SplitDefaults SPLITS_FOLDER [--defaults all|J48,RandomForest,...]
 * </pre>
 * Prints a Markdown table of mean test error (%), its sample sd over the splits, the seconds
 * a split took and the error of each split (to set beside a tuned run's), best first.
 */
public final class SplitDefaults {
    private SplitDefaults() {}

    record Row(String learner, double[] errors, double seconds) {
        double mean() { return SplitBenchmark.mean(errors); }
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1 && !(args.length == 3 && args[1].equals("--defaults"))) {
            System.err.println("usage: SplitDefaults SPLITS_FOLDER [--defaults all|J48,RandomForest,...]");
            System.exit(2);
        }
        WekaBootstrap.init();
        List<String> learners = args.length == 3 ? SplitBenchmark.learners(args[2]) : List.of(SplitBenchmark.DEFAULTS);
        List<Path> splits = splits(Path.of(args[0]));
        List<Row> rows = new ArrayList<>();
        for (String name : learners) {
            double[] errors = new double[splits.size()];
            long start = System.nanoTime();
            for (int i = 0; i < splits.size(); i++) errors[i] = testError(name, splits.get(i));
            rows.add(new Row(name, errors, (System.nanoTime() - start) / 1e9 / splits.size()));
        }
        rows.sort(Comparator.comparingDouble(Row::mean));
        System.out.printf(Locale.ROOT, "%s: %d split(s)%n%n| learner (defaults) | mean test error %% | sd | seconds per split (load, fit, test) | each split %% |%n|---|---:|---:|---:|---|%n",
                Path.of(args[0]).getFileName(), splits.size());
        for (Row r : rows) {
            StringBuilder each = new StringBuilder();
            for (double e : r.errors) each.append(each.length() == 0 ? "" : " / ").append(String.format(Locale.ROOT, "%.2f", 100 * e));
            System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %.1f | %s |%n", r.learner.substring(r.learner.lastIndexOf('.') + 1),
                    100 * r.mean(), 100 * SplitBenchmark.sd(r.errors), r.seconds, each);
        }
    }

    static List<Path> splits(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            List<Path> out = s.filter(p -> p.getFileName().toString().startsWith("seed")
                            && Files.isRegularFile(p.resolve("train.arff")) && Files.isRegularFile(p.resolve("test.arff")))
                    .sorted().toList();
            if (out.isEmpty()) throw new IOException(folder + ": no seed*/train.arff and test.arff");
            return out;
        }
    }

    static double testError(String learner, Path split) throws Exception {
        Instances train = DataSets.withClass(DataSets.load(split.resolve("train.arff").toString()), "last", "train");
        Instances test = DataSets.withClass(DataSets.load(split.resolve("test.arff").toString()), "last", "test");
        return SplitBenchmark.defaultError(learner, train, test);
    }
}
