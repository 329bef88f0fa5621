package dev.hyperopt.vision.pipeline;

import dev.hyperopt.nd4j.Nd4jRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class LinearClassifierTest {
    private static final double[][] CENTRES = {{0, 0}, {10, 0}, {0, 10}};

    /**
     * Three classes, each a cluster around its own corner, then a constant feature and one
     * whose variance is a millionth of the others'.
     */
    private static float[][] clusters(int[] y) {
        Random rng = new Random(1);
        float[][] x = new float[y.length][4];
        for (int i = 0; i < y.length; i++) {
            y[i] = i % 3;
            x[i][0] = (float) (CENTRES[y[i]][0] + rng.nextGaussian());
            x[i][1] = (float) (CENTRES[y[i]][1] + rng.nextGaussian());
            x[i][2] = 7f;
            x[i][3] = (float) (0.01 * rng.nextGaussian());
        }
        return x;
    }

    @ParameterizedTest
    @EnumSource(ClassifierSpec.Loss.class)
    void separatesLinearlySeparableClustersAndPredictsNewPoints(ClassifierSpec.Loss loss) {
        Nd4jRuntime.start();
        int[] y = new int[90];
        float[][] x = clusters(y);
        for (boolean standardize : new boolean[]{true, false}) {
            LinearClassifier c = LinearClassifier.fit(new ClassifierSpec(loss, 1e-4, 300, 0.1, standardize, 0), Nd4j.createFromArray(x), y, 3);
            assertThat(c.kept()).isNull();
            assertThat(c.errorRate(Nd4j.createFromArray(x), y)).as("standardize " + standardize).isZero();
            INDArray fresh = Nd4j.createFromArray(new float[][]{{9, 1, 7, 0}, {1, 9, 7, 0}, {0.5f, 0.5f, 7, 0}});
            assertThat(c.predict(fresh)).containsExactly(1, 2, 0);
        }
    }

    @Test
    void featuresUnderTheVarianceThresholdAreDropped() {
        Nd4jRuntime.start();
        int[] y = new int[90];
        float[][] x = clusters(y);
        // variances about 23, 23, 0 and 1e-4: mean about 11.5
        LinearClassifier some = LinearClassifier.fit(new ClassifierSpec(ClassifierSpec.Loss.SOFTMAX, 1e-4, 300, 0.1, true, 1e-3),
                Nd4j.createFromArray(x), y, 3);
        assertThat(some.kept()).containsExactly(0, 1);
        assertThat(some.weights().shape()).containsExactly(2, 3);
        assertThat(some.errorRate(Nd4j.createFromArray(x), y)).isZero();
        LinearClassifier tiny = LinearClassifier.fit(new ClassifierSpec(ClassifierSpec.Loss.SOFTMAX, 1e-4, 10, 0.1, true, 1e-7),
                Nd4j.createFromArray(x), y, 3);
        assertThat(tiny.kept()).containsExactly(0, 1, 3);
        LinearClassifier back = LinearClassifier.of(some.kept(), some.mean(), some.std(), some.weights(), some.bias());
        assertThat(back.scores(Nd4j.createFromArray(x))).isEqualTo(some.scores(Nd4j.createFromArray(x)));
    }
}
