package dev.hyperopt.dsl.print;

import dev.hyperopt.dsl.CompileResult;
import dev.hyperopt.dsl.HSpaceCompiler;
import dev.hyperopt.dsl.ModuleLoader;
import dev.hyperopt.dsl.ir.Choice;
import dev.hyperopt.dsl.ir.ChoiceKind;
import dev.hyperopt.dsl.ir.Hyperparameter;
import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.dsl.ir.Spaces;
import dev.hyperopt.dsl.source.Source;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Printing then compiling gives the same space back (same structure, labels, priors and
 * conditions), and printing that gives the same text: for the language reference's
 * examples and for seeded random graphs.
 */
class RoundTripTest {

    private final HSpaceCompiler compiler = new HSpaceCompiler();

    /** Asserts the round trip for {@code space}; returns the text. */
    private String assertRoundTrip(String what, SearchSpace space) {
        String text = HSpacePrinter.print(space);
        CompileResult back = compiler.compile(what + ".printed", text);
        assertThat(back.ok()).as("%s printed as\n%s\ncompiles, but: %s", what, text, back.diagnostics()).isTrue();
        SearchSpace again = back.space();
        assertThat(Shapes.hyperparameters(again)).as("%s printed as\n%s", what, text).isEqualTo(Shapes.hyperparameters(space));
        assertThat(Shapes.structure(again.root())).as("%s printed as\n%s", what, text).isEqualTo(Shapes.structure(space.root()));
        assertThat(HSpacePrinter.print(again)).as("%s printed twice", what).isEqualTo(text);
        return text;
    }

    private String assertRoundTrip(String what, String source) {
        return assertRoundTrip(what, compiler.compile(what, source).orThrow());
    }

    @Test
    void theExampleFile() throws IOException {
        SearchSpace space = compiler.compile("contract-example.hspace", HSpacePrinterTest.resource("contract-example.hspace")).orThrow();
        assertRoundTrip("contract-example", space);
        assertThat(space.labels()).contains("momentum", "optimizer", "optimizer.adam.beta1", "widths[0]", "dropout", "dropout[1]", "lr");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "uniform(-1.5, 2)", "quniform(0, 100, 5)", "loguniform(1e-5, 1e-1)", "qloguniform(1, 1000, 10)",
        "normal(0, 1)", "qnormal(-3, 0.5, 0.1)", "lognormal(0, 2)", "qlognormal(1, 0.5, 2)",
        "randint(4, 9)", "uniformint(-2, 2)", "choice(1, \"two\", 3.0, null)", "choice { a: 1, b: uniform(0, 1) }",
        "pchoice(0.25: 1, 0.75: uniform(0, 1))", "pchoice(0.1: \"a\", 0.2: \"b\", 0.7: \"c\")",
        "uniform(low = 0, high = 1)", "uniform(0, 1, label = \"x\")", "choice(1, 2, label = \"pick\")",
    })
    void everyDistributionForm(String form) {
        assertRoundTrip(form, "space = { p: " + form + " }");
        assertRoundTrip(form + " at the root", "space = " + form);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "2 ** randint(4, 9)", "quniform(16, 512, 16) as int", "int(quniform(16, 512, 16))", "uniform(0, 1) as float",
        "-uniform(0, 1)", "-(uniform(0, 1) + 1)", "(-uniform(0, 1)) ** 2", "-uniform(0, 1) ** 2",
        "2 ** -uniform(0, 1)", "2 ** 3 ** uniform(0, 1)", "(2 ** uniform(0, 1)) ** 3", "10 - (uniform(0, 1) - 2)",
        "10 - uniform(0, 1) - 2", "uniform(0, 1) % 0.25 * 4", "round(log(loguniform(1, 10)) / 2)",
        "exp(sqrt(abs(normal(0, 1))))", "min(uniform(0, 1), 0.5, 1)", "max(uniform(0, 1), randint(0, 3, label=\"r\") * 0.25)",
        "2 ** (1 + 2) * uniform(0, 1)", "1_000 + uniform(0, 1)",
    })
    void expressions(String expr) {
        assertRoundTrip(expr, "space = { e: " + expr + " }");
    }

    @Test
    void letsSharingAndLiterals() {
        String text = assertRoundTrip("lets", """
                // lets may come in any order and refer to each other
                let block = { units: quniform(16, 64, 16), act: choice { relu: {}, tanh: { scale: uniform(0.5, 2) } } }
                let lr = loguniform(1e-4, 1e-1)
                let k = 2 ** 3
                let twice = lr * 2
                let alias = lr
                space = {
                  encoder: block,
                  alias: alias,
                  decoder: block,
                  model: choice { small: { lr: lr, k: k }, big: { lr: twice, extra: block } },
                  strings: ['single', "double \\"quoted\\"", "tab\\tnew\\nline", 'back\\\\slash'],
                  'odd key': true, "choice": false, space: null,
                  big: 12345678901234, tiny: 1e-300, neg: -0.0, huge: exp(1000), low: -exp(1000),
                }
                """);
        assertThat(text).contains("let block = ", "let lr = ", "let twice = lr * 2", "let alias = lr", "k: 8", "'odd key'".replace('\'', '"'));
    }

    @Test
    void moduleImportsFlattenWithTheirLabels(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("lib.hspace"), """
                let lr = loguniform(1e-5, 1e-1)
                let layer = { units: randint(8, 64), rate: lr }
                space = { lr: lr, layer: layer, momentum: uniform(0, 1) }
                """);
        Path main = dir.resolve("main.hspace");
        Files.writeString(main, """
                import "lib.hspace" as lib
                import shipped.models as models
                space = { base: lib.space, lr: lib.lr, again: lib.layer, other: models.space, m: models.rate }
                """);
        // The one module this test imports, whatever name the compiler asks for it by.
        ModuleLoader modules = name -> Optional.of(Source.of("shipped/models.hspace", """
                let rate = uniform(0.1, 0.9)
                space = { rate: rate, depth: uniformint(1, 8) }
                """));
        SearchSpace space = new HSpaceCompiler(modules).compile(main).orThrow();
        String text = assertRoundTrip("imports", space);
        assertThat(space.labels()).contains("lib.lr", "lib.layer.units", "models.rate", "base.momentum", "other.depth");
        assertThat(text).contains("label=\"lib.lr\"", "label=\"lib.layer.units\"", "label=\"models.rate\"");
    }

    @Test
    void anImportedNamedChoiceKeepsItsLabel(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("lib.hspace"), "let opt = choice { a: 1, b: uniform(0, 1) }\nspace = {}\n");
        Path main = dir.resolve("main.hspace");
        Files.writeString(main, "import \"lib.hspace\" as lib\nspace = { o: lib.opt }\n");
        SearchSpace space = compiler.compile(main).orThrow();
        assertThat(space.labels()).containsExactly("lib.opt", "lib.opt.b");
        String text = assertRoundTrip("imported named choice", space);
        assertThat(text).isEqualTo("""
                let lib_opt = choice { a: 1, b: uniform(0, 1), label="lib.opt" }

                space = { o: lib_opt }
                """);
        SearchSpace back = compiler.compile("printed", text).orThrow();
        assertThat(back.describe(back.condition(1))).isEqualTo("lib.opt == b");
    }

    @Test
    void aSharedNamedChoiceKeepsTheLabelOfItsFirstPlace() {
        Choice opt = Spaces.namedChoice().branch("a", 1).branch("b", Spaces.uniform(0, 1)).build();
        // Used twice, so printed as a let, whose name is not the label.
        SearchSpace shared = SearchSpace.of(Spaces.dict().put("model", Spaces.dict().put("opt", opt)).put("again", opt).build());
        assertThat(shared.labels()).containsExactly("model.opt", "model.opt.b");
        assertThat(assertRoundTrip("shared named choice", shared)).contains("label=\"model.opt\"");
    }

    @Test
    void aNamedChoiceLabelledInJavaKeepsItsLabel() {
        Choice labelled = Spaces.labelled("m.x", Spaces.namedChoice().branch("a", Spaces.uniform(0, 1)).branch("b", 2).build());
        SearchSpace space = SearchSpace.of(Spaces.dict().put("pick", labelled).build());
        assertThat(space.labels()).containsExactly("m.x", "m.x.a");
        assertThat(assertRoundTrip("labelled named choice", space))
                .isEqualTo("""
                        space = {
                          pick: choice { a: uniform(0, 1), b: 2, label="m.x" },
                        }
                        """);
    }

    /** Every .hspace file among the test resources that compiles (others test diagnostics). */
    @Test
    void everyValidSpaceFileOfTheTests() throws IOException, URISyntaxException {
        Path root = Path.of(RoundTripTest.class.getResource("/").toURI());
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(f -> f.toString().endsWith(".hspace")).sorted().toList();
        }
        int valid = 0;
        for (Path f : files) {
            CompileResult r = compiler.compile(f);
            if (!r.ok()) continue;
            assertRoundTrip(root.relativize(f).toString(), r.space());
            valid++;
        }
        assertThat(valid).as("valid files among %s", files.size()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void randomGraphs() {
        int seeds = 400;
        StringBuilder all = new StringBuilder();
        int labelledNamedChoices = 0;
        for (int seed = 0; seed < seeds; seed++) {
            SearchSpace space = RandomSpaces.space(seed);
            String text = assertRoundTrip("random seed " + seed, space);
            all.append(text);
            for (Hyperparameter h : space.hyperparameters()) {
                if (h instanceof Choice c && c.kind() == ChoiceKind.NAMED && text.contains("label=" + Syntax.quote(c.label()))) {
                    labelledNamedChoices++;
                }
            }
        }
        assertThat(labelledNamedChoices).as("named choices printed with label=").isGreaterThan(10);
        // The generator must reach every feature the printer has a rule for.
        assertThat(all.toString()).contains(
                "let ", "label=\"", "choice {", "choice(", "pchoice(", "**", " % ", "int(", "min(", "-(",
                "\\\"", "\\n", "_2 = ", "(-9223372036854775807 - 1)", "\"two words\":", "[\n", "{\n", "e-");
    }

    @Test
    void randomGraphsAreTheSameForTheSameSeed() {
        assertThat(HSpacePrinter.print(RandomSpaces.space(42))).isEqualTo(HSpacePrinter.print(RandomSpaces.space(42)));
    }
}
