package dev.hyperopt.engine.space;

import dev.hyperopt.dsl.ir.Named;
import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.engine.sample.Seeds;
import dev.hyperopt.engine.sample.random.PriorSampler;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import static dev.hyperopt.engine.testing.Ir.choice;
import static dev.hyperopt.engine.testing.Ir.dict;
import static dev.hyperopt.engine.testing.Ir.let;
import static dev.hyperopt.engine.testing.Ir.lit;
import static dev.hyperopt.engine.testing.Ir.loguniform;
import static dev.hyperopt.engine.testing.Ir.named;
import static dev.hyperopt.engine.testing.Ir.pchoice;
import static dev.hyperopt.engine.testing.Ir.randint;
import static dev.hyperopt.engine.testing.Ir.uniform;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/** The flat {label: value} form is what stores keep and {@code sample --labels} prints. */
class AssignmentTest {

    /** Index order: optimizer, lr, optimizer.sgd.momentum, optimizer.adam.layers, units, dropout, dropout[1]. */
    private static SearchSpace space() {
        Named lr = let("lr", loguniform(1e-4, 1e-1));
        return SearchSpace.of(dict(
                "optimizer", named(
                        "sgd", dict("lr", lr, "momentum", uniform(0, 1)),
                        "adam", dict("lr", lr, "layers", choice(lit(1L), lit(2L), lit(3L)))),
                "units", randint(8, 64),
                "dropout", pchoice(0.5, lit(0.0), 0.5, uniform(0.1, 0.5))));
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    @Test
    void labelsHoldBranchNamesIndicesAndNumbersOfActiveHyperparametersOnly() {
        SearchSpace space = space();
        assertThat(space.labels()).containsExactly("optimizer", "lr", "optimizer.sgd.momentum", "optimizer.adam.layers",
                "units", "dropout", "dropout[1]");
        Assignment a = new Assignment(space, new double[] {1, 0.01, Double.NaN, 2, 17, 0, Double.NaN});
        assertThat(a.labels()).containsExactly(entry("optimizer", "adam"), entry("lr", 0.01),
                entry("optimizer.adam.layers", 2L), entry("units", 17L), entry("dropout", 0L));
        assertThat(a.labels().get("units")).isInstanceOf(Long.class);
        assertThat(a.toString()).isEqualTo("{optimizer=adam, lr=0.01, optimizer.adam.layers=2, units=17, dropout=0}");
    }

    @Test
    void fromLabelsReadsBackWhatLabelsWrote() {
        SearchSpace space = space();
        for (int t = 0; t < 2000; t++) {
            Assignment a = PriorSampler.sample(space, Seeds.stream(21, t));
            Assignment back = Assignment.fromLabels(space, a.labels());
            assertThat(back).isEqualTo(a);
            assertThat(back.values()).isEqualTo(a.values());
        }
    }

    @Test
    void fromLabelsAcceptsNumbersOfAnyBoxedType() {
        // JSON readers give Integer for small integers.
        Assignment a = Assignment.fromLabels(space(), map("optimizer", "sgd", "lr", 0.001, "optimizer.sgd.momentum", 0.9,
                "units", 12, "dropout", 1, "dropout[1]", 0.25f));
        assertThat(a.values()).containsExactly(0, 0.001, 0.9, Double.NaN, 12, 1, 0.25);
    }

    @Test
    void valuesAreCopiedInAndOut() {
        SearchSpace space = space();
        double[] v = {0, 0.01, 0.5, Double.NaN, 10, 0, Double.NaN};
        Assignment a = new Assignment(space, v);
        v[1] = 7;
        a.values()[2] = 7;
        assertThat(a.value(1)).isEqualTo(0.01);
        assertThat(a.value(2)).isEqualTo(0.5);
        assertThat(a.isActive(3)).isFalse();
    }

    @Test
    void theWrongNumberOfValuesIsRejected() {
        assertThatThrownBy(() -> new Assignment(space(), new double[3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected 7 values, got 3");
    }

    @Test
    void fromLabelsRejectsAnUnknownLabel() {
        Map<String, Object> m = map("optimizer", "sgd", "lr", 0.001, "optimizer.sgd.momentum", 0.9, "units", 12, "dropout", 0,
                "batch", 32);
        assertThatThrownBy(() -> Assignment.fromLabels(space(), m))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown label 'batch'");
    }

    @Test
    void fromLabelsRejectsALabelOfAnotherBranch() {
        Map<String, Object> m = map("optimizer", "sgd", "lr", 0.001, "optimizer.sgd.momentum", 0.9, "units", 12, "dropout", 0,
                "optimizer.adam.layers", 1);
        assertThatThrownBy(() -> Assignment.fromLabels(space(), m))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'optimizer.adam.layers' is not active");
    }

    @Test
    void fromLabelsRejectsAMissingActiveLabel() {
        Map<String, Object> m = map("optimizer", "adam", "lr", 0.001, "units", 12, "dropout", 0);
        assertThatThrownBy(() -> Assignment.fromLabels(space(), m))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing value for active label 'optimizer.adam.layers'");
    }

    @Test
    void fromLabelsRejectsAnUnknownBranch() {
        Map<String, Object> m = map("optimizer", "rmsprop", "units", 12, "dropout", 0);
        assertThatThrownBy(() -> Assignment.fromLabels(space(), m))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'rmsprop' is not a branch of 'optimizer'");
    }

    @Test
    void fromLabelsRejectsAnOptionIndexOutOfRange() {
        for (Object bad : new Object[] {2, -1, 0.5, "zero", true}) {
            Map<String, Object> m = map("optimizer", "sgd", "lr", 0.001, "optimizer.sgd.momentum", 0.9, "units", 12, "dropout", bad);
            assertThatThrownBy(() -> Assignment.fromLabels(space(), m)).as("dropout = %s", bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("of 'dropout'");
        }
    }

    @Test
    void fromLabelsRejectsANonNumberForANumericHyperparameter() {
        Map<String, Object> m = map("optimizer", "sgd", "lr", "fast", "optimizer.sgd.momentum", 0.9, "units", 12, "dropout", 0);
        assertThatThrownBy(() -> Assignment.fromLabels(space(), m))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label 'lr' needs a number");
    }

    @Test
    void fromLabelsRejectsAFractionForAnIntegerHyperparameter() {
        Map<String, Object> m = map("optimizer", "sgd", "lr", 0.01, "optimizer.sgd.momentum", 0.9, "units", 12.5, "dropout", 0);
        assertThatThrownBy(() -> Assignment.fromLabels(space(), m))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'units' needs an integer");
    }

    @Test
    void fromLabelsRejectsNonFiniteNumbers() {
        // NaN would silently mark an active hyperparameter inactive.
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY}) {
            Map<String, Object> m = map("optimizer", "sgd", "lr", bad, "optimizer.sgd.momentum", 0.9, "units", 12, "dropout", 0);
            assertThatThrownBy(() -> Assignment.fromLabels(space(), m)).as("lr = %s", bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'lr' needs a finite number");
        }
    }

    @Test
    void equalAssignmentsHashAlike() {
        SearchSpace space = space();
        Map<Assignment, Integer> seen = new HashMap<>();
        for (int t = 0; t < 50; t++) seen.put(PriorSampler.sample(space, Seeds.stream(1, t)), t);
        for (int t = 0; t < 50; t++) assertThat(seen.get(PriorSampler.sample(space, Seeds.stream(1, t)))).isEqualTo(t);
        assertThat(PriorSampler.sample(space, Seeds.stream(1, 0))).isNotEqualTo(PriorSampler.sample(space(), Seeds.stream(1, 0)));
    }
}
