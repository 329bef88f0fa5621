package dev.hyperopt.vision.pipeline;

import dev.hyperopt.dl4j.model.Nd4jRuntime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class LinearClassifierTest {

    /** Three classes, each a cluster around its own corner, with a constant feature the standardization must survive. */
    @ParameterizedTest
    @EnumSource(ClassifierSpec.Loss.class)
    void separatesLinearlySeparableClustersAndPredictsNewPoints(ClassifierSpec.Loss loss) {
        Nd4jRuntime.start();
        double[][] centres = {{0, 0}, {10, 0}, {0, 10}};
        Random rng = new Random(1);
        float[][] x = new float[90][3];
        int[] y = new int[90];
        for (int i = 0; i < 90; i++) {
            y[i] = i % 3;
            x[i][0] = (float) (centres[y[i]][0] + rng.nextGaussian());
            x[i][1] = (float) (centres[y[i]][1] + rng.nextGaussian());
            x[i][2] = 7f;
        }
        LinearClassifier c = LinearClassifier.fit(new ClassifierSpec(loss, 1e-4, 300, 0.1), Nd4j.createFromArray(x), y, 3);
        assertThat(c.errorRate(Nd4j.createFromArray(x), y)).isZero();
        INDArray fresh = Nd4j.createFromArray(new float[][]{{9, 1, 7}, {1, 9, 7}, {0.5f, 0.5f, 7}});
        assertThat(c.predict(fresh)).containsExactly(1, 2, 0);
    }
}
