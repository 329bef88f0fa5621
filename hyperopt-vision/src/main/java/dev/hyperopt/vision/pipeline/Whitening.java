package dev.hyperopt.vision.pipeline;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.eigen.Eigen;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Random;

/**
 * Data-derived filterbanks (hpconvnet's {@code fb_whitened_projections} and
 * {@code fb_whitened_patches}, after Coates and Ng): image patches are ZCA-whitened, and the
 * filters are random directions or sampled patches in the whitened space, mapped back so that
 * they apply to raw patches.
 */
public final class Whitening {
    /**
     * The largest patch ({@code channels x size x size} values) that is whitened: its
     * eigendecomposition takes a few seconds on one core; larger ones are invalid architectures.
     */
    public static final int MAX_DIMENSION = 1600;

    private Whitening() {}

    /** A ZCA whitening: the mean patch {@code [d]} and the symmetric whitening matrix {@code [d, d]}. */
    public record Zca(INDArray mean, INDArray matrix) {}

    /**
     * {@code count} patches of side {@code size}, flattened channel-major into the rows of the
     * result, each from a uniformly drawn map of {@code maps} ({@code [n, c, h, w]}) at a
     * uniformly drawn position.
     */
    public static INDArray samplePatches(INDArray maps, int size, int count, Random rng) {
        int n = (int) maps.size(0);
        int c = (int) maps.size(1);
        int h = (int) maps.size(2);
        int w = (int) maps.size(3);
        FeatureOps.outSide(h, size, 1, "whitening patch");
        FeatureOps.outSide(w, size, 1, "whitening patch");
        float[] m = maps.castTo(DataType.FLOAT).dup('c').data().asFloat();
        int d = c * size * size;
        float[] out = new float[count * d];
        for (int p = 0; p < count; p++) {
            int img = rng.nextInt(n);
            int r = rng.nextInt(h - size + 1);
            int col = rng.nextInt(w - size + 1);
            copyPatch(m, c, h, w, img, r, col, size, out, p * d);
        }
        return Nd4j.create(out, new long[]{count, d}, 'c');
    }

    /** Copies the {@code size x size} patch at row {@code r}, column {@code col} of map {@code img} of {@code maps} ({@code [*, c, h, w]}, flat) into {@code out} from {@code at}, channel-major. */
    static void copyPatch(float[] maps, int c, int h, int w, int img, int r, int col, int size, float[] out, int at) {
        int o = at;
        for (int ch = 0; ch < c; ch++) {
            for (int i = 0; i < size; i++) {
                System.arraycopy(maps, ((img * c + ch) * h + r + i) * w + col, out, o, size);
                o += size;
            }
        }
    }

    /**
     * The ZCA whitening of {@code patches} ({@code [n, d]}): with covariance eigenvalues
     * {@code D} and eigenvectors {@code V}, {@code V diag(1 / sqrt(D + floor)) V^T}, where
     * {@code floor} is {@code whitening} times the mean eigenvalue, so small components are
     * boosted less than in a full whitening.
     */
    public static Zca zca(INDArray patches, double whitening) {
        INDArray x = patches.castTo(DataType.DOUBLE);
        long n = x.rows();
        INDArray mean = x.mean(true, 0);
        INDArray xm = x.subRowVector(mean);
        INDArray cov = xm.transpose().mmul(xm).divi(Math.max(1, n - 1));
        INDArray vectors = cov.dup('c');
        INDArray values = Eigen.symmetricGeneralizedEigenvalues(vectors, true).reshape(-1);
        BooleanIndexing.replaceWhere(values, 0.0, Conditions.lessThan(0.0));
        double floor = whitening * Math.max(values.meanNumber().doubleValue(), 1e-8);
        INDArray scale = Transforms.pow(values.add(floor), -0.5, false);
        INDArray p = vectors.mulRowVector(scale.reshape(1, -1)).mmul(vectors.transpose());
        return new Zca(mean.reshape(-1).castTo(DataType.FLOAT), p.castTo(DataType.FLOAT));
    }

    /** {@code count} random unit directions of the whitened space, as filters on raw patches. */
    public static Filterbank whitenedRandom(Zca zca, int count, int channels, int size, long seed) {
        int d = (int) zca.mean().length();
        Random rng = new Random(seed);
        float[] r = new float[count * d];
        for (int i = 0; i < r.length; i++) r[i] = (float) rng.nextGaussian();
        return mapBack(zca, Nd4j.create(r, new long[]{count, d}, 'c'), channels, size);
    }

    /** {@code count} patches drawn from {@code patches}, whitened, as filters on raw patches. */
    public static Filterbank whitenedPatches(Zca zca, INDArray patches, int count, int channels, int size, long seed) {
        Random rng = new Random(seed);
        int[] rows = new int[count];
        for (int i = 0; i < count; i++) rows[i] = rng.nextInt((int) patches.rows());
        INDArray chosen = patches.castTo(DataType.FLOAT).getRows(rows).subRowVector(zca.mean().reshape(1, -1));
        return mapBack(zca, chosen.mmul(zca.matrix()), channels, size);
    }

    /**
     * Directions {@code u} of the whitened space, each scaled to unit norm, become the filters
     * {@code u P} on raw patches, and their offsets the responses to the mean patch.
     */
    private static Filterbank mapBack(Zca zca, INDArray u, int channels, int size) {
        INDArray norm = u.norm2(1).reshape(-1, 1);
        BooleanIndexing.replaceWhere(norm, 1.0, Conditions.lessThan(1e-20));
        INDArray f = u.diviColumnVector(norm).mmul(zca.matrix());
        INDArray offsets = f.mmul(zca.mean().reshape(-1, 1)).reshape(-1);
        return new Filterbank(f.reshape(f.rows(), channels, size, size), offsets);
    }
}
