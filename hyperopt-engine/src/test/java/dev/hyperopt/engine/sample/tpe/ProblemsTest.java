package dev.hyperopt.engine.sample.tpe;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The test problems reproduce the benchmark suite's reference evaluations, so comparisons on them mean what they say. */
class ProblemsTest {

    @Test
    void formulasMatchTheReferenceEvaluations() {
        assertThat(Problems.branin(-1.785151981426135, 10.137470069719226)).isCloseTo(8.74003180223291, within(1e-12));
        assertThat(Problems.branin(Math.PI, 2.275)).isCloseTo(0.39788735772973816, within(1e-12));
        assertThat(Problems.hartmann6(new double[] {0.1422318152800518, 0.9958020988654668, 0.7994660967748332,
                0.3094520308816917, 0.21432320123825765, 0.6758313379812818})).isCloseTo(-0.17011189820693698, within(1e-12));
        assertThat(Problems.cash(Map.of("model", "svm", "svm_C", 62.632043350092744, "svm_kernel", "poly",
                "svm_poly_gamma", 0.001179277482851867, "svm_poly_degree", 3.0))).isCloseTo(0.22430892916943573, within(1e-12));
        assertThat(Problems.cash(Map.of("model", "mlp", "mlp_lr", 5.142319735504766e-05, "mlp_hidden", 48.0,
                "mlp_alpha", 8.01897885840475e-06, "mlp_activation", "logistic"))).isCloseTo(0.30103040274667936, within(1e-12));
        assertThat(Problems.cash(Map.of("model", "mlp", "mlp_lr", 0.0031622776601683794, "mlp_hidden", 128.0,
                "mlp_alpha", 0.0001, "mlp_activation", "relu"))).isCloseTo(0.08, within(1e-12));
    }

    @Test
    void labelsAreReadByTheirLastPathComponent() {
        assertThat(Problems.CASH.space().labels()).contains("model", "model.mlp.mlp_lr");
    }
}
