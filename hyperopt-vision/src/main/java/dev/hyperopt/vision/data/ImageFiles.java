package dev.hyperopt.vision.data;

import dev.hyperopt.nd4j.data.DataException;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Image files as pixels: read with {@link ImageIO} (PNG, JPEG, GIF, BMP), scaled to a
 * given size by bilinear interpolation and laid out channel by channel in [0, 1], so that a
 * folder of images and a fitted model's input agree on one layout.
 */
public final class ImageFiles {
    /** The names an image file may end with. */
    public static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg", ".gif", ".bmp");

    private ImageFiles() {}

    /** Whether a file's name ends with an image extension. */
    public static boolean isImage(Path file) {
        String n = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        for (String e : EXTENSIONS) if (n.endsWith(e)) return true;
        return false;
    }

    /** The image files under {@code dir} (all depths), sorted by path. */
    public static List<Path> under(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> Files.isRegularFile(p) && isImage(p)).sorted().toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new DataException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads one image.
     *
     * @throws DataException for a missing file or one that is no image ImageIO can decode
     */
    public static BufferedImage read(Path file) {
        BufferedImage img;
        try (InputStream in = Files.newInputStream(file)) {
            img = ImageIO.read(in);
        } catch (NoSuchFileException e) {
            throw new DataException("no such file: " + file);
        } catch (IOException | RuntimeException e) {
            throw new DataException(file + ": cannot read the image (" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")", e);
        }
        if (img == null) throw new DataException(file + ": not an image that can be read (PNG, JPEG, GIF or BMP)");
        if (img.getWidth() < 1 || img.getHeight() < 1) throw new DataException(file + ": the image is empty");
        return img;
    }

    /** Whether the image has one colour channel (grey, with or without alpha). */
    public static boolean isGrey(BufferedImage img) {
        return img.getColorModel().getColorSpace().getNumComponents() == 1;
    }

    /**
     * The pixels of {@code img} scaled to {@code height x width}, channel after channel
     * (row-major in each): one channel is the grey level (the luminance of a colour image),
     * three are red, green and blue (a grey image repeated).
     */
    public static float[] pixels(BufferedImage img, int channels, int height, int width) {
        if (channels != 1 && channels != 3) throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
        boolean grey = isGrey(img);
        BufferedImage src = img;
        if (img.getWidth() != width || img.getHeight() != height) {
            BufferedImage scaled = new BufferedImage(width, height, grey ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
            Graphics2D g = scaled.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(img, 0, 0, width, height, null);
            g.dispose();
            src = scaled;
        }
        int plane = height * width;
        float[] out = new float[channels * plane];
        if (grey) {
            // The raster holds the grey level itself; getRGB would pass it through a colour-space conversion.
            var raster = src.getRaster();
            int bits = src.getColorModel().getComponentSize(0);
            float max = (float) ((1L << bits) - 1);
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    float v = raster.getSample(x, y, 0) / max;
                    for (int c = 0; c < channels; c++) out[c * plane + y * width + x] = v;
                }
            }
            return out;
        }
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = src.getRGB(x, y);
                float r = ((rgb >> 16) & 0xff) / 255f;
                float g = ((rgb >> 8) & 0xff) / 255f;
                float b = (rgb & 0xff) / 255f;
                int i = y * width + x;
                if (channels == 1) {
                    out[i] = 0.299f * r + 0.587f * g + 0.114f * b;
                } else {
                    out[i] = r;
                    out[plane + i] = g;
                    out[2 * plane + i] = b;
                }
            }
        }
        return out;
    }

    /** The files that {@code paths} name: image files as given, folders replaced by the image files under them. */
    public static List<Path> expand(List<Path> paths) {
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                List<Path> found = under(p);
                if (found.isEmpty()) throw new DataException(p + ": no image files (" + String.join(", ", EXTENSIONS) + ") in this folder");
                out.addAll(found);
            } else if (Files.exists(p)) {
                out.add(p);
            } else {
                throw new DataException("no such file or folder: " + p);
            }
        }
        return out;
    }
}
