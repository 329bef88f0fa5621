package dev.hyperopt.vision.data;

import dev.hyperopt.nd4j.Nd4jRuntime;
import dev.hyperopt.nd4j.data.DataException;
import org.nd4j.linalg.factory.Nd4j;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A folder of labelled images, the layout most image tools read: one sub-folder per class,
 * named by the class, holding that class's images (PNG, JPEG, GIF or BMP, at any depth below
 * it). Classes are the sub-folders in name order. Every image is scaled to one size, the
 * most common one unless given; the set has one channel when every image is grey and three
 * (red, green, blue) otherwise.
 */
public final class ImageFolder {
    /** More pixels than this in one image is refused: a folder of photographs wants a smaller {@code size}. */
    static final long MAX_PIXELS = 1L << 20;

    private ImageFolder() {}

    /** An image size, height by width. */
    public record Size(int height, int width) {
        public Size {
            if (height < 1 || width < 1) throw new DataException("an image size must be at least 1x1, got " + height + "x" + width);
            if ((long) height * width > MAX_PIXELS) {
                throw new DataException("an image size of " + height + "x" + width + " is more than " + MAX_PIXELS + " pixels");
            }
        }

        /** Reads {@code HxW} or a single {@code N} for a square. */
        public static Size parse(String text) {
            String t = text.trim().toLowerCase(java.util.Locale.ROOT);
            try {
                int x = t.indexOf('x');
                if (x < 0) {
                    int n = Integer.parseInt(t);
                    return new Size(n, n);
                }
                return new Size(Integer.parseInt(t.substring(0, x).trim()), Integer.parseInt(t.substring(x + 1).trim()));
            } catch (NumberFormatException e) {
                throw new DataException("'" + text + "' is not an image size (HEIGHTxWIDTH, e.g. 28x28, or N for NxN)");
            }
        }

        @Override
        public String toString() {
            return height + "x" + width;
        }
    }

    /**
     * Reads every image under {@code dir}.
     *
     * @param size the size to scale to, or null for the most common size
     * @throws DataException for a folder without two class sub-folders holding images, or an image that cannot be read
     */
    public static Images read(Path dir, Size size) {
        if (!Files.isDirectory(dir)) throw new DataException("not a folder: " + dir);
        List<Path> classDirs;
        try (Stream<Path> s = Files.list(dir)) {
            classDirs = s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new DataException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        if (classDirs.isEmpty()) {
            throw new DataException(dir + ": no class sub-folders (a folder of images needs one sub-folder per class, named by the class)");
        }
        List<String> names = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (Path c : classDirs) {
            List<Path> images = ImageFiles.under(c);
            if (images.isEmpty()) continue;
            int label = names.size();
            names.add(c.getFileName().toString());
            for (Path p : images) {
                files.add(p);
                labels.add(label);
            }
        }
        if (names.isEmpty()) {
            throw new DataException(dir + ": no image files (" + String.join(", ", ImageFiles.EXTENSIONS) + ") in its class sub-folders");
        }
        if (names.size() < 2) {
            throw new DataException(dir + ": only one class (" + names.get(0) + ") has images; a classifier needs at least two");
        }
        List<BufferedImage> read = new ArrayList<>(files.size());
        boolean grey = true;
        Map<Long, Integer> sizes = new HashMap<>();
        for (Path f : files) {
            BufferedImage img = ImageFiles.read(f);
            read.add(img);
            grey &= ImageFiles.isGrey(img);
            sizes.merge((long) img.getHeight() << 32 | img.getWidth(), 1, Integer::sum);
        }
        Size target = size;
        if (target == null) {
            long common = mostCommon(sizes);
            int h = (int) (common >>> 32);
            int w = (int) common;
            if ((long) h * w > MAX_PIXELS) {
                throw new DataException(dir + ": the most common image size, " + h + "x" + w + ", is more than " + MAX_PIXELS
                        + " pixels; give a smaller size to scale to");
            }
            target = new Size(h, w);
        }
        int channels = grey ? 1 : 3;
        long values = (long) files.size() * channels * target.height() * target.width();
        if (values > Integer.MAX_VALUE) {
            throw new DataException(dir + ": " + files.size() + " images of " + channels + "x" + target + " are too many values to hold; give a smaller size");
        }
        float[] all = new float[(int) values];
        int per = channels * target.height() * target.width();
        for (int i = 0; i < read.size(); i++) {
            float[] px = ImageFiles.pixels(read.get(i), channels, target.height(), target.width());
            System.arraycopy(px, 0, all, i * per, per);
            read.set(i, null);
        }
        int[] y = labels.stream().mapToInt(Integer::intValue).toArray();
        Nd4jRuntime.start();
        return new Images(Nd4j.create(all, new long[]{files.size(), channels, target.height(), target.width()}, 'c'), y, names);
    }

    /** The most common of sizes keyed {@code height << 32 | width}; a tie goes to the larger key, so the result does not depend on file order. */
    private static long mostCommon(Map<Long, Integer> sizes) {
        long best = -1;
        int count = 0;
        for (Map.Entry<Long, Integer> e : sizes.entrySet()) {
            if (e.getValue() > count || e.getValue() == count && e.getKey() > best) {
                best = e.getKey();
                count = e.getValue();
            }
        }
        return best;
    }
}
