package dev.hyperopt.dsl;

import dev.hyperopt.dsl.diag.Diagnostic;
import dev.hyperopt.dsl.diag.DiagnosticCode;
import dev.hyperopt.dsl.ir.Choice;
import dev.hyperopt.dsl.ir.ChoiceKind;
import dev.hyperopt.dsl.ir.DictNode;
import dev.hyperopt.dsl.ir.Dist;
import dev.hyperopt.dsl.ir.Hyperparameter;
import dev.hyperopt.dsl.ir.Literal;
import dev.hyperopt.dsl.ir.Named;
import dev.hyperopt.dsl.ir.Param;
import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.dsl.ir.Type;
import dev.hyperopt.dsl.source.Source;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CompilerTest {

    static final String CONTRACT_EXAMPLE = """
            # Comments run from '#' (or '//') to the end of the line.

            let lr = loguniform(1e-5, 1e-1)          # a named hyperparameter, reusable

            space = {                                # exactly one `space` per file is the default export
              learning_rate: lr,
              batch_size: 2 ** randint(4, 9),        # an expression over a hyperparameter: 16..256
              units: quniform(16, 512, 16) as int,   # a cast; `int(...)` works too
              momentum: uniform(0.0, 0.99),
              l2: normal(0.0, 1.0),
              layers: choice(1, 2, 3),               # unnamed alternatives: the value is the option itself
              optimizer: choice {                    # named alternatives: conditional sub-spaces
                sgd:  { nesterov: choice(true, false) },
                adam: { beta1: uniform(0.8, 0.999), beta2: 0.999 },
              },
              dropout: pchoice(0.3: 0.0, 0.7: uniform(0.1, 0.5)),   # weighted alternatives
              name: "run-a",                         # literals: numbers, strings, true/false, null
              widths: [quniform(8, 64, 8), 128],     # lists
            }
            """;

    static SearchSpace compile(String text) {
        CompileResult r = new HSpaceCompiler().compile("test.hspace", text);
        assertThat(r.diagnostics()).as("diagnostics").isEmpty();
        return r.orThrow();
    }

    static List<Diagnostic> errors(String text) {
        CompileResult r = new HSpaceCompiler().compile("test.hspace", text);
        assertThat(r.ok()).isFalse();
        return r.diagnostics();
    }

    /** label -> "distribution when condition", the shape optimizers rely on. */
    static Map<String, String> describe(SearchSpace s) {
        Map<String, String> m = new LinkedHashMap<>();
        for (Hyperparameter h : s.hyperparameters()) {
            String what = h instanceof Param p ? p.distribution().toString() : ((Choice) h).kind() + "/" + ((Choice) h).size();
            m.put(h.label(), what + " when " + s.describe(s.condition(h.index())));
        }
        return m;
    }

    @Test
    void contractExampleHasTheDocumentedLabelsAndConditions() {
        SearchSpace s = compile(CONTRACT_EXAMPLE);
        assertThat(describe(s)).containsExactly(
                Map.entry("lr", "loguniform(1e-5, 0.1) when always"),
                Map.entry("batch_size", "randint(4, 9) when always"),
                Map.entry("units", "quniform(16.0, 512.0, 16.0) when always"),
                Map.entry("momentum", "uniform(0.0, 0.99) when always"),
                Map.entry("l2", "normal(0.0, 1.0) when always"),
                Map.entry("layers", "UNNAMED/3 when always"),
                Map.entry("optimizer", "NAMED/2 when always"),
                Map.entry("optimizer.sgd.nesterov", "UNNAMED/2 when optimizer == sgd"),
                Map.entry("optimizer.adam.beta1", "uniform(0.8, 0.999) when optimizer == adam"),
                Map.entry("dropout", "WEIGHTED/2 when always"),
                Map.entry("dropout[1]", "uniform(0.1, 0.5) when dropout == 1"),
                Map.entry("widths[0]", "quniform(8.0, 64.0, 8.0) when always"));
        DictNode root = (DictNode) s.root();
        assertThat(root.entries()).extracting(DictNode.Entry::key).containsExactly(
                "learning_rate", "batch_size", "units", "momentum", "l2", "layers", "optimizer", "dropout", "name", "widths");
        assertThat(root.entries().get(1).value().type()).isEqualTo(Type.INT);
        assertThat(root.entries().get(2).value().type()).isEqualTo(Type.INT);
        assertThat(root.entries().get(0).value()).isInstanceOf(Named.class);
        Choice dropout = (Choice) s.byLabel("dropout");
        assertThat(dropout.weights()).containsExactly(0.3, 0.7);
        assertThat(dropout.kind()).isEqualTo(ChoiceKind.WEIGHTED);
    }

    @Test
    void aLetIsOneSharedHyperparameterLabelledByItsName() {
        SearchSpace s = compile("""
                let lr = loguniform(1e-4, 1)
                let block = { units: randint(1, 5), act: choice("relu", "tanh") }
                space = { a: lr, b: lr, enc: block, dec: block, m: choice { x: { r: lr }, y: {} } }
                """);
        assertThat(s.labels()).containsExactly("lr", "block.units", "block.act", "m");
        DictNode root = (DictNode) s.root();
        assertThat(root.entries().get(0).value()).isSameAs(root.entries().get(1).value());
        assertThat(s.condition(s.byLabel("lr").index()).isAlways()).isTrue();
    }

    @Test
    void aLetUsedOnlyInsideBranchesIsActiveWhenAnyOfThemIsChosen() {
        SearchSpace s = compile("""
                let c = uniform(0, 1)
                space = { model: choice { a: { c: c }, b: { c: c }, z: {} } }
                """);
        assertThat(describe(s)).containsEntry("c", "uniform(0.0, 1.0) when model == a || model == b");
        assertThat(s.isActive(s.byLabel("c").index(), new double[] {2, Double.NaN})).isFalse();
        assertThat(s.isActive(s.byLabel("c").index(), new double[] {1, Double.NaN})).isTrue();
    }

    @Test
    void choicesComeBeforeWhatTheyConditionEvenWhenALetIsUsedEarlier() {
        SearchSpace s = compile("""
                let shared = uniform(0, 1)
                let pick = choice { a: { s: shared }, b: {} }
                space = { first: pick, again: choice { c: { s: shared }, d: {} } }
                """);
        for (Hyperparameter h : s.hyperparameters()) {
            for (var atom : s.condition(h.index()).anyOf()) assertThat(atom.choice()).isLessThan(h.index());
        }
        assertThat(describe(s)).containsEntry("shared", "uniform(0.0, 1.0) when pick == a || again == c");
    }

    @Test
    void nestedChoicesAndListsGetPathLabels() {
        SearchSpace s = compile("""
                space = {
                  o_x: choice({ value: -3, x_neg: uniform(-5, 5) }, { value: 3, x_pos: uniform(-5, 5) }),
                  layers: [ { units: randint(1, 3) }, choice(1, [2, uniform(0, 1)]) ],
                  model: choice { svm: { kernel: choice { rbf: { gamma: loguniform(1e-4, 10) }, linear: {} } } },
                }
                """);
        assertThat(describe(s)).containsExactly(
                Map.entry("o_x", "UNNAMED/2 when always"),
                Map.entry("o_x[0].x_neg", "uniform(-5.0, 5.0) when o_x == 0"),
                Map.entry("o_x[1].x_pos", "uniform(-5.0, 5.0) when o_x == 1"),
                Map.entry("layers[0].units", "randint(1, 3) when always"),
                Map.entry("layers[1]", "UNNAMED/2 when always"),
                Map.entry("layers[1][1][1]", "uniform(0.0, 1.0) when layers[1] == 1"),
                Map.entry("model", "NAMED/1 when always"),
                Map.entry("model.svm.kernel", "NAMED/2 when model == svm"),
                Map.entry("model.svm.kernel.rbf.gamma", "loguniform(1e-4, 10.0) when model.svm.kernel == rbf"));
    }

    @Test
    void everyDistributionCompilesWithItsParameters() {
        SearchSpace s = compile("""
                space = {
                  a: uniform(-1, 1), b: quniform(0, 10, 2.5), c: loguniform(0.001, 10), d: qloguniform(1, 1024, 1),
                  e: normal(0, 2), f: qnormal(0, 10, 2), g: lognormal(-2, 2), h: qlognormal(0, 2, 1),
                  i: randint(0, 10), j: uniformint(1, 6), k: choice(1, 2), l: pchoice(0.1: 0, 0.9: 1),
                  m: uniform(low = 0, high = 5), n: normal(sigma = 3, mu = 1),
                }
                """);
        assertThat(s.hyperparameters()).hasSize(14);
        Param c = (Param) s.byLabel("c");
        assertThat(c.distribution().kind()).isEqualTo(Dist.LOGUNIFORM);
        assertThat(c.distribution().low()).isEqualTo(0.001);
        assertThat(((Param) s.byLabel("b")).distribution().q()).isEqualTo(2.5);
        assertThat(((Param) s.byLabel("i")).type()).isEqualTo(Type.INT);
        assertThat(((Param) s.byLabel("j")).distribution().high()).isEqualTo(6);
        assertThat(((Param) s.byLabel("m")).distribution().high()).isEqualTo(5);
        assertThat(((Param) s.byLabel("n")).distribution().mu()).isEqualTo(1);
        assertThat(((Param) s.byLabel("n")).distribution().sigma()).isEqualTo(3);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "-2 ** 2 | -4",
            "2 ** 3 ** 2 | 512",
            "1 + 2 * 3 | 7",
            "(1 + 2) * 3 | 9",
            "7 % -3 | -2",
            "-7 % 3 | 2",
            "7 / 2 | 3.5",
            "2 ** -1 | 0.5",
            "int(-2.7) | -2",
            "round(2.5) | 2",
            "round(3.5) | 4",
            "3.9 as int | 3",
            "float(2) | 2.0",
            "max(1, 2.5, 2) | 2.5",
            "min(3, 1) | 1",
            "abs(-3) | 3",
            "1_000 | 1000",
            "1e3 | 1000.0",
            "sqrt(16) | 4.0",
    })
    void constantExpressionsFollowPythonAndFoldToLiterals(String expr, String value) {
        SearchSpace s = compile("space = { x: " + expr + " }");
        Literal lit = (Literal) ((DictNode) s.root()).entries().get(0).value();
        Object v = lit.value();
        assertThat(v.toString()).isEqualTo(value);
    }

    @Test
    void stringsKeywordsAndComments() {
        SearchSpace s = compile("""
                // a line comment
                /* a block
                   comment */
                space = { "odd key": "tab\\there", 'single': 'it\\'s', flag: true, none: null, choice: 1 }  # trailing
                """);
        DictNode root = (DictNode) s.root();
        assertThat(root.entries()).extracting(DictNode.Entry::key).containsExactly("odd key", "single", "flag", "none", "choice");
        assertThat(((Literal) root.entries().get(0).value()).value()).isEqualTo("tab\there");
        assertThat(((Literal) root.entries().get(1).value()).value()).isEqualTo("it's");
        assertThat(((Literal) root.entries().get(3).value()).value()).isNull();
    }

    @Test
    void explicitLabelsAreKept() {
        SearchSpace s = compile("space = { a: uniform(0, 1, label=\"alpha\"), b: choice(1, 2, label=\"beta\") }");
        assertThat(s.labels()).containsExactly("alpha", "beta");
    }

    @Test
    void aNamedChoiceTakesALabelThatWhatIsInsideItIsLabelledFrom() {
        SearchSpace s = compile("""
                let opt = choice { sgd: { momentum: uniform(0, 1) }, adam: {}, label="m.optimizer" }
                space = {
                  optimizer: opt,
                  label: choice { label: 1, other: { x: normal(0, 1) }, },
                }
                """);
        assertThat(describe(s)).containsExactly(
                Map.entry("m.optimizer", "NAMED/2 when always"),
                Map.entry("m.optimizer.sgd.momentum", "uniform(0.0, 1.0) when m.optimizer == sgd"),
                Map.entry("label", "NAMED/2 when always"),
                Map.entry("label.other.x", "normal(0.0, 1.0) when label == other"));
        assertThat(s.byLabel("m.optimizer").explicitLabel()).isTrue();
    }

    @Test
    void aNamedChoiceLabelIsCheckedLikeAnyOther() {
        assertThat(errors("space = choice { a: 1, label=2 }")).extracting(d -> d.code().id() + " " + d.message())
                .containsExactly("HS004 label must be a non-empty string");
        assertThat(errors("space = choice { a: 1, label=\"x\", label=\"y\" }")).extracting(d -> d.code().id() + " " + d.message())
                .containsExactly("HS023 argument 'label' given twice");
        assertThat(errors("space = choice { label=\"x\" }")).extracting(d -> d.code().id()).containsExactly("HS022");
        assertThat(errors("space = { a: choice { b: 1, label=\"x\" }, x: uniform(0, 1) }"))
                .extracting(d -> d.code().id()).containsExactly("HS016");
    }

    @Test
    void fileImportsResolveRelativeToTheImportingFile() throws Exception {
        Path main = Path.of(getClass().getResource("/imports/main.hspace").toURI());
        SearchSpace s = new HSpaceCompiler().compile(main).orThrow();
        assertThat(describe(s)).containsExactly(
                Map.entry("first.units", "randint(1, 4) when always"),
                Map.entry("first.activation", "UNNAMED/2 when always"),
                Map.entry("layers.width", "quniform(16.0, 256.0, 16.0) when always"));
    }

    @Test
    void importCyclesAreReportedNotFollowed() throws Exception {
        Path a = Path.of(getClass().getResource("/imports/cycle-a.hspace").toURI());
        CompileResult r = new HSpaceCompiler().compile(new Source("cycle-a.hspace", java.nio.file.Files.readString(a), a));
        assertThat(r.ok()).isFalse();
        assertThat(r.diagnostics()).extracting(Diagnostic::code).containsExactly(DiagnosticCode.IMPORT_CYCLE);
        assertThat(r.diagnostics().get(0).headline()).isEqualTo(
                "sub/cycle-b.hspace:1:8: error: import cycle: cycle-a.hspace -> cycle-b.hspace -> cycle-a.hspace [HS014]");
    }

    @Test
    void modulesShippedOnTheClassPathAreImportedByName() {
        SearchSpace s = compile("""
                import testlib.optimizers as opt
                space = { optimizer: opt.space, m: opt.momentum }
                """);
        assertThat(describe(s)).containsExactly(
                Map.entry("optimizer", "NAMED/2 when always"),
                Map.entry("opt.common.lr", "loguniform(1e-5, 0.1) when optimizer == sgd || optimizer == adam"),
                Map.entry("opt.momentum", "uniform(0.5, 0.99) when always"));
    }

    @Test
    void reportsSeveralProblemsInOneFile() {
        List<Diagnostic> ds = errors("""
                space = {
                  a: uniform(1, 0),
                  b: nope,
                  c: lognormal(0, 0),
                  d: quniform(0, 1, -1),
                }
                """);
        assertThat(ds).extracting(d -> d.code().id() + "@" + d.line()).containsExactly("HS005@2", "HS013@3", "HS007@4", "HS006@5");
    }

    @Test
    void aParameterGivenTwiceIsReportedOnce() {
        assertThat(errors("space = { a: uniform(0, low=1) }")).extracting(d -> d.code().id() + "@" + d.column())
                .containsExactly("HS023@25");
    }

    @Test
    void neverThrowsOnEmptyOrGarbageInput() {
        for (String text : List.of("", "space", "space =", "{", "space = {a: }", "let = 3", "import", "\u0000\u00ff",
                "space = choice {", "space = pchoice(0.5:)", "space = [1,,2]", "space = 1 as", "space = ((((")) {
            CompileResult r = new HSpaceCompiler().compile("garbage.hspace", text);
            assertThat(r.ok()).as(text).isFalse();
            assertThat(r.diagnostics()).as(text).isNotEmpty().allMatch(d -> d.line() >= 1 && d.column() >= 1);
        }
    }
}
