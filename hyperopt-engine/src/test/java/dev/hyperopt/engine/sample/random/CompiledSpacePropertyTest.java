package dev.hyperopt.engine.sample.random;

import dev.hyperopt.dsl.CompileResult;
import dev.hyperopt.dsl.HSpaceCompiler;
import dev.hyperopt.dsl.ir.Hyperparameter;
import dev.hyperopt.dsl.ir.Param;
import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.engine.sample.Seeds;
import dev.hyperopt.engine.space.Assignment;
import dev.hyperopt.engine.space.SpaceEvaluator;
import dev.hyperopt.engine.testing.HSpaceText;
import dev.hyperopt.engine.testing.RandomSpaces;
import dev.hyperopt.engine.testing.SpaceChecks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated spaces written as {@code .hspace} text and compiled: the compiled space must
 * sample validly and agree with the graph the text came from, label for label.
 */
class CompiledSpacePropertyTest {

    private static final HSpaceCompiler COMPILER = new HSpaceCompiler();

    static LongStream seeds() {
        return LongStream.range(1000, 1200);
    }

    private static SearchSpace compile(String name, String text) {
        CompileResult r = COMPILER.compile(name, text);
        assertThat(r.ok()).as("compiles:\n%s\n%s", text, r.diagnostics()).isTrue();
        return r.space();
    }

    private static Map<String, String> conditions(SearchSpace space) {
        Map<String, String> m = new LinkedHashMap<>();
        for (Hyperparameter h : space.hyperparameters()) m.put(h.label(), space.describe(space.condition(h.index())));
        return m;
    }

    @ParameterizedTest(name = "space {0}")
    @MethodSource("seeds")
    void compiledTextSamplesLikeTheGraphItWasWrittenFrom(long seed) {
        RandomSpaces gen = RandomSpaces.generate(seed, 4);
        String text = HSpaceText.write(gen);
        SearchSpace compiled = compile("gen" + seed + ".hspace", text);
        SearchSpace direct = SearchSpace.of(gen.root());

        SpaceChecks.assertWellFormed(compiled);
        assertThat(compiled.labels()).as(text).containsExactlyElementsOf(direct.labels());
        assertThat(conditions(compiled)).as(text).isEqualTo(conditions(direct));
        for (int i = 0; i < direct.size(); i++) {
            Hyperparameter c = compiled.hyperparameter(i);
            Hyperparameter d = direct.hyperparameter(i);
            assertThat(c.getClass()).isEqualTo(d.getClass());
            if (c instanceof Param p) {
                assertThat(p.distribution()).as("%s", c.label()).isEqualTo(((Param) d).distribution());
            }
        }

        SpaceChecks.assertSamplesAreValid(compiled, seed, 100);
        // Same order and priors, so the same stream gives the same configuration.
        for (int t = 0; t < 50; t++) {
            Assignment a = PriorSampler.sample(compiled, Seeds.stream(seed, t));
            Assignment b = PriorSampler.sample(direct, Seeds.stream(seed, t));
            assertThat(a.labels()).isEqualTo(b.labels());
            assertThat(SpaceEvaluator.evaluate(a)).isEqualTo(SpaceEvaluator.evaluate(b));
        }
    }

    @Test
    void theReferenceExampleSamplesValidly() {
        // The example file of the language reference.
        String text = """
                let lr = loguniform(1e-5, 1e-1)

                space = {
                  learning_rate: lr,
                  batch_size: 2 ** randint(4, 9),
                  units: quniform(16, 512, 16) as int,
                  momentum: uniform(0.0, 0.99),
                  l2: normal(0.0, 1.0),
                  layers: choice(1, 2, 3),
                  optimizer: choice {
                    sgd:  { nesterov: choice(true, false) },
                    adam: { beta1: uniform(0.8, 0.999), beta2: 0.999 },
                  },
                  dropout: pchoice(0.3: 0.0, 0.7: uniform(0.1, 0.5)),
                  name: "run-a",
                  widths: [quniform(8, 64, 8), 128],
                }
                """;
        SearchSpace space = compile("example.hspace", text);
        assertThat(space.labels()).containsExactlyInAnyOrder("lr", "batch_size", "units", "momentum", "l2", "layers",
                "optimizer", "optimizer.sgd.nesterov", "optimizer.adam.beta1", "dropout", "dropout[1]", "widths[0]");
        SpaceChecks.assertWellFormed(space);
        SpaceChecks.assertSamplesAreValid(space, 1, 2000);
        for (int t = 0; t < 2000; t++) {
            @SuppressWarnings("unchecked")
            Map<String, Object> c = (Map<String, Object>) SpaceEvaluator.evaluate(PriorSampler.sample(space, Seeds.stream(2, t)));
            assertThat(c.get("batch_size")).isIn(16L, 32L, 64L, 128L, 256L);
            assertThat(c.get("units")).isInstanceOf(Long.class);
            assertThat((Long) c.get("units") % 16).isZero();
            assertThat(c.get("layers")).isIn(1L, 2L, 3L);
            assertThat(c.get("name")).isEqualTo("run-a");
            @SuppressWarnings("unchecked")
            Map<String, Object> opt = (Map<String, Object>) c.get("optimizer");
            assertThat(opt.keySet()).hasSize(1).containsAnyOf("sgd", "adam");
            if (opt.containsKey("adam")) assertThat(((Map<?, ?>) opt.get("adam")).get("beta2")).isEqualTo(0.999);
        }
    }
}
