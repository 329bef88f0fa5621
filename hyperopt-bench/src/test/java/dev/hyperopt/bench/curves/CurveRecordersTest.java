package dev.hyperopt.bench.curves;

import dev.hyperopt.nd4j.data.Dataset;
import dev.hyperopt.nd4j.data.SyntheticImages;
import dev.hyperopt.weka.WekaBootstrap;
import org.junit.jupiter.api.Test;
import weka.classifiers.AbstractClassifier;
import weka.classifiers.Classifier;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The recorders of the multi-fidelity bench's tables: their grids are the ones the bench's
 * spaces draw (sizes, names), every Weka configuration is one Weka accepts, and an MLP of the
 * DL4J grid trains and reports one validation error per epoch.
 */
class CurveRecordersTest {

    @Test
    void theWekaGridHas153DistinctConfigurationsThatWekaAccepts() throws Exception {
        WekaBootstrap.init();
        List<WekaFoldRecorder.Config> grid = WekaFoldRecorder.grid();
        assertThat(grid).hasSize(153);
        Set<String> commands = new HashSet<>();
        for (WekaFoldRecorder.Config c : grid) {
            assertThat(WekaFoldRecorder.PARAM_COLUMNS).containsAll(c.params().keySet());
            assertThat(c.params().keySet()).allMatch(k -> k.startsWith(c.learner() + "_"));
            Classifier model = AbstractClassifier.forName(c.className(), c.options().clone());
            assertThat(model.getClass().getName()).isEqualTo(c.className());
            commands.add(c.command());
        }
        assertThat(commands).hasSize(153);
        assertThat(grid).extracting(WekaFoldRecorder.Config::learner).containsOnly("j48", "rf", "knn", "smo", "logistic");
    }

    @Test
    void theDl4jGridHas144ConfigurationsAndAnMlpReportsOneErrorPerEpoch() {
        List<Dl4jCurveRecorder.Config> grid = Dl4jCurveRecorder.grid();
        assertThat(grid).hasSize(144);
        assertThat(Dl4jCurveRecorder.LEARNING_RATES).containsExactly(1e-4, Math.pow(10, -3.5), 1e-3, Math.pow(10, -2.5), 1e-2, Math.pow(10, -1.5));
        Dataset train = SyntheticImages.rectangles(300, 1);
        Dataset valid = SyntheticImages.rectangles(100, 2);
        Dl4jCurveRecorder.Config c = new Dl4jCurveRecorder.Config(7, 1e-2, 32, 0.25, 64);
        double[] curve = Dl4jCurveRecorder.train(c, train, valid, 3);
        assertThat(curve).hasSize(3);
        for (double e : curve) assertThat(e).isBetween(0.0, 1.0);
        // Seeded weights and minibatch order: the same configuration records the same curve.
        assertThat(Dl4jCurveRecorder.train(c, train, valid, 3)).containsExactly(curve);
    }
}
