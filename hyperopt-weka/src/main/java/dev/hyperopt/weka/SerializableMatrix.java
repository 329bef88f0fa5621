package dev.hyperopt.weka;

import no.uib.cipr.matrix.DenseMatrix;
import no.uib.cipr.matrix.Matrix;

import java.io.InvalidObjectException;
import java.io.ObjectStreamException;
import java.io.Serial;
import java.io.Serializable;

/**
 * What a saved model holds in place of a matrix of MTJ, the linear-algebra library of Weka
 * 3.8, whose matrices are not serializable (PrincipalComponents keeps one, GaussianProcesses
 * another): the entries and the matrix class, turned back into that class on reading, so a
 * model read by {@code weka.core.SerializationHelper} is the model that was written.
 */
public final class SerializableMatrix implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String matrixClass;
    private final double[][] entries;

    private SerializableMatrix(String matrixClass, double[][] entries) {
        this.matrixClass = matrixClass;
        this.entries = entries;
    }

    /** The stand-in for {@code m}, or null when its class cannot be rebuilt from its entries. */
    static SerializableMatrix of(Matrix m) {
        if (!rebuildable(m.getClass())) return null;
        double[][] e = new double[m.numRows()][m.numColumns()];
        for (int i = 0; i < e.length; i++) {
            for (int j = 0; j < e[i].length; j++) e[i][j] = m.get(i, j);
        }
        return new SerializableMatrix(m.getClass().getName(), e);
    }

    private static boolean rebuildable(Class<?> c) {
        if (!c.getName().startsWith("no.uib.cipr.matrix.") || !Matrix.class.isAssignableFrom(c)) return false;
        try {
            c.getConstructor(Matrix.class);
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    @Serial
    private Object readResolve() throws ObjectStreamException {
        try {
            // Only MTJ matrix classes are rebuilt, whatever the file says.
            Class<?> c = Class.forName(matrixClass, false, Matrix.class.getClassLoader());
            if (!rebuildable(c)) throw new InvalidObjectException("not an MTJ matrix class: " + matrixClass);
            return c.getConstructor(Matrix.class).newInstance(new DenseMatrix(entries));
        } catch (ReflectiveOperationException | RuntimeException e) {
            InvalidObjectException x = new InvalidObjectException("cannot rebuild a " + matrixClass + ": " + e);
            x.initCause(e);
            throw x;
        }
    }
}
