package dev.hyperopt.dsl.print;

import dev.hyperopt.dsl.HSpaceCompiler;
import dev.hyperopt.dsl.ir.Binary;
import dev.hyperopt.dsl.ir.BinaryOp;
import dev.hyperopt.dsl.ir.Choice;
import dev.hyperopt.dsl.ir.Dist;
import dev.hyperopt.dsl.ir.Distribution;
import dev.hyperopt.dsl.ir.Literal;
import dev.hyperopt.dsl.ir.Named;
import dev.hyperopt.dsl.ir.Node;
import dev.hyperopt.dsl.ir.Param;
import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.dsl.ir.Spaces;
import dev.hyperopt.dsl.ir.Unary;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.hyperopt.dsl.ir.Spaces.dict;
import static dev.hyperopt.dsl.ir.Spaces.let;
import static dev.hyperopt.dsl.ir.Spaces.uniform;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Golden output of the printer for graphs built in Java, one rule at a time. */
class HSpacePrinterTest {

    private static String print(Object root) {
        return HSpacePrinter.print(Spaces.space(root));
    }

    static String resource(String name) throws IOException {
        try (InputStream in = HSpacePrinterTest.class.getResourceAsStream(name)) {
            if (in == null) throw new IOException("missing test resource " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void contractExamplePrintsAsItsGoldenFile() throws IOException {
        SearchSpace space = new HSpaceCompiler().compile("contract-example.hspace", resource("contract-example.hspace")).orThrow();
        assertThat(HSpacePrinter.print(space)).isEqualTo(resource("contract-example.golden.hspace"));
    }

    @Test
    void namesArePrintedAsLetsBeforeSpaceAndReferencedWhereUsed() {
        Node lr = let("lr", Spaces.loguniform(1e-5, 0.1));
        Node block = let("block", dict().put("rate", lr).put("units", Spaces.randint(16, 64)));
        String text = print(dict().put("first", block).put("second", block).put("lr", lr));
        assertThat(text).isEqualTo("""
                let lr = loguniform(1e-5, 0.1)
                let block = { rate: lr, units: randint(16, 64) }

                space = { first: block, second: block, lr: lr }
                """);
    }

    @Test
    void multiLineLetsAreSetOffByBlankLines() {
        Node a = let("a", uniform(0, 1));
        Node big = let("big", dict().put("inner", dict().put("x", 1)).put("y", a));
        Node b = let("b", uniform(0, 2));
        assertThat(print(dict().put("big", big).put("b", b))).isEqualTo("""
                let a = uniform(0, 1)

                let big = {
                  inner: { x: 1 },
                  y: a,
                }

                let b = uniform(0, 2)

                space = { big: big, b: b }
                """);
    }

    @Test
    void explicitLabelsThatAreNotLetNamesAreTheLastArgument() {
        Node lr = let("lr", Spaces.labelled("learning_rate", uniform(0, 1)));
        Node same = let("same", Spaces.labelled("same", uniform(0, 1)));
        String text = print(dict()
                .put("a", Spaces.labelled("alpha", Spaces.quniform(0, 10, 0.5)))
                .put("b", Spaces.labelled("b.odd \"one\"", Spaces.choice(1, 2)))
                .put("c", Spaces.labelled("w", Spaces.pchoice(Spaces.p(0.25, "x"), Spaces.p(0.75, "y"))))
                .put("lr", lr)
                .put("same", same));
        assertThat(text).isEqualTo("""
                let lr = uniform(0, 1, label="learning_rate")
                let same = uniform(0, 1)

                space = {
                  a: quniform(0, 10, 0.5, label="alpha"),
                  b: choice(1, 2, label="b.odd \\"one\\""),
                  c: pchoice(0.25: "x", 0.75: "y", label="w"),
                  lr: lr,
                  same: same,
                }
                """);
    }

    @Test
    void numbersKeepTheirTypeAndReadBackExactly() {
        String text = print(Spaces.list(1, -7, 1.0, -0.0, 0.1, 1e-5, 2.5e20, 1.0 / 3, Long.MAX_VALUE, Long.MIN_VALUE));
        assertThat(text).isEqualTo("""
                space = [
                  1,
                  -7,
                  1.0,
                  -0.0,
                  0.1,
                  1e-5,
                  2.5e20,
                  0.3333333333333333,
                  9223372036854775807,
                  (-9223372036854775807 - 1),
                ]
                """);
    }

    @Test
    void distributionArgumentsDropFractionsOfWholeNumbers() {
        assertThat(print(dict()
                .put("u", uniform(-5, 10))
                .put("q", Spaces.qloguniform(0.5, 100, 2))
                .put("n", Spaces.qnormal(0, 1e-3, 0.25))
                .put("r", Spaces.randint(-3, 3))
                .put("i", Spaces.uniformint(1, 1))
                .put("l", Spaces.lognormal(-2.5, 3))))
                .isEqualTo("""
                        space = {
                          u: uniform(-5, 10),
                          q: qloguniform(0.5, 100, 2),
                          n: qnormal(0, 0.001, 0.25),
                          r: randint(-3, 3),
                          i: uniformint(1, 1),
                          l: lognormal(-2.5, 3),
                        }
                        """);
    }

    @Test
    void stringsAreQuotedWithEscapesAndOddKeysAreQuoted() {
        String text = print(dict()
                .put("plain", "say \"hi\"\\\n\tnow")
                .put("two words", true)
                .put("1st", false)
                .put("choice", Literal.ofNull())
                .put("", "empty"));
        assertThat(text).isEqualTo("""
                space = {
                  plain: "say \\"hi\\"\\\\\\n\\tnow",
                  "two words": true,
                  "1st": false,
                  choice: null,
                  "": "empty",
                }
                """);
    }

    @Test
    void choicesInTheirThreeForms() {
        Node named = Spaces.namedChoice()
                .branch("sgd", dict().put("nesterov", Spaces.choice(true, false)))
                .branch("adam", dict().put("beta1", uniform(0.8, 0.999)).put("beta2", 0.999))
                .branch("two words", dict())
                .build();
        String text = print(dict()
                .put("optimizer", named)
                .put("flat", Spaces.namedChoice().branch("a", 1).branch("b", dict()).build())
                .put("dropout", Spaces.pchoice(Spaces.p(0.3, 0.0), Spaces.p(0.7, uniform(0.1, 0.5))))
                .put("model", Spaces.choice(dict().put("k", 1), "none")));
        assertThat(text).isEqualTo("""
                space = {
                  optimizer: choice {
                    sgd: { nesterov: choice(true, false) },
                    adam: { beta1: uniform(0.8, 0.999), beta2: 0.999 },
                    "two words": {},
                  },
                  flat: choice { a: 1, b: {} },
                  dropout: pchoice(0.3: 0.0, 0.7: uniform(0.1, 0.5)),
                  model: choice(
                    { k: 1 },
                    "none",
                  ),
                }
                """);
    }

    @Test
    void containersBreakOnePerLineBeyond72Characters() {
        // 72 characters: the limit, still one line.
        assertThat(print(dict().put("widths", Spaces.list(
                Spaces.quniform(8, 64, 8), Spaces.quniform(8, 128, 8), Spaces.quniform(8, 256, 8), 128, 256))))
                .isEqualTo("""
                        space = {
                          widths: [quniform(8, 64, 8), quniform(8, 128, 8), quniform(8, 256, 8), 128, 256],
                        }
                        """);
        // 73 characters.
        assertThat(print(dict().put("widths", Spaces.list(
                Spaces.quniform(8, 64, 8), Spaces.quniform(8, 128, 8), Spaces.quniform(8, 256, 8), 128, 1024))))
                .isEqualTo("""
                        space = {
                          widths: [
                            quniform(8, 64, 8),
                            quniform(8, 128, 8),
                            quniform(8, 256, 8),
                            128,
                            1024,
                          ],
                        }
                        """);
        assertThat(print(Spaces.list())).isEqualTo("space = []\n");
        assertThat(print(dict())).isEqualTo("space = {}\n");
    }

    @Test
    void expressionsCarryOnlyTheParenthesesTheirStructureNeeds() {
        Node a = let("a", uniform(0, 1));
        Node b = let("b", uniform(1, 2));
        Node c = let("c", uniform(2, 3));
        List<Node> exprs = List.of(
                Spaces.mul(Spaces.add(a, b), c),
                Spaces.add(a, Spaces.mul(b, c)),
                Spaces.sub(a, Spaces.sub(b, c)),
                Spaces.sub(Spaces.sub(a, b), c),
                Spaces.pow(Spaces.pow(a, b), c),
                Spaces.pow(a, Spaces.pow(b, c)),
                Spaces.neg(Spaces.pow(a, 2)),
                Spaces.pow(Spaces.neg(a), 2),
                Spaces.pow(2, Spaces.neg(a)),
                Spaces.mul(a, Spaces.neg(b)),
                Spaces.neg(Spaces.add(a, b)),
                Spaces.neg(Spaces.neg(a)),
                Spaces.pow(-2, a),
                Spaces.pow(a, -2),
                Spaces.mul(-2, a),
                Spaces.asInt(Spaces.div(a, 2)),
                Spaces.min(a, b, 3),
                Spaces.mod(Spaces.mul(a, b), Spaces.div(b, c)),
                Spaces.div(a, Spaces.mul(b, c)));
        Spaces.DictBuilder d = dict();
        for (int i = 0; i < exprs.size(); i++) d.put("e" + i, exprs.get(i));
        assertThat(print(d)).isEqualTo("""
                let a = uniform(0, 1)
                let b = uniform(1, 2)
                let c = uniform(2, 3)

                space = {
                  e0: (a + b) * c,
                  e1: a + b * c,
                  e2: a - (b - c),
                  e3: a - b - c,
                  e4: (a ** b) ** c,
                  e5: a ** b ** c,
                  e6: -a ** 2,
                  e7: (-a) ** 2,
                  e8: 2 ** -a,
                  e9: a * -b,
                  e10: -(a + b),
                  e11: -(-a),
                  e12: (-2) ** a,
                  e13: a ** -2,
                  e14: -2 * a,
                  e15: int(a / 2),
                  e16: min(a, b, 3),
                  e17: a * b % (b / c),
                  e18: a / (b * c),
                }
                """);
    }

    @Test
    void constantExpressionsPrintAsTheirValueAsTheCompilerFoldsThem() {
        Node two = new Literal(2L);
        Node folded = new Binary(BinaryOp.POW, two, new Binary(BinaryOp.ADD, two, new Unary(new Literal(1L))));
        Node letOfConstant = new Named("k", new Literal("text"));
        assertThat(print(dict().put("x", folded).put("k", letOfConstant))).isEqualTo("space = { x: 2, k: \"text\" }\n");
    }

    @Test
    void sharedNodesWithoutALetBecomeOneLetSoTheyStayOne() {
        Param shared = uniform(0, 1);
        String text = print(dict().put("a", shared).put("b", Spaces.list(shared, shared)));
        assertThat(text).isEqualTo("""
                let a = uniform(0, 1)

                space = { a: a, b: [a, a] }
                """);
    }

    @Test
    void letNamesTheLanguageCannotWriteAreRenamedAndKeepTheirLabels() {
        Node imported = new Named("m.lr", Param.of(Distribution.of(Dist.LOGUNIFORM, 1e-4, 1)));
        Node keyword = new Named("uniform", dict().put("x", uniform(0, 1)).build());
        Node taken = new Named("m_lr", uniform(5, 6));
        String text = print(dict().put("lr", imported).put("u", keyword).put("t", taken));
        assertThat(text).isEqualTo("""
                let m_lr_2 = loguniform(1e-4, 1, label="m.lr")
                let uniform_2 = { x: uniform(0, 1, label="uniform.x") }
                let m_lr = uniform(5, 6)

                space = { lr: m_lr_2, u: uniform_2, t: m_lr }
                """);
    }

    @Test
    void aNamedChoiceWithAnExplicitLabelPrintsItAsItsLastEntry() {
        Choice c = Spaces.labelled("opt", Spaces.namedChoice().branch("a", uniform(0, 1)).branch("b", 2).build());
        String text = print(dict().put("optimizer", c));
        assertThat(text).isEqualTo("""
                space = {
                  optimizer: choice { a: uniform(0, 1), b: 2, label="opt" },
                }
                """);
        SearchSpace space = Spaces.space(dict().put("optimizer", c));
        assertThat(space.labels()).containsExactly("opt", "opt.a");
    }

    @Test
    void infinityIsWrittenAsTheConstantExpressionTheCompilerFoldsToItAndNaNIsRefused() {
        assertThat(print(dict().put("up", Double.POSITIVE_INFINITY).put("down", Double.NEGATIVE_INFINITY)
                .put("e", Spaces.pow(Double.POSITIVE_INFINITY, Spaces.uniform(0, 1)))))
                .isEqualTo("""
                        space = {
                          up: (1e308 * 10),
                          down: (-1e308 * 10),
                          e: (1e308 * 10) ** uniform(0, 1),
                        }
                        """);
        assertThatThrownBy(() -> print(dict().put("x", new Literal(Double.NaN))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
    }
}
