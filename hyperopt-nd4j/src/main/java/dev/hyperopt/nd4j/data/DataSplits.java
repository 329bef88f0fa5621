package dev.hyperopt.nd4j.data;

import dev.hyperopt.nd4j.Permutations;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Training, validation and test sets. Trials train on {@code train}, stop early and are
 * scored on {@code valid}; only the refit of the best configuration sees {@code test}.
 */
public record DataSplits(String name, Dataset train, Dataset valid, Dataset test) {

    /** Where Debian's {@code dataset-fashion-mnist} package puts the IDX files. */
    public static final Path FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

    /** Requested sizes; null means the source's default. */
    public record Sizes(Integer train, Integer valid, Integer test) {
        public Sizes {
            check("train", train);
            check("valid", valid);
            check("test", test);
        }

        private static void check(String what, Integer n) {
            if (n != null && n < 1) throw new DataException("the " + what + " size must be at least 1, got " + n);
        }

        public static Sizes defaults() {
            return new Sizes(null, null, null);
        }

        int trainOr(int d) {
            return train == null ? d : train;
        }

        int validOr(int d) {
            return valid == null ? d : valid;
        }

        int testOr(int d) {
            return test == null ? d : test;
        }
    }

    public DataSplits {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(valid, "valid");
        Objects.requireNonNull(test, "test");
        for (Dataset d : new Dataset[]{valid, test}) {
            if (d.dimension() != train.dimension() || d.height() != train.height() || d.width() != train.width()) {
                throw new DataException(name + ": " + shape(d) + " in one part but " + shape(train) + " in the training set");
            }
            if (d.classes() > train.classes()) {
                throw new DataException(name + ": labels out of range: " + d.classes() + " classes outside the training set's " + train.classes());
            }
        }
        if (valid.classes() != train.classes() || test.classes() != train.classes()) {
            valid = relabel(valid, train.classes());
            test = relabel(test, train.classes());
        }
    }

    private static Dataset relabel(Dataset d, int classes) {
        return new Dataset(d.features(), d.labels(), classes, d.height(), d.width());
    }

    private static String shape(Dataset d) {
        return d.height() > 0 ? d.height() + "x" + d.width() + " images" : d.dimension() + " features";
    }

    /**
     * Opens a data source: {@code rectangles} or {@code convex} (generated; defaults 1000
     * training, 200 validation and 2000 test images, as large as the original training and
     * validation sets), {@code fashion-mnist} (the Debian package; defaults 5000 training and
     * 1000 validation images from the official training set, the official 10000 test
     * images), or a file: {@code .csv}, {@code .arff}, or an IDX {@code *-images-idx3-ubyte[.gz]}
     * (shuffled, then 20% validation, 20% test, the rest for training unless sized).
     *
     * @throws DataException for a missing or bad source, or sizes it cannot give
     */
    public static DataSplits open(String source, Sizes sizes, long seed) {
        Objects.requireNonNull(source, "source");
        switch (source.toLowerCase(Locale.ROOT)) {
            case "rectangles":
                return new DataSplits("rectangles", SyntheticImages.rectangles(sizes.trainOr(1000), seed),
                        SyntheticImages.rectangles(sizes.validOr(200), seed + 1), SyntheticImages.rectangles(sizes.testOr(2000), seed + 2));
            case "convex":
                return new DataSplits("convex", SyntheticImages.convex(sizes.trainOr(1000), seed),
                        SyntheticImages.convex(sizes.validOr(200), seed + 1), SyntheticImages.convex(sizes.testOr(2000), seed + 2));
            case "fashion-mnist":
                return fashionMnist(FASHION_MNIST, sizes, seed);
            default:
                return file(Path.of(source), sizes, seed);
        }
    }

    /** Fashion-MNIST from the IDX files in {@code dir}. */
    public static DataSplits fashionMnist(Path dir, Sizes sizes, long seed) {
        Path trainImages = dir.resolve("train-images-idx3-ubyte.gz");
        if (!Files.isRegularFile(trainImages)) {
            throw new DataException("Fashion-MNIST is not installed: " + trainImages + " is missing (apt-get install dataset-fashion-mnist)");
        }
        Dataset all = IdxReader.read(trainImages, dir.resolve("train-labels-idx1-ubyte.gz"), 10);
        Dataset officialTest = IdxReader.read(dir.resolve("t10k-images-idx3-ubyte.gz"), dir.resolve("t10k-labels-idx1-ubyte.gz"), 10);
        int nTrain = sizes.trainOr(5000);
        int nValid = sizes.validOr(1000);
        if (nTrain + nValid > all.size()) {
            throw new DataException("fashion-mnist: " + nTrain + " training + " + nValid + " validation images asked, the training set has " + all.size());
        }
        int nTest = sizes.testOr(officialTest.size());
        if (nTest > officialTest.size()) throw new DataException("fashion-mnist: " + nTest + " test images asked, the test set has " + officialTest.size());
        int[] order = Permutations.random(all.size(), new SplittableRandom(seed));
        return new DataSplits("fashion-mnist", all.rows(slice(order, 0, nTrain)), all.rows(slice(order, nTrain, nTrain + nValid)),
                officialTest.range(0, nTest));
    }

    private static DataSplits file(Path file, Sizes sizes, long seed) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!Files.exists(file)) {
            throw new DataException("no such file or data set: " + file + " (give a .csv, .arff or IDX file, or fashion-mnist, rectangles, convex)");
        }
        if (Files.isDirectory(file)) throw new DataException("is a directory: " + file);
        Dataset all;
        if (name.endsWith(".csv")) all = CsvReader.read(file);
        else if (name.endsWith(".arff")) all = ArffReader.read(file);
        else if (name.contains("idx3")) all = IdxReader.read(file, IdxReader.labelsFor(file), 0);
        else throw new DataException(file + ": unknown format (use .csv, .arff or an IDX *-images-idx3-ubyte[.gz] file)");
        checkLearnable(all, file.toString());
        int n = all.size();
        int nValid = sizes.validOr(Math.max(1, n / 5));
        int nTest = sizes.testOr(Math.max(1, n / 5));
        int nTrain = sizes.trainOr(n - nValid - nTest);
        if (nTrain < 1 || nTrain + nValid + nTest > n) {
            throw new DataException(file + ": " + n + " examples are too few for " + nTrain + " training, " + nValid + " validation and "
                    + nTest + " test examples");
        }
        int[] order = Permutations.random(n, new SplittableRandom(seed));
        Dataset train = all.rows(slice(order, 0, nTrain));
        if (distinctClasses(train) < 2) {
            throw new DataException(file + ": the " + nTrain + " training examples hold one class only (give more examples or a larger --train-size)");
        }
        return new DataSplits(file.toString(), train, all.rows(slice(order, nTrain, nTrain + nValid)),
                all.rows(slice(order, nTrain + nValid, nTrain + nValid + nTest)));
    }

    /**
     * Refuses data no network can learn from: no feature besides the class, or one class only.
     *
     * @throws DataException with one line that says which
     */
    public static void checkLearnable(Dataset all, String source) {
        if (all.dimension() == 0) throw new DataException(source + " has no feature besides the class: there is nothing to learn from");
        if (distinctClasses(all) < 2) {
            throw new DataException(source + ": every example has the same class (a classifier needs examples of two classes at least)");
        }
    }

    private static int distinctClasses(Dataset d) {
        int n = 0;
        for (int c : d.classCounts()) if (c > 0) n++;
        return n;
    }

    private static int[] slice(int[] a, int from, int to) {
        return java.util.Arrays.copyOfRange(a, from, to);
    }
}
