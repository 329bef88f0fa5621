package dev.hyperopt.weka;

import no.uib.cipr.matrix.Matrix;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes trained models in the format of {@code weka.core.SerializationHelper.write}, so that
 * {@code SerializationHelper.read} loads them, with the MTJ matrices some Weka 3.8 models hold
 * (not serializable) written as {@link SerializableMatrix}: a model that loads needs this module
 * on the class path.
 */
public final class WekaModels {
    private WekaModels() {}

    /** Writes {@code model} to {@code file}; on failure nothing is left at {@code file}. */
    public static void write(Object model, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        try (ObjectOutputStream out = new MatrixReplacingStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            out.writeObject(model);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // the caller reports the write that failed
            }
            throw e;
        }
    }

    /** Whether {@link #write} can write {@code model}. */
    public static boolean writable(Object model) {
        try (ObjectOutputStream out = new MatrixReplacingStream(OutputStream.nullOutputStream())) {
            out.writeObject(model);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static final class MatrixReplacingStream extends ObjectOutputStream {
        MatrixReplacingStream(OutputStream out) throws IOException {
            super(out);
            enableReplaceObject(true);
        }

        @Override
        protected Object replaceObject(Object obj) {
            if (obj instanceof Matrix m && !(obj instanceof Serializable)) {
                SerializableMatrix s = SerializableMatrix.of(m);
                if (s != null) return s;
            }
            return obj;
        }
    }
}
