package dev.hyperopt.nd4j.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads the IDX format of MNIST and Fashion-MNIST (plain or gzipped): an images file
 * (magic 0x803: count, rows, columns, then one unsigned byte per pixel) and a labels file
 * (magic 0x801: count, then one byte per label). Pixels are scaled to [0, 1].
 */
public final class IdxReader {
    private static final int IMAGES = 0x00000803;
    private static final int LABELS = 0x00000801;

    private IdxReader() {}

    /**
     * @param classes the number of classes, or 0 to take the largest label plus one
     * @throws DataException for a missing, truncated or corrupt file, or files that disagree
     */
    public static Dataset read(Path images, Path labels, int classes) {
        byte[][] pixels;
        int rows;
        int cols;
        try (DataInputStream in = open(images)) {
            int magic = in.readInt();
            if (magic != IMAGES) throw new DataException(images + ": not an IDX images file (magic 0x" + Integer.toHexString(magic) + ", expected 0x803)");
            int n = in.readInt();
            rows = in.readInt();
            cols = in.readInt();
            if (n <= 0) throw new DataException(images + ": the data set is empty");
            if (rows <= 0 || cols <= 0 || (long) rows * cols > 1 << 20) {
                throw new DataException(images + ": bad image dimensions " + rows + "x" + cols);
            }
            pixels = new byte[n][rows * cols];
            for (int i = 0; i < n; i++) in.readFully(pixels[i]);
        } catch (EOFException e) {
            throw new DataException(images + ": truncated (fewer pixels than its header announces)");
        } catch (IOException e) {
            throw io(images, e);
        }
        int[] y;
        try (DataInputStream in = open(labels)) {
            int magic = in.readInt();
            if (magic != LABELS) throw new DataException(labels + ": not an IDX labels file (magic 0x" + Integer.toHexString(magic) + ", expected 0x801)");
            int n = in.readInt();
            if (n != pixels.length) throw new DataException(labels + ": " + n + " labels for " + pixels.length + " images in " + images);
            y = new int[n];
            for (int i = 0; i < n; i++) y[i] = in.readUnsignedByte();
        } catch (EOFException e) {
            throw new DataException(labels + ": truncated (fewer labels than its header announces)");
        } catch (IOException e) {
            throw io(labels, e);
        }
        int k = classes;
        if (k == 0) {
            for (int v : y) k = Math.max(k, v + 1);
        }
        for (int i = 0; i < y.length; i++) {
            if (y[i] >= k) throw new DataException(labels + ": label " + y[i] + " of example " + i + " is out of range 0.." + (k - 1));
        }
        float[][] x = new float[pixels.length][rows * cols];
        for (int i = 0; i < pixels.length; i++) {
            for (int j = 0; j < rows * cols; j++) x[i][j] = (pixels[i][j] & 0xff) / 255f;
        }
        return Dataset.of(x, y, k, rows, cols);
    }

    /** The labels file next to an images file: {@code X-images-idx3-ubyte[.gz]} goes with {@code X-labels-idx1-ubyte[.gz]}. */
    public static Path labelsFor(Path images) {
        String name = images.getFileName().toString();
        if (!name.contains("images-idx3")) {
            throw new DataException(images + ": an IDX images file is named *-images-idx3-ubyte[.gz], so that its labels file can be found");
        }
        return images.resolveSibling(name.replace("images-idx3", "labels-idx1"));
    }

    private static DataInputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file));
        raw.mark(2);
        int b0 = raw.read();
        int b1 = raw.read();
        raw.reset();
        InputStream in = b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(raw, 1 << 16) : raw;
        return new DataInputStream(new BufferedInputStream(in, 1 << 16));
    }

    private static DataException io(Path file, IOException e) {
        if (e instanceof NoSuchFileException) return new DataException("no such file: " + file);
        if (e instanceof ZipException) return new DataException(file + ": corrupt gzip data (" + e.getMessage() + ")");
        return new DataException(file + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
    }
}
