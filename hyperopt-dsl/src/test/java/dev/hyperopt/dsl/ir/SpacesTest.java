package dev.hyperopt.dsl.ir;

import dev.hyperopt.dsl.HSpaceCompiler;
import dev.hyperopt.dsl.print.HSpacePrinter;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.hyperopt.dsl.ir.Spaces.asInt;
import static dev.hyperopt.dsl.ir.Spaces.choice;
import static dev.hyperopt.dsl.ir.Spaces.dict;
import static dev.hyperopt.dsl.ir.Spaces.let;
import static dev.hyperopt.dsl.ir.Spaces.list;
import static dev.hyperopt.dsl.ir.Spaces.loguniform;
import static dev.hyperopt.dsl.ir.Spaces.namedChoice;
import static dev.hyperopt.dsl.ir.Spaces.normal;
import static dev.hyperopt.dsl.ir.Spaces.p;
import static dev.hyperopt.dsl.ir.Spaces.pchoice;
import static dev.hyperopt.dsl.ir.Spaces.pow;
import static dev.hyperopt.dsl.ir.Spaces.quniform;
import static dev.hyperopt.dsl.ir.Spaces.randint;
import static dev.hyperopt.dsl.ir.Spaces.uniform;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpacesTest {

    /** The example file of the language reference, built in Java. */
    private static SearchSpace exampleBuilt() {
        Node lr = let("lr", loguniform(1e-5, 1e-1));
        return Spaces.space(dict()
                .put("learning_rate", lr)
                .put("batch_size", pow(2, randint(4, 9)))
                .put("units", asInt(quniform(16, 512, 16)))
                .put("momentum", uniform(0.0, 0.99))
                .put("l2", normal(0.0, 1.0))
                .put("layers", choice(1, 2, 3))
                .put("optimizer", namedChoice()
                        .branch("sgd", dict().put("nesterov", choice(true, false)))
                        .branch("adam", dict().put("beta1", uniform(0.8, 0.999)).put("beta2", 0.999)))
                .put("dropout", pchoice(p(0.3, 0.0), p(0.7, uniform(0.1, 0.5))))
                .put("name", "run-a")
                .put("widths", list(quniform(8, 64, 8), 128)));
    }

    private static SearchSpace exampleCompiled() throws IOException {
        String name = "/dev/hyperopt/dsl/print/contract-example.hspace";
        try (InputStream in = SpacesTest.class.getResourceAsStream(name)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new HSpaceCompiler().compile("contract-example.hspace", text).orThrow();
        }
    }

    private static List<String> describe(SearchSpace s) {
        List<String> out = new ArrayList<>();
        for (Hyperparameter h : s.hyperparameters()) {
            String prior = h instanceof Param p ? p.distribution().toString() : ((Choice) h).kind() + " " + ((Choice) h).weights();
            out.add(h.index() + " " + h.label() + " " + prior + " when " + s.describe(s.condition(h.index())));
        }
        return out;
    }

    @Test
    void theExampleBuiltInJavaIsTheExampleCompiled() throws IOException {
        SearchSpace built = exampleBuilt();
        SearchSpace compiled = exampleCompiled();
        assertThat(HSpacePrinter.print(built)).isEqualTo(HSpacePrinter.print(compiled));
        assertThat(describe(built)).isEqualTo(describe(compiled));
        assertThat(built.labels()).containsExactly("lr", "batch_size", "units", "momentum", "l2", "layers", "optimizer",
                "optimizer.sgd.nesterov", "optimizer.adam.beta1", "dropout", "dropout[1]", "widths[0]");
        assertThat(built.describe(built.condition(built.byLabel("optimizer.adam.beta1").index()))).isEqualTo("optimizer == adam");
        assertThat(built.describe(built.condition(built.byLabel("dropout[1]").index()))).isEqualTo("dropout == 1");
    }

    @Test
    void distributionsAreCheckedAsTheCompilerChecksThem() {
        assertThatThrownBy(() -> uniform(1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("low must be < high, got low = 1.0 and high = 0.0");
        assertThatThrownBy(() -> quniform(0, 1, 0)).hasMessage("q must be > 0, got 0.0");
        assertThatThrownBy(() -> loguniform(0, 1)).hasMessageContaining("must be > 0");
        assertThatThrownBy(() -> Spaces.qloguniform(-1, 1, 1)).hasMessageContaining("must be > 0");
        assertThatThrownBy(() -> normal(0, 0)).hasMessage("sigma must be > 0, got 0.0");
        assertThatThrownBy(() -> Spaces.lognormal(0, -1)).hasMessage("sigma must be > 0, got -1.0");
        assertThatThrownBy(() -> Spaces.qnormal(0, 1, -2)).hasMessage("q must be > 0, got -2.0");
        assertThatThrownBy(() -> Spaces.qlognormal(0, 1, Double.NaN)).hasMessageContaining("q must be > 0");
        assertThatThrownBy(() -> randint(3, 3)).hasMessage("low must be < high, got low = 3.0 and high = 3.0");
        assertThatThrownBy(() -> Spaces.uniformint(4, 3)).hasMessageContaining("low must be <= high");
        assertThatThrownBy(() -> uniform(Double.NaN, 1)).hasMessage("arguments must be finite numbers");
        assertThat(Spaces.uniformint(3, 3).distribution()).isEqualTo(Distribution.of(Dist.UNIFORMINT, 3, 3));
        assertThat(Spaces.qlognormal(0, 1, 2).distribution()).isEqualTo(Distribution.of(Dist.QLOGNORMAL, 0, 1, 2));
    }

    @Test
    void labelledGivesAnExplicitLabelToParamsAndChoices() {
        Param x = Spaces.labelled("x", uniform(0, 1));
        Choice c = Spaces.labelled("pick", choice(1, 2));
        assertThat(x.explicitLabel()).isTrue();
        assertThat(c.explicitLabel()).isTrue();
        SearchSpace s = Spaces.space(dict().put("a", x).put("b", c));
        assertThat(s.labels()).containsExactly("x", "pick");
        assertThatThrownBy(() -> Spaces.labelled("", x)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void choicesCheckTheirOptions() {
        assertThatThrownBy(Spaces::choice).hasMessage("choice() needs at least one option");
        assertThatThrownBy(() -> pchoice(p(0.5, 1), p(0.6, 2))).hasMessage("pchoice probabilities sum to 1.1, not 1");
        assertThatThrownBy(() -> pchoice(p(-0.5, 1), p(1.5, 2))).hasMessage("probability -0.5 is negative");
        assertThatThrownBy(() -> namedChoice().build()).hasMessage("choice needs at least one branch");
        assertThatThrownBy(() -> namedChoice().branch("a", 1).branch("a", 2)).hasMessage("duplicate branch 'a'");
        Choice third = pchoice(p(1 / 3.0, "a"), p(1 / 3.0, "b"), p(1 / 3.0, "c"));
        assertThat(third.kind()).isEqualTo(ChoiceKind.WEIGHTED);
        assertThat(third.options()).containsExactly(Literal.of("a"), Literal.of("b"), Literal.of("c"));
    }

    @Test
    void javaValuesBecomeLiteralsListsAndDicts() {
        assertThat(Spaces.node(3)).isEqualTo(Literal.of(3L));
        assertThat(Spaces.node(3L)).isEqualTo(Literal.of(3L));
        assertThat(Spaces.node(2.5f)).isEqualTo(Literal.of(2.5));
        assertThat(Spaces.node("s")).isEqualTo(Literal.of("s"));
        assertThat(Spaces.node(true)).isEqualTo(Literal.of(true));
        assertThat(Spaces.node(null)).isEqualTo(Literal.ofNull());
        assertThat(Spaces.node(List.of(1, "a"))).isEqualTo(new ListNode(List.of(Literal.of(1L), Literal.of("a"))));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("b", 1);
        m.put("a", 2.0);
        assertThat(Spaces.node(m)).isEqualTo(new DictNode(List.of(
                new DictNode.Entry("b", Literal.of(1L)), new DictNode.Entry("a", Literal.of(2.0)))));
        assertThatThrownBy(() -> Spaces.node(new Object())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Spaces.node(Double.NaN)).hasMessage("NaN is not a value of a search space");
        assertThat(Spaces.node(Double.POSITIVE_INFINITY)).isEqualTo(Literal.of(Double.POSITIVE_INFINITY));
        assertThatThrownBy(() -> dict().put("a", 1).put("a", 2)).hasMessage("duplicate key 'a'");
    }

    @Test
    void letsShareOneNodeAndLetsOfConstantsAreTheConstant() {
        Node lr = let("lr", loguniform(1e-4, 1));
        SearchSpace s = Spaces.space(dict().put("a", lr).put("b", list(lr, lr)));
        assertThat(s.size()).isEqualTo(1);
        assertThat(s.hyperparameter(0).label()).isEqualTo("lr");
        assertThat(let("k", 5)).isEqualTo(Literal.of(5L));
        assertThatThrownBy(() -> let("not a name", 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void arithmeticBuildsExpressionsAndFoldsConstants() {
        Param r = randint(4, 9);
        assertThat(pow(2, r)).isEqualTo(new Binary(BinaryOp.POW, Literal.of(2L), r));
        assertThat(Spaces.add(2, 3)).isEqualTo(Literal.of(5L));
        assertThat(Spaces.div(1, 4)).isEqualTo(Literal.of(0.25));
        assertThat(Spaces.mod(-7, 3)).isEqualTo(Literal.of(2L));
        assertThat(Spaces.neg(Spaces.sub(1, 3))).isEqualTo(Literal.of(2L));
        assertThat(Spaces.max(1, 2.5, r)).isEqualTo(new Call(Function.MAX, List.of(Literal.of(1L), Literal.of(2.5), r)));
        assertThat(asInt(uniform(0, 10)).type()).isEqualTo(Type.INT);
        assertThat(Spaces.round(2.5)).isEqualTo(Literal.of(2L));
        assertThat(Spaces.neg(r)).isEqualTo(new Unary(r));
        assertThatThrownBy(() -> Spaces.div(1, 0)).hasMessage("constant expression has no value: division by zero");
        assertThatThrownBy(() -> Spaces.log(-1)).hasMessageContaining("log of -1.0");
        assertThatThrownBy(() -> Spaces.add("a", r)).hasMessage("left operand of '+' must be a number, got a string");
        assertThatThrownBy(() -> Spaces.mul(r, choice(1, "x")))
                .hasMessage("right operand of '*' must be a number, got a choice between values of different types");
    }

    @Test
    void clashingLabelsAreReportedBySpace() {
        assertThatThrownBy(() -> Spaces.space(dict().put("e", Spaces.add(uniform(0, 1), uniform(0, 1)))))
                .isInstanceOf(SpaceException.class).hasMessageContaining("label 'e' names two hyperparameters");
    }
}
