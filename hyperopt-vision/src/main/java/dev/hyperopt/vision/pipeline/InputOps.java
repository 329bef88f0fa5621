package dev.hyperopt.vision.pipeline;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The input stage on batches shaped {@code [images, channels, height, width]}: resizing,
 * a fixed affine warp and per-image standardization. All are deterministic, so a fitted
 * pipeline treats new images exactly as its training images.
 */
public final class InputOps {
    private InputOps() {}

    /** Added to the variance when standardizing images, so flat images stay flat instead of exploding. */
    public static final double STANDARDIZE_EPSILON = 1e-3;

    /**
     * The output sides, larger side {@code side} and the other in proportion (rounded, at
     * least 1 pixel); a null side keeps the size.
     */
    public static int[] resizedShape(int height, int width, Integer side) {
        if (side == null) return new int[]{height, width};
        double s = (double) side / Math.max(height, width);
        return new int[]{Math.max(1, (int) Math.round(height * s)), Math.max(1, (int) Math.round(width * s))};
    }

    /**
     * Resizes every map to {@code oh x ow}, separably: each output pixel averages the input
     * pixels under a triangle (tent) kernel centred on its position, one input pixel wide when
     * enlarging (bilinear interpolation) and one output pixel wide when shrinking, so shrinking
     * averages every input pixel instead of skipping some.
     */
    public static INDArray resize(INDArray x, int oh, int ow) {
        long n = x.size(0);
        long c = x.size(1);
        int h = (int) x.size(2);
        int w = (int) x.size(3);
        if (oh == h && ow == w) return x;
        INDArray in = x.castTo(DataType.FLOAT).dup('c');
        // rows: [n c h, w] x [w, ow]
        INDArray a = in.reshape(n * c * h, w).mmul(resizeMatrix(w, ow).transpose());
        // columns: [n c, ow, h] -> [n c ow, h] x [h, oh]
        INDArray b = a.reshape(n * c, h, ow).permute(0, 2, 1).dup('c').reshape(n * c * ow, h).mmul(resizeMatrix(h, oh).transpose());
        return b.reshape(n * c, ow, oh).permute(0, 2, 1).dup('c').reshape(n, c, oh, ow);
    }

    /** The {@code [out, in]} matrix whose row {@code i} holds the weights of output pixel {@code i}. */
    static INDArray resizeMatrix(int in, int out) {
        double f = (double) in / out;
        double support = Math.max(1.0, f);
        float[][] m = new float[out][in];
        for (int i = 0; i < out; i++) {
            double centre = (i + 0.5) * f - 0.5;
            double sum = 0;
            int lo = (int) Math.floor(centre - support);
            int hi = (int) Math.ceil(centre + support);
            for (int j = Math.max(0, lo); j <= Math.min(in - 1, hi); j++) {
                double wgt = Math.max(0, 1 - Math.abs(j - centre) / support);
                m[i][j] = (float) wgt;
                sum += wgt;
            }
            if (sum == 0) {
                m[i][(int) Math.max(0, Math.min(in - 1, Math.round(centre)))] = 1;
            } else {
                for (int j = 0; j < in; j++) m[i][j] /= (float) sum;
            }
        }
        return Nd4j.createFromArray(m);
    }

    /**
     * Warps every map by the same affine transform about the map's centre: output pixel
     * {@code q} takes the bilinear interpolation of the input at {@code A^-1 (q - shift)}, where
     * {@code A} scales, rotates and shears (in that order from the left: {@code scale * R(rotate)
     * * [[1, shear], [0, 1]]} acting on (x, y) with y pointing down); input outside the map
     * reads as 0.
     */
    public static INDArray warp(INDArray x, InputSpec.Warp warp) {
        int n = (int) x.size(0);
        int c = (int) x.size(1);
        int h = (int) x.size(2);
        int w = (int) x.size(3);
        double cos = Math.cos(warp.rotate());
        double sin = Math.sin(warp.rotate());
        double s = warp.scale();
        // A = s * [[cos, -sin], [sin, cos]] * [[1, shear], [0, 1]]
        double a00 = s * cos;
        double a01 = s * (cos * warp.shear() - sin);
        double a10 = s * sin;
        double a11 = s * (sin * warp.shear() + cos);
        double det = a00 * a11 - a01 * a10;
        double i00 = a11 / det;
        double i01 = -a01 / det;
        double i10 = -a10 / det;
        double i11 = a00 / det;
        double cx = (w - 1) / 2.0;
        double cy = (h - 1) / 2.0;
        double tx = warp.shiftX() * w;
        double ty = warp.shiftY() * h;
        int hw = h * w;
        int[] idx = new int[hw * 4];
        float[] wt = new float[hw * 4];
        for (int r = 0; r < h; r++) {
            for (int col = 0; col < w; col++) {
                double qx = col - cx - tx;
                double qy = r - cy - ty;
                double sx = i00 * qx + i01 * qy + cx;
                double sy = i10 * qx + i11 * qy + cy;
                int x0 = (int) Math.floor(sx);
                int y0 = (int) Math.floor(sy);
                double fx = sx - x0;
                double fy = sy - y0;
                int o = (r * w + col) * 4;
                int k = 0;
                for (int dy = 0; dy <= 1; dy++) {
                    for (int dx = 0; dx <= 1; dx++, k++) {
                        int yy = y0 + dy;
                        int xx = x0 + dx;
                        double weight = (dy == 0 ? 1 - fy : fy) * (dx == 0 ? 1 - fx : fx);
                        boolean inside = yy >= 0 && yy < h && xx >= 0 && xx < w;
                        idx[o + k] = inside ? yy * w + xx : 0;
                        wt[o + k] = inside ? (float) weight : 0f;
                    }
                }
            }
        }
        float[] in = x.castTo(DataType.FLOAT).dup('c').data().asFloat();
        float[] out = new float[in.length];
        for (int m = 0; m < n * c; m++) {
            int base = m * hw;
            for (int p = 0; p < hw; p++) {
                int o = p * 4;
                out[base + p] = wt[o] * in[base + idx[o]] + wt[o + 1] * in[base + idx[o + 1]]
                        + wt[o + 2] * in[base + idx[o + 2]] + wt[o + 3] * in[base + idx[o + 3]];
            }
        }
        return Nd4j.create(out, new long[]{n, c, h, w}, 'c');
    }

    /** Each image less its mean over all channels and pixels, divided by {@code sqrt(variance + }{@link #STANDARDIZE_EPSILON}{@code )}. */
    public static INDArray standardize(INDArray x) {
        long n = x.size(0);
        INDArray flat = x.castTo(DataType.FLOAT).dup('c').reshape(n, -1);
        INDArray mean = flat.mean(true, 1);
        INDArray centred = flat.subiColumnVector(mean);
        INDArray var = centred.mul(centred).mean(true, 1);
        INDArray div = Transforms.sqrt(var.addi(STANDARDIZE_EPSILON), false);
        return centred.diviColumnVector(div).reshape(x.shape());
    }
}
