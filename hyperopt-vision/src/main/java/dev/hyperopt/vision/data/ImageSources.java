package dev.hyperopt.vision.data;

import dev.hyperopt.nd4j.data.DataException;
import dev.hyperopt.nd4j.data.DataSplits;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Opens image data by name: {@code fashion-mnist}, {@code rectangles}, {@code convex}, an IDX
 * images file (with its labels file beside it), or a folder of labelled images
 * ({@link ImageFolder}). Sizes default as for the dl4j family's data; a folder is split 20%
 * validation, 20% test and the rest training unless sized, stratified by class.
 */
public final class ImageSources {
    /** Fashion-MNIST's class names, by label. */
    public static final List<String> FASHION_MNIST_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private ImageSources() {}

    /** {@link #open(String, DataSplits.Sizes, long, ImageFolder.Size)} scaling a folder's images to their most common size. */
    public static ImageSplits open(String source, DataSplits.Sizes sizes, long seed) {
        return open(source, sizes, seed, null);
    }

    /**
     * @param imageSize the size a folder's images are scaled to, or null for their most common size (other sources keep theirs, and refuse one)
     * @throws DataException for a missing or unusable source, or sizes it cannot give, with one line that says why
     */
    public static ImageSplits open(String source, DataSplits.Sizes sizes, long seed, ImageFolder.Size imageSize) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sizes, "sizes");
        String key = source.toLowerCase(Locale.ROOT);
        Path path;
        try {
            path = Path.of(source);
        } catch (java.nio.file.InvalidPathException e) {
            throw new DataException("not a file name or data set: " + source);
        }
        if (imageSize != null && !Files.isDirectory(path)) {
            throw new DataException("an image size to scale to applies to a folder of images, not to " + source);
        }
        if (key.equals("fashion-mnist")) {
            ImageSplits d = ImageSplits.from(DataSplits.fashionMnist(DataSplits.FASHION_MNIST, sizes, seed));
            return new ImageSplits(d.name(), named(d.train()), named(d.valid()), named(d.test()));
        }
        if (key.equals("rectangles") || key.equals("convex")) return ImageSplits.from(DataSplits.open(key, sizes, seed));
        if (Files.isDirectory(path)) return folder(path, ImageFolder.read(path, imageSize), sizes, seed);
        if (!Files.exists(path)) {
            throw new DataException("no such file, folder or data set: " + source
                    + " (give fashion-mnist, rectangles, convex, an IDX *-images-idx3-ubyte[.gz] file or a folder of class sub-folders)");
        }
        return ImageSplits.from(DataSplits.open(source, sizes, seed));
    }

    private static Images named(Images i) {
        return new Images(i.pixels(), i.labels(), FASHION_MNIST_CLASSES);
    }

    /** Splits a folder's images: test first, then validation, then training, each drawn evenly across classes. */
    static ImageSplits folder(Path dir, Images all, DataSplits.Sizes sizes, long seed) {
        int n = all.size();
        int nValid = sizes.valid() != null ? sizes.valid() : Math.max(1, n / 5);
        int nTest = sizes.test() != null ? sizes.test() : Math.max(1, n / 5);
        int nTrain = sizes.train() != null ? sizes.train() : n - nValid - nTest;
        if (nTrain < 1 || (long) nTrain + nValid + nTest > n) {
            throw new DataException(dir + ": " + n + " images are too few for " + nTrain + " training, " + nValid + " validation and "
                    + nTest + " test images");
        }
        int[] order = stratifiedOrder(all.labels(), all.classes(), seed);
        return new ImageSplits(dir.toString(), all.rows(Arrays.copyOfRange(order, nTest + nValid, nTest + nValid + nTrain)),
                all.rows(Arrays.copyOfRange(order, nTest, nTest + nValid)), all.rows(Arrays.copyOfRange(order, 0, nTest)));
    }

    /**
     * An order of the examples in which every stretch holds the classes in about their
     * proportions: within a class the examples are shuffled, and the k-th of a class of m
     * comes at about k/m of the way.
     */
    static int[] stratifiedOrder(int[] labels, int classes, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < classes; c++) byClass.add(new ArrayList<>());
        for (int i = 0; i < labels.length; i++) byClass.get(labels[i]).add(i);
        double[] key = new double[labels.length];
        for (List<Integer> members : byClass) {
            int m = members.size();
            for (int k = m - 1; k > 0; k--) {
                int j = rng.nextInt(k + 1);
                Integer t = members.get(k);
                members.set(k, members.get(j));
                members.set(j, t);
            }
            for (int k = 0; k < m; k++) key[members.get(k)] = (k + rng.nextDouble()) / m;
        }
        Integer[] idx = new Integer[labels.length];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        Arrays.sort(idx, Comparator.comparingDouble((Integer i) -> key[i]).thenComparingInt(i -> i));
        return Arrays.stream(idx).mapToInt(Integer::intValue).toArray();
    }

    /** The images of {@code a} followed by those of {@code b}: the refit of the best configuration trains on training and validation images. */
    public static Images join(Images a, Images b) {
        if (a.channels() != b.channels() || a.height() != b.height() || a.width() != b.width() || !a.classNames().equals(b.classNames())) {
            throw new IllegalArgumentException("image sets of different shapes or classes cannot be joined");
        }
        int[] y = Arrays.copyOf(a.labels(), a.size() + b.size());
        System.arraycopy(b.labels(), 0, y, a.size(), b.size());
        return new Images(Nd4j.concat(0, a.pixels(), b.pixels()), y, a.classNames());
    }
}
