package dev.hyperopt.engine.sample.random;

import dev.hyperopt.dsl.ir.Choice;
import dev.hyperopt.dsl.ir.Condition;
import dev.hyperopt.dsl.ir.Hyperparameter;
import dev.hyperopt.dsl.ir.Named;
import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.engine.sample.Seeds;
import dev.hyperopt.engine.space.Assignment;
import dev.hyperopt.engine.space.SpaceEvaluator;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.hyperopt.engine.testing.Ir.choice;
import static dev.hyperopt.engine.testing.Ir.dict;
import static dev.hyperopt.engine.testing.Ir.let;
import static dev.hyperopt.engine.testing.Ir.list;
import static dev.hyperopt.engine.testing.Ir.lit;
import static dev.hyperopt.engine.testing.Ir.loguniform;
import static dev.hyperopt.engine.testing.Ir.named;
import static dev.hyperopt.engine.testing.Ir.nil;
import static dev.hyperopt.engine.testing.Ir.pchoice;
import static dev.hyperopt.engine.testing.Ir.randint;
import static dev.hyperopt.engine.testing.Ir.uniform;
import static dev.hyperopt.engine.testing.Ir.uniformint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Only the hyperparameters of the chosen branches are drawn; shared ones are drawn once. */
class ConditionalSamplingTest {

    private static final int N = 10_000;

    /**
     * <pre>
     * let lr = loguniform(1e-4, 1e-1)
     * space = {
     *   seed: randint(0, 10),
     *   optimizer: choice {
     *     sgd:   { lr: lr, momentum: uniform(0, 1), nesterov: choice(true, false) },
     *     adam:  { lr: lr, beta1: uniform(0.8, 0.999),
     *              schedule: choice { constant: null, step: { gamma: uniform(0.1, 0.9), every: uniformint(1, 10) } } },
     *     lbfgs: { history: randint(5, 20) },
     *   },
     * }
     * </pre>
     */
    private static SearchSpace optimizerSpace() {
        Named lr = let("lr", loguniform(1e-4, 1e-1));
        return SearchSpace.of(dict(
                "seed", randint(0, 10),
                "optimizer", named(
                        "sgd", dict("lr", lr, "momentum", uniform(0, 1), "nesterov", choice(lit(true), lit(false))),
                        "adam", dict("lr", lr, "beta1", uniform(0.8, 0.999),
                                "schedule", named("constant", nil(),
                                        "step", dict("gamma", uniform(0.1, 0.9), "every", uniformint(1, 10)))),
                        "lbfgs", dict("history", randint(5, 20)))));
    }

    private static int index(SearchSpace space, String label) {
        Hyperparameter h = space.byLabel(label);
        assertThat(h).as("hyperparameter %s", label).isNotNull();
        return h.index();
    }

    private static Set<String> activeLabels(Assignment a) {
        return new LinkedHashSet<>(a.labels().keySet());
    }

    @Test
    void labelsArePathsAndTheSharedLetIsOneHyperparameter() {
        SearchSpace space = optimizerSpace();
        assertThat(space.labels()).containsExactlyInAnyOrder(
                "seed", "optimizer", "lr", "optimizer.sgd.momentum", "optimizer.sgd.nesterov",
                "optimizer.adam.beta1", "optimizer.adam.schedule", "optimizer.adam.schedule.step.gamma",
                "optimizer.adam.schedule.step.every", "optimizer.lbfgs.history");
        assertThat(space.size()).isEqualTo(10);
    }

    @Test
    void conditionsNameTheNearestEnclosingChoice() {
        SearchSpace space = optimizerSpace();
        Map<String, String> described = new HashMap<>();
        for (Hyperparameter h : space.hyperparameters()) described.put(h.label(), space.describe(space.condition(h.index())));
        assertThat(described).containsEntry("seed", "always")
                .containsEntry("optimizer", "always")
                .containsEntry("lr", "optimizer == sgd || optimizer == adam")
                .containsEntry("optimizer.sgd.momentum", "optimizer == sgd")
                .containsEntry("optimizer.sgd.nesterov", "optimizer == sgd")
                .containsEntry("optimizer.adam.schedule", "optimizer == adam")
                .containsEntry("optimizer.adam.schedule.step.gamma", "optimizer.adam.schedule == step")
                .containsEntry("optimizer.lbfgs.history", "optimizer == lbfgs");
        assertThat(space.condition(index(space, "seed")).isAlways()).isTrue();
        assertThat(space.condition(index(space, "lr")).anyOf()).containsExactlyInAnyOrder(
                new Condition.Atom(index(space, "optimizer"), 0), new Condition.Atom(index(space, "optimizer"), 1));
    }

    @Test
    void choicesComeBeforeWhatTheyCondition() {
        SearchSpace space = optimizerSpace();
        for (int i = 0; i < space.size(); i++) {
            assertThat(space.hyperparameter(i).index()).isEqualTo(i);
            for (Condition.Atom a : space.condition(i).anyOf()) {
                assertThat(a.choice()).as("choice of %s", space.hyperparameter(i).label()).isLessThan(i);
                assertThat(space.hyperparameter(a.choice())).isInstanceOf(Choice.class);
            }
        }
    }

    @Test
    void onlyTheChosenBranchIsDrawn() {
        SearchSpace space = optimizerSpace();
        int optimizer = index(space, "optimizer");
        int schedule = index(space, "optimizer.adam.schedule");
        Map<String, Integer> branchCounts = new HashMap<>();
        int steps = 0;
        for (int t = 0; t < N; t++) {
            Assignment a = PriorSampler.sample(space, Seeds.stream(3, t));
            String branch = List.of("sgd", "adam", "lbfgs").get((int) a.value(optimizer));
            branchCounts.merge(branch, 1, Integer::sum);
            Set<String> expected = new LinkedHashSet<>(List.of("seed", "optimizer"));
            switch (branch) {
                case "sgd" -> expected.addAll(List.of("lr", "optimizer.sgd.momentum", "optimizer.sgd.nesterov"));
                case "adam" -> {
                    expected.addAll(List.of("lr", "optimizer.adam.beta1", "optimizer.adam.schedule"));
                    if (a.value(schedule) == 1) {
                        steps++;
                        expected.addAll(List.of("optimizer.adam.schedule.step.gamma", "optimizer.adam.schedule.step.every"));
                    }
                }
                default -> expected.add("optimizer.lbfgs.history");
            }
            assertThat(activeLabels(a)).as("trial %d", t).isEqualTo(expected);
            for (int i = 0; i < space.size(); i++) {
                boolean named = expected.contains(space.hyperparameter(i).label());
                assertThat(Double.isNaN(a.value(i))).as("NaN exactly where inactive: %s", space.hyperparameter(i).label())
                        .isEqualTo(!named);
            }
        }
        for (int c : branchCounts.values()) assertThat(c / (double) N).isCloseTo(1 / 3.0, within(0.025));
        assertThat(steps / (double) N).isCloseTo(1 / 6.0, within(0.02));
    }

    @Test
    void aSharedLetGivesTheSameValueEverywhereItIsUsed() {
        Named lr = let("lr", loguniform(1e-4, 1e-1));
        SearchSpace space = SearchSpace.of(dict("a", lr, "b", list(lr, lr), "c", dict("d", lr)));
        assertThat(space.size()).isEqualTo(1);
        for (int t = 0; t < 100; t++) {
            Assignment a = PriorSampler.sample(space, Seeds.stream(4, t));
            @SuppressWarnings("unchecked")
            Map<String, Object> config = (Map<String, Object>) SpaceEvaluator.evaluate(a);
            double v = a.value(0);
            assertThat(config.get("a")).isEqualTo(v);
            assertThat(config.get("b")).isEqualTo(List.of(v, v));
            assertThat(config.get("c")).isEqualTo(Map.of("d", v));
        }
    }

    @Test
    void aLetUsedUnderTwoLaterChoicesIsDrawnAfterBoth() {
        // In pre-order lr comes before choice b; its condition needs b, so lr must be drawn after b.
        Named lr = let("lr", uniform(0, 1));
        SearchSpace space = SearchSpace.of(dict(
                "a", named("x", lr, "y", lit(1L)),
                "b", named("p", dict("rate", lr), "q", lit(2L))));
        int a = index(space, "a");
        int b = index(space, "b");
        int l = index(space, "lr");
        assertThat(l).isGreaterThan(a).isGreaterThan(b);
        assertThat(space.describe(space.condition(l))).isEqualTo("a == x || b == p");
        int active = 0;
        for (int t = 0; t < N; t++) {
            Assignment s = PriorSampler.sample(space, Seeds.stream(5, t));
            boolean expected = s.value(a) == 0 || s.value(b) == 0;
            assertThat(s.isActive(l)).as("trial %d", t).isEqualTo(expected);
            if (expected) active++;
            SpaceEvaluator.evaluate(s);
        }
        assertThat(active / (double) N).isCloseTo(0.75, within(0.02));
    }

    @Test
    void aLetHoldingAChoiceIsSharedByTwoBranches() {
        Named block = let("block", named(
                "small", dict("units", randint(8, 64)),
                "big", dict("units", randint(64, 512))));
        SearchSpace space = SearchSpace.of(dict("model", named(
                "a", block,
                "b", list(block, uniform(0, 1)),
                "c", lit(0L))));
        assertThat(space.labels()).containsExactlyInAnyOrder("model", "block", "block.small.units", "block.big.units", "model.b[1]");
        assertThat(space.describe(space.condition(index(space, "block")))).isEqualTo("model == a || model == b");
        assertThat(space.describe(space.condition(index(space, "block.small.units")))).isEqualTo("block == small");
        int model = index(space, "model");
        int blk = index(space, "block");
        int small = index(space, "block.small.units");
        int big = index(space, "block.big.units");
        int u = index(space, "model.b[1]");
        for (int t = 0; t < N; t++) {
            Assignment s = PriorSampler.sample(space, Seeds.stream(6, t));
            int m = (int) s.value(model);
            assertThat(s.isActive(blk)).isEqualTo(m != 2);
            assertThat(s.isActive(u)).isEqualTo(m == 1);
            assertThat(s.isActive(small)).isEqualTo(m != 2 && s.value(blk) == 0);
            assertThat(s.isActive(big)).isEqualTo(m != 2 && s.value(blk) == 1);
            if (s.isActive(small)) assertThat(s.value(small)).isBetween(8.0, 63.0);
            if (s.isActive(big)) assertThat(s.value(big)).isBetween(64.0, 511.0);
        }
    }

    @Test
    void aChoiceOptionThatIsItselfAHyperparameterIsConditional() {
        // dropout: pchoice(0.3: 0.0, 0.7: uniform(0.1, 0.5))
        SearchSpace space = SearchSpace.of(dict("dropout", pchoice(0.3, lit(0.0), 0.7, uniform(0.1, 0.5))));
        assertThat(space.labels()).containsExactly("dropout", "dropout[1]");
        assertThat(space.describe(space.condition(1))).isEqualTo("dropout == 1");
        int zeros = 0;
        for (int t = 0; t < N; t++) {
            Assignment s = PriorSampler.sample(space, Seeds.stream(7, t));
            @SuppressWarnings("unchecked")
            Object dropout = ((Map<String, Object>) SpaceEvaluator.evaluate(s)).get("dropout");
            if (s.value(0) == 0) {
                zeros++;
                assertThat(s.isActive(1)).isFalse();
                assertThat(dropout).isEqualTo(0.0);
            } else {
                assertThat(dropout).isEqualTo(s.value(1));
                assertThat((double) dropout).isBetween(0.1, 0.5);
            }
        }
        assertThat(zeros / (double) N).isCloseTo(0.3, within(0.02));
    }

    @Test
    void nestedUnnamedChoicesAreLabelledByIndex() {
        // layers: choice(1, choice(2, 3), [uniform(0, 1), choice(4, 5)])
        SearchSpace space = SearchSpace.of(dict("layers", choice(lit(1L), choice(lit(2L), lit(3L)),
                list(uniform(0, 1), choice(lit(4L), lit(5L))))));
        assertThat(space.labels()).containsExactly("layers", "layers[1]", "layers[2][0]", "layers[2][1]");
        assertThat(space.describe(space.condition(1))).isEqualTo("layers == 1");
        assertThat(space.describe(space.condition(3))).isEqualTo("layers == 2");
        for (int t = 0; t < 1000; t++) {
            Assignment s = PriorSampler.sample(space, Seeds.stream(8, t));
            int layers = (int) s.value(0);
            assertThat(s.isActive(1)).isEqualTo(layers == 1);
            assertThat(s.isActive(2)).isEqualTo(layers == 2);
            assertThat(s.isActive(3)).isEqualTo(layers == 2);
        }
    }

    @Test
    void inactiveChoicesLeaveTheirWholeSubtreeUndrawn() {
        // Three levels deep: c only when b == 0, which only exists when a == 0.
        SearchSpace space = SearchSpace.of(named(
                "a0", named("b0", named("c0", uniform(0, 1), "c1", lit(1L)), "b1", lit(2L)),
                "a1", lit(3L)));
        assertThat(space.labels()).containsExactly("space", "space.a0", "space.a0.b0", "space.a0.b0.c0");
        for (int t = 0; t < 1000; t++) {
            double[] v = PriorSampler.sampleValues(space, Seeds.stream(9, t));
            assertThat(!Double.isNaN(v[1])).isEqualTo(v[0] == 0);
            assertThat(!Double.isNaN(v[2])).isEqualTo(v[0] == 0 && v[1] == 0);
            assertThat(!Double.isNaN(v[3])).isEqualTo(v[0] == 0 && v[1] == 0 && v[2] == 0);
        }
    }
}
