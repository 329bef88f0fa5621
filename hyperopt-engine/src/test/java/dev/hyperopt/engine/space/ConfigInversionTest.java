package dev.hyperopt.engine.space;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hyperopt.dsl.CompileResult;
import dev.hyperopt.dsl.HSpaceCompiler;
import dev.hyperopt.dsl.ir.Choice;
import dev.hyperopt.dsl.ir.Dist;
import dev.hyperopt.dsl.ir.Named;
import dev.hyperopt.dsl.ir.Node;
import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.engine.sample.Seeds;
import dev.hyperopt.engine.sample.random.PriorSampler;
import dev.hyperopt.engine.testing.RandomSpaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.hyperopt.engine.testing.Ir.call;
import static dev.hyperopt.engine.testing.Ir.choice;
import static dev.hyperopt.engine.testing.Ir.dict;
import static dev.hyperopt.engine.testing.Ir.let;
import static dev.hyperopt.engine.testing.Ir.list;
import static dev.hyperopt.engine.testing.Ir.lit;
import static dev.hyperopt.engine.testing.Ir.named;
import static dev.hyperopt.engine.testing.Ir.nil;
import static dev.hyperopt.engine.testing.Ir.normal;
import static dev.hyperopt.engine.testing.Ir.op;
import static dev.hyperopt.engine.testing.Ir.param;
import static dev.hyperopt.engine.testing.Ir.pchoice;
import static dev.hyperopt.engine.testing.Ir.randint;
import static dev.hyperopt.engine.testing.Ir.uniform;
import static dev.hyperopt.engine.testing.Ir.uniformint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/** Configurations map back to the labels they were evaluated from, or say where and why they cannot. */
class ConfigInversionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HSpaceCompiler COMPILER = new HSpaceCompiler();

    private static SearchSpace compile(Path file) throws IOException {
        CompileResult r = COMPILER.compile(file);
        assertThat(r.ok()).as("%s compiles: %s", file, r.diagnostics()).isTrue();
        return r.space();
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(ConfigInversionTest.class.getResource(name).toURI());
    }

    private static Object json(String text) throws IOException {
        return JSON.readValue(text, Object.class);
    }

    private static Map<String, Object> labels(SearchSpace space, Object config) {
        return Assignment.fromConfig(space, config).labels();
    }

    /** Same keys in the same order, same types, floats equal up to the rounding of solving an expression. */
    private static void assertSameLabels(Map<String, Object> got, Map<String, Object> want, String what) {
        assertThat(got.keySet()).as(what).containsExactlyElementsOf(want.keySet());
        for (String k : want.keySet()) {
            Object a = got.get(k);
            Object b = want.get(k);
            if (a instanceof Double x && b instanceof Double y) {
                assertThat(Math.abs(x - y)).as("%s: label %s = %s, want %s", what, k, x, y)
                        .isLessThanOrEqualTo(1e-12 * Math.max(Math.abs(x), Math.abs(y)));
            } else {
                assertThat(a).as("%s: label %s", what, k).isEqualTo(b);
            }
        }
    }

    // ------------------------------------------------------------ round trips

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"quickstart.hspace", "mlp.hspace", "optimizers.hspace", "small.hspace"})
    void everySampleOfAnExampleSpaceMapsBackToItsLabels(String file) throws IOException {
        assertRoundTrips(compile(Path.of("..", "examples", file)), 300);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dl4j-dbn.hspace", "vision-convnet.hspace"})
    void everySampleOfAShippedSpaceMapsBackToItsLabels(String file) throws Exception {
        assertRoundTrips(compile(resource(file)), 300);
    }

    /** In these spaces every configuration has one reading, so the labels come back too. */
    private static void assertRoundTrips(SearchSpace space, int samples) throws IOException {
        for (int t = 0; t < samples; t++) {
            Assignment a = PriorSampler.sample(space, Seeds.stream(5, t));
            Object config = SpaceEvaluator.evaluate(a);
            // Through JSON text, as the command line receives it: small integers come back as Integer.
            Object read = json(JSON.writeValueAsString(config));
            Assignment back = Assignment.fromConfig(space, read);
            assertThat(SpaceEvaluator.evaluate(back)).as("sample %d", t).isEqualTo(config);
            assertSameLabels(back.labels(), a.labels(), "sample " + t);
        }
    }

    @Test
    void samplesOfRandomSpacesEvaluateBackToTheSameConfiguration() {
        int samples = 0;
        int sameLabels = 0;
        for (long seed = 0; seed < 150; seed++) {
            SearchSpace space = SearchSpace.of(RandomSpaces.generate(seed, 4).root());
            for (int t = 0; t < 4; t++) {
                Assignment a = PriorSampler.sample(space, Seeds.stream(seed, t));
                Object config = SpaceEvaluator.evaluate(a);
                Assignment back = Assignment.fromConfig(space, config);
                assertThat(SpaceEvaluator.evaluate(back)).as("space %d sample %d", seed, t).isEqualTo(config);
                // A valid assignment: exactly the hyperparameters its choices make active have values.
                assertThat(Assignment.fromLabels(space, back.labels())).isEqualTo(back);
                samples++;
                if (back.equals(a)) sameLabels++;
                else assertTheFirstDifferenceIsAnEarlierOption(space, back, a, "space " + seed + " sample " + t);
            }
        }
        // Both evaluate to the configuration, so where they differ it has several readings (two
        // normals, two empty dicts); most have one.
        assertThat(sameLabels).as("%d of %d samples mapped back to their own labels", sameLabels, samples)
                .isGreaterThan(samples / 2);
    }

    /** Of several readings the first is taken: at the first choice where they differ, the earlier option. */
    private static void assertTheFirstDifferenceIsAnEarlierOption(SearchSpace space, Assignment taken, Assignment other, String what) {
        for (int i = 0; i < space.size(); i++) {
            if (Double.compare(taken.value(i), other.value(i)) == 0) continue;
            assertThat(space.hyperparameter(i)).as("%s: first difference at %s", what, space.hyperparameter(i).label())
                    .isInstanceOf(Choice.class);
            assertThat(taken.value(i)).as("%s: option of %s", what, space.hyperparameter(i).label()).isLessThan(other.value(i));
            return;
        }
    }

    @Test
    void theReferenceExampleMapsBackToTheLabelsItPrints() throws IOException {
        // Both lines are from the language reference: what `sample` prints, with and without --labels.
        Object config = json("""
                {"learning_rate":0.017354227538400414,"batch_size":256,"units":208,"momentum":0.13731818471584883,\
                "l2":-0.7203260493671545,"layers":1,"optimizer":{"sgd":{"nesterov":false}},"dropout":0.37546559872437146,\
                "name":"run-a","widths":[16.0,128]}""");
        Object labels = json("""
                {"lr":0.017354227538400414,"batch_size":8,"units":208.0,"momentum":0.13731818471584883,\
                "l2":-0.7203260493671545,"layers":0,"optimizer":"sgd","optimizer.sgd.nesterov":1,"dropout":1,\
                "dropout[1]":0.37546559872437146,"widths[0]":16.0}""");
        SearchSpace space = compile(Path.of("..", "examples", "quickstart.hspace"));
        @SuppressWarnings("unchecked")
        Assignment expected = Assignment.fromLabels(space, (Map<String, Object>) labels);
        assertThat(Assignment.fromConfig(space, config)).isEqualTo(expected);
    }

    // ------------------------------------------------------------ choices

    @Test
    void aNamedChoiceTakesTheBranchOfTheSingleKey() {
        SearchSpace space = SearchSpace.of(dict("optimizer", named(
                "sgd", dict("momentum", uniform(0, 1)),
                "adam", dict("beta1", uniform(0.8, 0.999), "beta2", lit(0.999)))));
        assertThat(labels(space, Map.of("optimizer", Map.of("adam", Map.of("beta1", 0.9, "beta2", 0.999)))))
                .containsExactly(entry("optimizer", "adam"), entry("optimizer.adam.beta1", 0.9));
        assertThatThrownBy(() -> Assignment.fromConfig(space, Map.of("optimizer", Map.of("adma", Map.of()))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("optimizer: 'adma' is not a branch of choice 'optimizer' (sgd, adam)");
        assertThatThrownBy(() -> Assignment.fromConfig(space, Map.of("optimizer", Map.of("adam", Map.of("beta1", 1.5, "beta2", 0.999)))))
                .hasMessage("optimizer.adam.beta1: 1.5 is outside [0.8, 0.999] ('optimizer.adam.beta1' ~ uniform(0.8, 0.999))");
        assertThatThrownBy(() -> Assignment.fromConfig(space, Map.of("optimizer", "adam")))
                .hasMessage("optimizer: expected an object with one key of sgd, adam, got \"adam\"");
    }

    @Test
    void anUnnamedChoiceTakesTheFirstOptionThatMapsBack() {
        SearchSpace space = SearchSpace.of(dict("x", choice(uniform(0, 1), uniform(0, 2))));
        assertThat(labels(space, Map.of("x", 0.5))).containsExactly(entry("x", 0L), entry("x[0]", 0.5));
        assertThat(labels(space, Map.of("x", 1.5))).containsExactly(entry("x", 1L), entry("x[1]", 1.5));
    }

    @Test
    void integersAndFloatsTellOptionsApart() {
        // The evaluator gives 0 for the literal and 0.0 for the quantized draw.
        SearchSpace space = SearchSpace.of(dict("decay", pchoice(0.2, lit(0L), 0.8, param(Dist.QUNIFORM, 0, 10, 1))));
        assertThat(labels(space, Map.of("decay", 0))).containsExactly(entry("decay", 0L));
        assertThat(labels(space, Map.of("decay", 0.0))).containsExactly(entry("decay", 1L), entry("decay[1]", 0.0));
        assertThat(SpaceEvaluator.evaluate(Assignment.fromConfig(space, Map.of("decay", 0.0)))).isEqualTo(Map.of("decay", 0.0));
    }

    @Test
    void numbersMatchByValueWhenNoReadingKeepsTheirTypes() {
        SearchSpace space = SearchSpace.of(dict("lr", uniform(0, 5), "n", randint(1, 10), "c", lit(0.5)));
        // A hand-written 1 for a float, 3.0 for an integer: no reading keeps the types, so values decide.
        assertThat(labels(space, Map.of("lr", 1, "n", 3.0, "c", 0.5))).containsExactly(entry("lr", 1.0), entry("n", 3L));
        assertThatThrownBy(() -> Assignment.fromConfig(space, Map.of("lr", 1, "n", 3.5, "c", 0.5)))
                .hasMessage("n: 3.5 is not an integer ('n' ~ randint(1, 10))");
    }

    @Test
    void aChoiceThatNoOptionMatchesListsItsOptions() {
        SearchSpace space = SearchSpace.of(dict("layers", choice(lit(1L), lit(2L), lit(3L))));
        assertThatThrownBy(() -> Assignment.fromConfig(space, Map.of("layers", 7)))
                .hasMessage("layers: no option of choice 'layers' gives 7 (option 0 is 1; option 1 is 2; option 2 is 3)");
        assertThatThrownBy(() -> Assignment.fromConfig(space, Map.of("layers", "deep")))
                .hasMessage("layers: expected 1, 2 or 3, got \"deep\"");
    }

    @Test
    void aChoiceReportsTheOnlyOptionOfTheRightShape() {
        SearchSpace space = SearchSpace.of(dict("norm", pchoice(0.2, nil(), 0.8, dict("size", uniformint(3, 5), "stretch", uniform(0.1, 10)))));
        assertThatThrownBy(() -> Assignment.fromConfig(space, Map.of("norm", Map.of("size", 9, "stretch", 1.0))))
                .hasMessage("norm.size: 9 is outside [3, 5] ('norm[1].size' ~ uniformint(3, 5))");
        assertThatThrownBy(() -> Assignment.fromConfig(space, Map.of("norm", json2("size", 4, "strech", 1.0))))
                .hasMessage("norm: expected null or an object with keys size, stretch, got an object with keys size, strech");
        assertThatThrownBy(() -> Assignment.fromConfig(space, Map.of("norm", 4)))
                .hasMessage("norm: expected null or an object with keys size, stretch, got 4");
    }

    // ------------------------------------------------------------ structure and literals

    @Test
    void dictsMatchKeyByKeyAndListsItemByItem() {
        SearchSpace space = SearchSpace.of(dict("name", lit("run-a"), "widths", list(param(Dist.QUNIFORM, 8, 64, 8), lit(128L))));
        assertThat(labels(space, json2("name", "run-a", "widths", List.of(16.0, 128)))).containsExactly(entry("widths[0]", 16.0));
        assertThatThrownBy(() -> Assignment.fromConfig(space, json2("name", "run-b", "widths", List.of(16.0, 128))))
                .hasMessage("name: expected \"run-a\", got \"run-b\"");
        assertThatThrownBy(() -> Assignment.fromConfig(space, json2("name", "run-a", "widths", List.of(16.0))))
                .hasMessage("widths: expected a list of 2 items, got 1 item");
        assertThatThrownBy(() -> Assignment.fromConfig(space, json2("name", "run-a", "widths", List.of(20.0, 128))))
                .hasMessage("widths[0]: 20.0 is not a multiple of 8.0 ('widths[0]' ~ quniform(8.0, 64.0, 8.0))");
        assertThatThrownBy(() -> Assignment.fromConfig(space, json2("name", "run-a", "widths", List.of(16.0, 128), "depth", 3)))
                .hasMessage("unexpected key 'depth' (expected name, widths)");
        assertThatThrownBy(() -> Assignment.fromConfig(space, Map.of("name", "run-a")))
                .hasMessage("missing key 'widths'");
        assertThatThrownBy(() -> Assignment.fromConfig(space, List.of(1, 2)))
                .hasMessage("expected an object with keys name, widths, got a list of 2 items");
    }

    private static Map<String, Object> json2(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    @Test
    void nullsAndBooleansAreLiteralsToo() {
        SearchSpace space = SearchSpace.of(dict("act", choice(nil(), lit(true)), "flag", lit(false)));
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("act", null);
        config.put("flag", false);
        assertThat(labels(space, config)).containsExactly(entry("act", 0L));
        config.put("act", true);
        assertThat(labels(space, config)).containsExactly(entry("act", 1L));
        config.put("flag", true);
        assertThatThrownBy(() -> Assignment.fromConfig(space, config)).hasMessage("flag: expected false, got true");
    }

    @Test
    void theSupportOfEachDistributionIsChecked() {
        assertOutside(param(Dist.LOGUNIFORM, 1e-4, 1e-1), 0.2, "0.2 is outside [1e-4, 0.1]");
        assertOutside(param(Dist.QLOGUNIFORM, 8, 32, 4), 36.0, "36.0 is outside [8.0, 32.0]");
        assertOutside(param(Dist.LOGNORMAL, 0, 1), -1.0, "-1.0 is negative");
        assertOutside(randint(4, 9), 9, "9 is outside [4, 8]");
        assertOutside(uniformint(1, 3), 0, "0 is outside [1, 3]");
        assertOutside(normal(0, 1), Double.NaN, "nan is not a finite number");
        // Hand-written decimals land on the grid within the tolerance; 0.3 / 0.1 is not exactly 3.
        SearchSpace q = SearchSpace.of(dict("x", param(Dist.QUNIFORM, 0, 1, 0.1)));
        assertThat(labels(q, Map.of("x", 0.3))).containsExactly(entry("x", 0.3));
        // Rounding of a log-scale draw may overshoot a bound by an ulp.
        SearchSpace log = SearchSpace.of(dict("x", param(Dist.LOGUNIFORM, 1e-5, 0.1)));
        assertThat(labels(log, Map.of("x", Math.nextUp(0.1)))).containsExactly(entry("x", Math.nextUp(0.1)));
    }

    private static void assertOutside(Node prior, Object value, String why) {
        SearchSpace space = SearchSpace.of(dict("x", prior));
        assertThatThrownBy(() -> Assignment.fromConfig(space, Map.of("x", value)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("x: " + why + " ('x' ~ ");
    }

    // ------------------------------------------------------------ expressions

    @Test
    void powersOfAHyperparameterAreSolved() {
        SearchSpace space = SearchSpace.of(dict("batch_size", op(lit(2L), "**", randint(4, 9)), "lr", op(lit(10L), "**", uniform(-5, -1))));
        Map<String, Object> back = labels(space, json2("batch_size", 32, "lr", 1e-3));
        assertThat(back.get("batch_size")).isEqualTo(5L);
        assertThat((Double) back.get("lr")).isCloseTo(-3.0, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(SpaceEvaluator.evaluate(Assignment.fromConfig(space, json2("batch_size", 32, "lr", 1e-3))))
                .isEqualTo(Map.of("batch_size", 32L, "lr", 1e-3));
        assertThatThrownBy(() -> Assignment.fromConfig(space, json2("batch_size", 48, "lr", 1e-3)))
                .hasMessage("batch_size: no value of 'batch_size' ~ randint(4, 9) makes 2 ** randint(4, 9) = 48");
        assertThatThrownBy(() -> Assignment.fromConfig(space, json2("batch_size", 1024, "lr", 1e-3)))
                .hasMessage("batch_size: 1024 needs 'batch_size' = 10, which is outside [4, 8] ('batch_size' ~ randint(4, 9))");
    }

    @Test
    void linearExpressionsAndFunctionsAreSolved() {
        SearchSpace space = SearchSpace.of(dict(
                "beta1", op(lit(1L), "-", param(Dist.LOGUNIFORM, 1e-3, 0.2)),
                "hidden", op(uniformint(1, 8), "*", lit(64L)),
                "ratio", op(uniform(0, 1), "/", lit(2L)),
                "steps", call("round", param(Dist.LOGUNIFORM, 100, 10000)),
                "clip", call("max", lit(0.1), normal(1, 0.5)),
                "shift", op(lit(3L), "-", call("exp", uniform(0, 1)))));
        Map<String, Object> config = json2("beta1", 0.9, "hidden", 192L, "ratio", 0.25, "steps", 523L, "clip", 0.8,
                "shift", 3 - Math.exp(0.5));
        Assignment a = Assignment.fromConfig(space, config);
        assertThat(SpaceEvaluator.evaluate(a)).isEqualTo(config);
        assertThat(a.labels().get("hidden")).isEqualTo(3L);
        assertThat((Double) a.labels().get("beta1")).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-15));
        assertThat((Double) a.labels().get("shift")).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-15));
        assertThatThrownBy(() -> Assignment.fromConfig(space, json2("beta1", 0.9, "hidden", 100, "ratio", 0.25, "steps", 523,
                "clip", 0.8, "shift", 2.0)))
                .hasMessage("hidden: no value of 'hidden' ~ uniformint(1, 8) makes uniformint(1, 8) * 64 = 100");
    }

    @Test
    void aCastMapsBackWhenTheValueIsConsistent() {
        SearchSpace space = SearchSpace.of(dict("units", call("int", param(Dist.QUNIFORM, 16, 512, 16)),
                "frac", call("int", uniform(0.5, 0.9))));
        Assignment a = Assignment.fromConfig(space, json2("units", 48, "frac", 0));
        assertThat(a.labels()).containsExactly(entry("units", 48.0), entry("frac", 0.5));
        assertThatThrownBy(() -> Assignment.fromConfig(space, json2("units", 50, "frac", 0)))
                .hasMessage("units: no value of 'units' ~ quniform(16.0, 512.0, 16.0) makes int(quniform(16.0, 512.0, 16.0)) = 50");
        assertThatThrownBy(() -> Assignment.fromConfig(space, json2("units", 48, "frac", 1)))
                .hasMessage("frac: 1 needs 'frac' = 1.0, which is outside [0.5, 0.9] ('frac' ~ uniform(0.5, 0.9))");
    }

    @Test
    void anExpressionThatCannotBeSolvedNamesItsLabelsAndSuggestsLabels() {
        SearchSpace mod = SearchSpace.of(dict("bucket", op(uniformint(0, 10), "%", lit(3L))));
        assertThatThrownBy(() -> Assignment.fromConfig(mod, Map.of("bucket", 2)))
                .hasMessage("bucket: cannot map 2 back through uniformint(0, 10) % 3 to 'bucket'; give the labels instead (--labels)");
        Named a = let("a", uniform(1, 2));
        SearchSpace two = SearchSpace.of(dict("area", op(a, "*", uniform(1, 2))));
        assertThatThrownBy(() -> Assignment.fromConfig(two, Map.of("area", 2.0)))
                .hasMessage("area: cannot map 2.0 back through a * uniform(1.0, 2.0) to 'a', 'area'; give the labels instead (--labels)");
    }

    @Test
    void anExpressionIsCheckedOnceItsHyperparametersAreGivenElsewhere() {
        Named a = let("a", uniform(1, 2));
        Named b = let("b", uniform(1, 2));
        // area comes first but needs both sides, which the later keys give.
        SearchSpace space = SearchSpace.of(dict("area", op(a, "*", b), "a", a, "b", b));
        assertThat(labels(space, json2("area", 3.0, "a", 1.5, "b", 2.0))).containsExactly(entry("a", 1.5), entry("b", 2.0));
        assertThatThrownBy(() -> Assignment.fromConfig(space, json2("area", 3.5, "a", 1.5, "b", 2.0)))
                .hasMessage("area: a * b is 3.0 with 'a' = 1.5 (from a), 'b' = 2.0 (from b), not 3.5");
    }

    @Test
    void aChoiceInsideAnExpressionTakesTheOptionThatGivesTheValue() {
        SearchSpace space = SearchSpace.of(dict("width", op(choice(lit(16L), lit(32L)), "*", lit(2L))));
        assertThat(labels(space, Map.of("width", 64))).containsExactly(entry("width", 1L));
        assertThatThrownBy(() -> Assignment.fromConfig(space, Map.of("width", 48)))
                .hasMessage("width: no option of choice 'width' gives 48 for choice 'width' * 2");
    }

    // ------------------------------------------------------------ let

    @Test
    void aLetUsedTwiceMustHaveOneValue() {
        Named w = let("w", uniform(0, 1));
        SearchSpace space = SearchSpace.of(dict("encoder", list(w, w)));
        assertThat(labels(space, Map.of("encoder", List.of(0.5, 0.5)))).containsExactly(entry("w", 0.5));
        assertThatThrownBy(() -> Assignment.fromConfig(space, Map.of("encoder", List.of(0.5, 0.25))))
                .hasMessage("encoder[1]: 'w' is 0.25 here but 0.5 at encoder[0]");
    }

    @Test
    void aCastLetIsSolvedWhereItIsSimplestAndCheckedElsewhere() {
        // mlp.hspace's width, used through an expression before it is used alone.
        Named width = let("width", call("int", param(Dist.QUNIFORM, 32, 512, 32)));
        SearchSpace space = SearchSpace.of(dict("decoder", call("int", op(width, "/", lit(2L))), "encoder", width));
        assertThat(labels(space, json2("decoder", 80, "encoder", 160))).containsExactly(entry("width", 160.0));
        assertThatThrownBy(() -> Assignment.fromConfig(space, json2("decoder", 81, "encoder", 160)))
                .hasMessage("decoder: int(width / 2) is 80 with 'width' = 160.0 (from encoder), not 81");
    }

    @Test
    void anOptionThatAgreesLocallyIsDroppedWhenALaterUseOfItsLetDisagrees() {
        // Option 0 takes 0.3 for w, but b says w is 0.7: only option 1 reads the whole configuration.
        Named w = let("w", uniform(0, 1));
        SearchSpace space = SearchSpace.of(dict("a", choice(w, uniform(0, 1)), "b", w));
        assertThat(labels(space, json2("a", 0.3, "b", 0.7))).containsOnly(entry("a", 1L), entry("a[1]", 0.3), entry("w", 0.7));
        assertThat(labels(space, json2("a", 0.7, "b", 0.7))).containsOnly(entry("a", 0L), entry("w", 0.7));
        // Shared by two choices: the first reading that satisfies both wins.
        SearchSpace two = SearchSpace.of(dict("a", choice(w, normal(0, 1)), "b", choice(w, lit("none"))));
        assertThat(labels(two, json2("a", 0.3, "b", 0.7)))
                .containsOnly(entry("a", 1L), entry("a[1]", 0.3), entry("b", 0L), entry("w", 0.7));
        assertThatThrownBy(() -> Assignment.fromConfig(two, json2("a", 0.3, "b", "some")))
                .hasMessage("b: expected \"none\", got \"some\"");
    }

    @Test
    void aSharedChoiceTakesOneOption() {
        Named c = let("c", choice(lit(1L), lit(2L)));
        SearchSpace space = SearchSpace.of(list(c, c));
        assertThat(labels(space, List.of(2, 2))).containsExactly(entry("c", 1L));
        assertThatThrownBy(() -> Assignment.fromConfig(space, List.of(1, 2)))
                .hasMessage("[1]: expected 1, got 2 (choice 'c' is option 0 at [0])");
    }

    @Test
    void aSharedNamedChoiceTakesOneBranch() {
        Named opt = let("opt", named("sgd", dict("m", uniform(0, 1)), "adam", dict()));
        SearchSpace space = SearchSpace.of(dict("first", opt, "second", opt));
        assertThat(labels(space, json2("first", Map.of("adam", Map.of()), "second", Map.of("adam", Map.of()))))
                .containsExactly(entry("opt", "adam"));
        assertThatThrownBy(() -> Assignment.fromConfig(space, json2("first", Map.of("adam", Map.of()), "second",
                Map.of("sgd", Map.of("m", 0.5)))))
                .hasMessage("second: choice 'opt' is 'sgd' here but 'adam' at first");
    }

    @Test
    void theMessageIsOneLine() {
        SearchSpace space = SearchSpace.of(dict("x", choice(dict("a", uniform(0, 1)), dict("a", uniform(2, 3)))));
        assertThatThrownBy(() -> Assignment.fromConfig(space, Map.of("x", Map.of("a", 5.0))))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"))
                .hasMessage("x: no option of choice 'x' gives an object with keys a (option 0: x.a: 5.0 is outside [0.0, 1.0] "
                        + "('x[0].a' ~ uniform(0.0, 1.0)); option 1: x.a: 5.0 is outside [2.0, 3.0] ('x[1].a' ~ uniform(2.0, 3.0)))");
    }
}
