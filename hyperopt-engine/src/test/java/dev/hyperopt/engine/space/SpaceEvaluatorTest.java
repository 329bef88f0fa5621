package dev.hyperopt.engine.space;

import dev.hyperopt.dsl.ir.Dist;
import dev.hyperopt.dsl.ir.Node;
import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.engine.sample.Seeds;
import dev.hyperopt.engine.sample.random.PriorSampler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.hyperopt.engine.testing.Ir.call;
import static dev.hyperopt.engine.testing.Ir.choice;
import static dev.hyperopt.engine.testing.Ir.dict;
import static dev.hyperopt.engine.testing.Ir.list;
import static dev.hyperopt.engine.testing.Ir.lit;
import static dev.hyperopt.engine.testing.Ir.named;
import static dev.hyperopt.engine.testing.Ir.neg;
import static dev.hyperopt.engine.testing.Ir.nil;
import static dev.hyperopt.engine.testing.Ir.op;
import static dev.hyperopt.engine.testing.Ir.param;
import static dev.hyperopt.engine.testing.Ir.pchoice;
import static dev.hyperopt.engine.testing.Ir.randint;
import static dev.hyperopt.engine.testing.Ir.uniform;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** {@code space_eval}: the configuration an objective receives, with Python's arithmetic. */
class SpaceEvaluatorTest {

    /** Evaluates a graph with no hyperparameters. */
    private static Object eval(Node node) {
        SearchSpace space = SearchSpace.of(node);
        return SpaceEvaluator.evaluate(new Assignment(space, new double[space.size()]));
    }

    /** Evaluates a graph whose hyperparameters take {@code values}, in index order. */
    private static Object eval(Node node, double... values) {
        SearchSpace space = SearchSpace.of(node);
        return SpaceEvaluator.evaluate(new Assignment(space, values));
    }

    /** Expected values were computed with CPython 3: the type (int or float) is part of the result. */
    static Stream<Arguments> python() {
        return Stream.of(
                arguments("7 + 2", op(lit(7L), "+", lit(2L)), 9L),
                arguments("7 - 10", op(lit(7L), "-", lit(10L)), -3L),
                arguments("6 * 7", op(lit(6L), "*", lit(7L)), 42L),
                arguments("1 + 2.0", op(lit(1L), "+", lit(2.0)), 3.0),
                arguments("3 * 0.5", op(lit(3L), "*", lit(0.5)), 1.5),
                arguments("7 / 2", op(lit(7L), "/", lit(2L)), 3.5),
                arguments("4 / 2", op(lit(4L), "/", lit(2L)), 2.0),
                arguments("7 / 3", op(lit(7L), "/", lit(3L)), 2.3333333333333335),
                arguments("2 ** 10", op(lit(2L), "**", lit(10L)), 1024L),
                arguments("(-2) ** 3", op(lit(-2L), "**", lit(3L)), -8L),
                arguments("2 ** 0", op(lit(2L), "**", lit(0L)), 1L),
                arguments("2 ** -2", op(lit(2L), "**", lit(-2L)), 0.25),
                arguments("2.0 ** 3", op(lit(2.0), "**", lit(3L)), 8.0),
                arguments("2 ** 0.5", op(lit(2L), "**", lit(0.5)), 1.4142135623730951),
                arguments("1 ** 10 ** 18", op(lit(1L), "**", lit(1_000_000_000_000_000_000L)), 1L),
                arguments("(-1) ** (10 ** 18 + 1)", op(lit(-1L), "**", lit(1_000_000_000_000_000_001L)), -1L),
                arguments("7 % 3", op(lit(7L), "%", lit(3L)), 1L),
                arguments("-7 % 3", op(lit(-7L), "%", lit(3L)), 2L),
                arguments("7 % -3", op(lit(7L), "%", lit(-3L)), -2L),
                arguments("-7 % -3", op(lit(-7L), "%", lit(-3L)), -1L),
                arguments("-7.5 % 2", op(lit(-7.5), "%", lit(2L)), 0.5),
                arguments("7.5 % -2", op(lit(7.5), "%", lit(-2L)), -0.5),
                arguments("5.3 % 0.1", op(lit(5.3), "%", lit(0.1)), 0.09999999999999953),
                arguments("-5.3 % 0.1", op(lit(-5.3), "%", lit(0.1)), 4.718447854656915e-16),
                arguments("1e20 % 3.0", op(lit(1e20), "%", lit(3.0)), 1.0),
                arguments("1e22 % 7.0", op(lit(1e22), "%", lit(7.0)), 4.0),
                arguments("-(3)", neg(lit(3L)), -3L),
                arguments("-(2.5)", neg(lit(2.5)), -2.5),
                arguments("int(2.7)", call("int", lit(2.7)), 2L),
                arguments("int(-2.7)", call("int", lit(-2.7)), -2L),
                arguments("int(7)", call("int", lit(7L)), 7L),
                arguments("float(3)", call("float", lit(3L)), 3.0),
                arguments("round(2.5)", call("round", lit(2.5)), 2L),
                arguments("round(3.5)", call("round", lit(3.5)), 4L),
                arguments("round(-2.5)", call("round", lit(-2.5)), -2L),
                arguments("round(0.5)", call("round", lit(0.5)), 0L),
                arguments("round(2.6)", call("round", lit(2.6)), 3L),
                arguments("round(5)", call("round", lit(5L)), 5L),
                arguments("abs(-3)", call("abs", lit(-3L)), 3L),
                arguments("abs(-2.5)", call("abs", lit(-2.5)), 2.5),
                arguments("min(3, 1.5, 2)", call("min", lit(3L), lit(1.5), lit(2L)), 1.5),
                arguments("max(1, 2)", call("max", lit(1L), lit(2L)), 2L),
                arguments("max(2, 2.0)", call("max", lit(2L), lit(2.0)), 2L),
                arguments("min(2.0, 2)", call("min", lit(2.0), lit(2L)), 2.0),
                arguments("log(10)", call("log", lit(10L)), 2.302585092994046),
                arguments("exp(0)", call("exp", lit(0L)), 1.0),
                arguments("sqrt(16)", call("sqrt", lit(16L)), 4.0),
                arguments("int(2 ** 3 / 3)", call("int", op(op(lit(2L), "**", lit(3L)), "/", lit(3L))), 2L));
    }

    @ParameterizedTest(name = "{0} = {2}")
    @MethodSource("python")
    void arithmeticFollowsPython(String text, Node expr, Object expected) {
        Object got = eval(expr);
        assertThat(got).isInstanceOf(expected.getClass()).isEqualTo(expected);
    }

    /**
     * CPython raises for most of these; integers here are 64-bit, so where CPython would grow
     * a big integer (2 ** 64) the expression fails instead of wrapping around.
     */
    static Stream<Arguments> errors() {
        return Stream.of(
                arguments("1 / 0", op(lit(1L), "/", lit(0L))),
                arguments("1.0 / 0.0", op(lit(1.0), "/", lit(0.0))),
                arguments("5 % 0", op(lit(5L), "%", lit(0L))),
                arguments("5.0 % 0.0", op(lit(5.0), "%", lit(0.0))),
                arguments("0 ** -1", op(lit(0L), "**", lit(-1L))),
                arguments("0.0 ** -0.5", op(lit(0.0), "**", lit(-0.5))),
                arguments("2 ** 64", op(lit(2L), "**", lit(64L))),
                arguments("(-8) ** (1 / 3)", op(lit(-8L), "**", op(lit(1L), "/", lit(3L)))),
                arguments("9223372036854775807 + 1", op(lit(Long.MAX_VALUE), "+", lit(1L))),
                arguments("-((-2) ** 63)", neg(op(lit(-2L), "**", lit(63L)))),
                arguments("abs((-2) ** 63)", call("abs", op(lit(-2L), "**", lit(63L)))),
                arguments("log(0)", call("log", lit(0L))),
                arguments("log(-1.5)", call("log", lit(-1.5))),
                arguments("sqrt(-1)", call("sqrt", lit(-1L))),
                arguments("int(1e300)", call("int", lit(1e300))),
                arguments("1 + \"a\"", op(lit(1L), "+", lit("a"))));
    }

    @ParameterizedTest(name = "{0} fails")
    @MethodSource("errors")
    void expressionsWithoutAValueThrowEvaluationException(String text, Node expr) {
        assertThatThrownBy(() -> eval(expr)).isInstanceOf(EvaluationException.class).hasMessageNotContaining("null");
    }

    @Test
    void divisionByZeroSaysSo() {
        assertThatThrownBy(() -> eval(op(lit(1L), "/", lit(0L)))).hasMessageContaining("division by zero");
    }

    @Test
    void integerHyperparametersAreLongsAndOthersDoubles() {
        Node space = dict("n", randint(0, 10), "u", param(Dist.UNIFORMINT, 1, 3), "x", uniform(0, 1),
                "q", param(Dist.QUNIFORM, 16, 512, 16));
        Object config = eval(space, 4, 2, 0.25, 32);
        assertThat(config).isEqualTo(Map.of("n", 4L, "u", 2L, "x", 0.25, "q", 32.0));
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) config;
        assertThat(m.get("n")).isInstanceOf(Long.class);
        assertThat(m.get("q")).isInstanceOf(Double.class);
    }

    @Test
    void castsAndExpressionsApplyToSampledValues() {
        // units: quniform(16, 512, 16) as int, batch: 2 ** randint(4, 9), lr: 10 ** uniform(-5, -1)
        Node space = dict(
                "units", call("int", param(Dist.QUNIFORM, 16, 512, 16)),
                "batch", op(lit(2L), "**", randint(4, 9)),
                "lr", op(lit(10L), "**", uniform(-5, -1)));
        @SuppressWarnings("unchecked")
        Map<String, Object> config = (Map<String, Object>) eval(space, 48, 5, -3);
        assertThat(config).containsExactly(entry("units", 48L), entry("batch", 32L), entry("lr", 1e-3));
        SearchSpace built = SearchSpace.of(space);
        for (int t = 0; t < 1000; t++) {
            @SuppressWarnings("unchecked")
            Map<String, Object> c = (Map<String, Object>) SpaceEvaluator.evaluate(PriorSampler.sample(built, Seeds.stream(1, t)));
            assertThat(c.get("batch")).isIn(16L, 32L, 64L, 128L, 256L);
            assertThat((Long) c.get("units") % 16).isZero();
            assertThat((Double) c.get("lr")).isBetween(1e-5, 1e-1);
        }
    }

    @Test
    void namedChoiceIsAOneKeyMap() {
        Node space = dict("optimizer", named("sgd", dict("lr", uniform(0, 1)), "adam", dict("beta1", uniform(0.8, 0.999))));
        // index order: optimizer, optimizer.sgd.lr, optimizer.adam.beta1
        assertThat(eval(space, 1, Double.NaN, 0.9)).isEqualTo(Map.of("optimizer", Map.of("adam", Map.of("beta1", 0.9))));
        assertThat(eval(space, 0, 0.5, Double.NaN)).isEqualTo(Map.of("optimizer", Map.of("sgd", Map.of("lr", 0.5))));
    }

    @Test
    void unnamedAndWeightedChoicesAreTheOptionValue() {
        Node space = dict("layers", choice(lit(1L), lit(2L), lit("deep")), "dropout", pchoice(0.3, lit(0.0), 0.7, uniform(0.1, 0.5)),
                "act", choice(nil(), lit(true)));
        assertThat(eval(space, 2, 1, 0.25, 1)).isEqualTo(Map.of("layers", "deep", "dropout", 0.25, "act", true));
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("layers", 1L);
        expected.put("dropout", 0.0);
        expected.put("act", null);
        assertThat(eval(space, 0, 0, Double.NaN, 0)).isEqualTo(expected);
    }

    @Test
    void listsAndDictsKeepTheirOrderAndLiterals() {
        Node space = dict("z", lit("run-a"), "a", list(lit(1L), lit(2.5), nil(), lit(false), dict("k", lit("v"))), "m", dict());
        Object config = eval(space);
        assertThat(config).isInstanceOf(Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) config;
        assertThat(m.keySet()).containsExactly("z", "a", "m");
        assertThat(m.get("z")).isEqualTo("run-a");
        assertThat(m.get("a")).isEqualTo(Arrays.asList(1L, 2.5, null, false, Map.of("k", "v")));
        assertThat(m.get("m")).isEqualTo(Map.of());
    }

    @Test
    void theConfigurationCannotBeModified() {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) eval(dict("a", list(lit(1L))));
        assertThatThrownBy(() -> m.put("b", 2L)).isInstanceOf(UnsupportedOperationException.class);
        @SuppressWarnings("unchecked")
        List<Object> l = (List<Object>) m.get("a");
        assertThatThrownBy(() -> l.add(3L)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void anExpressionOverAnInactiveValueIsAnError() {
        // An assignment that leaves an always-active hyperparameter NaN cannot be evaluated.
        Node space = dict("x", op(uniform(0, 1), "*", lit(2L)));
        assertThatThrownBy(() -> eval(space, Double.NaN)).isInstanceOf(EvaluationException.class).hasMessageContaining("'x'");
    }
}
