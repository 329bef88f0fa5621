package dev.hyperopt.vision.bench;

import dev.hyperopt.nd4j.data.DataSplits;
import dev.hyperopt.vision.data.ImageSplits;
import dev.hyperopt.vision.data.Images;
import dev.hyperopt.vision.pipeline.FeaturePipeline;
import dev.hyperopt.vision.pipeline.FilterbankSpec;
import dev.hyperopt.vision.pipeline.InputSpec;
import dev.hyperopt.vision.pipeline.LayerSpec;
import dev.hyperopt.vision.pipeline.NormSpec;
import dev.hyperopt.vision.pipeline.PipelineSpec;
import dev.hyperopt.vision.pipeline.PoolSpec;
import dev.hyperopt.vision.pipeline.ReadoutSpec;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.List;
import java.util.Locale;

/**
 * Feature-extraction throughput of a typical two-layer pipeline on 28x28 Fashion-MNIST images,
 * with random and with whitened filterbanks. Arguments: the number of images (default 5000).
 * Prints one line per pipeline: images per second of {@code features}, after a warm-up; the
 * fit (drawing or estimating the filters) is timed apart.
 */
public final class FeatureThroughput {
    private FeatureThroughput() {}

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        Images images = ImageSplits.from(DataSplits.open("fashion-mnist", new DataSplits.Sizes(n, 10, 10), 1)).train();
        INDArray x = images.pixels();
        for (FilterbankSpec.Kind kind : FilterbankSpec.Kind.values()) {
            PipelineSpec spec = typical(kind);
            long t0 = System.nanoTime();
            FeaturePipeline p = FeaturePipeline.fit(spec, x);
            double fit = (System.nanoTime() - t0) / 1e9;
            p.features(x.get(NDArrayIndex.interval(0, Math.min(n, 200)), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all()));
            long t1 = System.nanoTime();
            INDArray f = p.features(x);
            double s = (System.nanoTime() - t1) / 1e9;
            System.out.printf(Locale.ROOT, "%-16s %d images 28x28 -> %d features: %.2f s, %.0f images/s (fit %.2f s)%n",
                    kind.id(), n, f.columns(), s, n / s, fit);
        }
    }

    /**
     * 32 filters 5x5, clip at 0, 5x5 normalization, L2 pooling 3/2 (28 -> 24 -> 20 -> 9); 64
     * filters 3x3, clip at 0, 3x3 normalization, L2 pooling 2/1 (9 -> 7 -> 5 -> 4); a 2x2 grid
     * readout: 256 features.
     */
    static PipelineSpec typical(FilterbankSpec.Kind kind) {
        LayerSpec one = new LayerSpec(new FilterbankSpec(kind, 32, 5, 0.1, 4000), 0, Double.POSITIVE_INFINITY,
                new NormSpec(5, true, 1, 1), new PoolSpec(2, 3, 2));
        LayerSpec two = new LayerSpec(new FilterbankSpec(kind, 64, 3, 0.1, 4000), 0, Double.POSITIVE_INFINITY,
                new NormSpec(3, true, 1, 1), new PoolSpec(2, 2, 1));
        return new PipelineSpec(InputSpec.NONE, List.of(one, two), ReadoutSpec.grid(2, 2), 16384, 1);
    }
}
