package dev.hyperopt.dl4j.model;

import dev.hyperopt.engine.api.Config;
import dev.hyperopt.engine.api.ConfigException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.eigen.Eigen;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;

/**
 * The fixed affine map applied to inputs before the network, fitted on the training set:
 * {@code x' = ((x - center) * scale) P}, with {@code scale} a per-column factor and {@code P}
 * a projection (either may be absent).
 * <ul>
 *   <li>{@code raw}: the identity;</li>
 *   <li>{@code colnorm}: each column to mean 0 and variance about 1;</li>
 *   <li>{@code pca}: the principal components that hold a fraction {@code energy} of the
 *   variance, each whitened to variance about 1;</li>
 *   <li>{@code zca}: the same whitening rotated back to the input space (Bell and Sejnowski 1997),
 *   as hyperopt-dbn's {@code zca_layer}.</li>
 * </ul>
 * Each divides by {@code sqrt(variance + eps)}: for whitening {@code eps} is a thousandth of
 * the mean eigenvalue, so that tiny components are not blown up; for column normalization a
 * millionth of the mean column variance, which only keeps constant columns at 0.
 * Because the map is affine it folds into the first layer of a network ({@link #fold}), and
 * saved models take raw inputs.
 */
public record Preprocessing(String kind, INDArray center, INDArray scale, INDArray projection) {

    static final double WHITENING_EPS = 1e-3;
    static final double COLUMN_EPS = 1e-6;

    /** The preprocessing a configuration names: {@code {raw: {}} | {colnorm: {}} | {pca: {energy}} | {zca: {energy}}}. */
    public record Choice(String kind, double energy) {
        public static Choice from(Config pre) {
            String kind = pre.branch().toLowerCase(Locale.ROOT);
            return switch (kind) {
                case "raw", "colnorm" -> new Choice(kind, 1.0);
                case "pca", "zca" -> new Choice(kind, pre.getDouble(pre.branch() + ".energy"));
                default -> throw new ConfigException("preprocessing '" + pre.branch() + "' is none of raw, colnorm, pca, zca");
            };
        }
    }

    /** Inputs after the map. */
    public int outputs(int inputs) {
        return projection == null ? inputs : (int) projection.columns();
    }

    public static Preprocessing raw() {
        return new Preprocessing("raw", null, null, null);
    }

    /**
     * Fits the map on the rows of {@code x}.
     *
     * @param energy the fraction of variance kept by {@code pca} and {@code zca}, in (0, 1]
     */
    public static Preprocessing fit(String kind, double energy, INDArray x) {
        String k = kind.toLowerCase(Locale.ROOT);
        if (k.equals("raw")) return raw();
        INDArray mean = x.mean(true, 0).castTo(DataType.FLOAT);
        if (k.equals("colnorm")) {
            INDArray var = x.var(false, 0).reshape(1, x.columns()).castTo(DataType.DOUBLE);
            double eps = COLUMN_EPS * var.meanNumber().doubleValue() + 1e-12;
            return new Preprocessing("colnorm", mean, rsqrt(var, eps), null);
        }
        if (!k.equals("pca") && !k.equals("zca")) {
            throw new IllegalArgumentException("unknown preprocessing '" + kind + "' (raw, colnorm, pca or zca)");
        }
        if (!(energy > 0 && energy <= 1)) throw new IllegalArgumentException("energy must be in (0, 1], got " + energy);
        INDArray xc = x.castTo(DataType.DOUBLE).subRowVector(mean.castTo(DataType.DOUBLE));
        long d = x.columns();
        INDArray cov = xc.transpose().mmul(xc).divi(Math.max(1, x.rows() - 1));
        INDArray vectors = cov.dup('f');
        INDArray values = Eigen.symmetricGeneralizedEigenvalues(vectors, true);
        double[] lambda = values.toDoubleVector();
        Integer[] order = new Integer[lambda.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> lambda[i]).reversed());
        double total = 0;
        for (double l : lambda) total += Math.max(0, l);
        double eps = WHITENING_EPS * total / d + 1e-12;
        double max = Math.max(lambda[order[0]], 0);
        int keep = 0;
        double kept = 0;
        while (keep < order.length && lambda[order[keep]] > 1e-9 * max && (keep == 0 || kept < energy * total - 1e-12)) {
            kept += lambda[order[keep]];
            keep++;
        }
        keep = Math.max(keep, 1);
        INDArray u = Nd4j.create(DataType.DOUBLE, d, keep);
        for (int j = 0; j < keep; j++) {
            INDArray column = vectors.get(NDArrayIndex.all(), NDArrayIndex.point(order[j])).reshape(d, 1);
            u.get(NDArrayIndex.all(), NDArrayIndex.point(j)).assign(column.reshape(d).div(Math.sqrt(Math.max(lambda[order[j]], 0) + eps)));
        }
        INDArray p = u;
        if (k.equals("zca")) {
            INDArray basis = Nd4j.create(DataType.DOUBLE, d, keep);
            for (int j = 0; j < keep; j++) {
                basis.get(NDArrayIndex.all(), NDArrayIndex.point(j)).assign(vectors.get(NDArrayIndex.all(), NDArrayIndex.point(order[j])).reshape(d));
            }
            p = u.mmul(basis.transpose());
        }
        return new Preprocessing(k, mean, null, p.castTo(DataType.FLOAT));
    }

    private static INDArray rsqrt(INDArray var, double eps) {
        double[] v = var.toDoubleVector();
        float[] s = new float[v.length];
        for (int i = 0; i < v.length; i++) s[i] = (float) (1 / Math.sqrt(Math.max(v[i], 0) + eps));
        return Nd4j.createFromArray(new float[][]{s});
    }

    /** The map applied to the rows of {@code x}. */
    public INDArray apply(INDArray x) {
        if (center == null) return x;
        INDArray y = x.subRowVector(center);
        if (scale != null) y.muliRowVector(scale);
        if (projection != null) y = y.mmul(projection);
        return y;
    }

    /**
     * The first layer's weights and bias on raw inputs: for {@code z = x' W + b} returns
     * {@code W*} and {@code b*} with {@code z = x W* + b*}.
     */
    public INDArray[] fold(INDArray w, INDArray b) {
        if (center == null) return new INDArray[]{w, b};
        INDArray folded = projection == null ? w.dup() : projection.mmul(w);
        if (scale != null) folded.muliColumnVector(scale.reshape(scale.length(), 1));
        INDArray bias = b.sub(center.mmul(folded));
        return new INDArray[]{folded, bias};
    }
}
