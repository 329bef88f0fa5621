package dev.hyperopt.testing;

import dev.hyperopt.dsl.HSpaceCompiler;
import dev.hyperopt.dsl.ir.Choice;
import dev.hyperopt.dsl.ir.Dist;
import dev.hyperopt.dsl.ir.Distribution;
import dev.hyperopt.dsl.ir.Hyperparameter;
import dev.hyperopt.dsl.ir.Param;
import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.engine.sample.Observation;
import dev.hyperopt.engine.sample.Sampler;
import dev.hyperopt.engine.sample.SamplingContext;
import dev.hyperopt.engine.space.Assignment;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every sampler must do, whatever it learns: valid, reproducible suggestions from any
 * history, over every distribution and nested conditions. A sampler's test extends this
 * class and says which sampler to check.
 */
public abstract class SamplerContract {

    /** The sampler to check; called once per test. */
    protected abstract Sampler sampler();

    /** Every distribution, a weighted choice, and conditions two levels deep. */
    private static final SearchSpace SPACE = new HSpaceCompiler().compile("all", """
            space = {
              u: uniform(-2, 3),
              qu: quniform(0.5, 10, 2),
              lu: loguniform(0.001, 10),
              qlu: qloguniform(1, 1000, 5),
              n: normal(1, 2),
              qn: qnormal(0, 5, 1),
              ln: lognormal(0, 1),
              qln: qlognormal(1, 0.5, 2),
              ri: randint(3, 9),
              ui: uniformint(-2, 4),
              one: uniformint(7, 7),
              w: pchoice(0.7: "a", 0.3: "b"),
              model: choice {
                lin: { c: loguniform(0.01, 100) },
                tree: {
                  depth: uniformint(1, 10),
                  crit: choice {
                    gini: { g: uniform(0, 1) },
                    ent: {},
                  },
                },
              },
            }
            """).orThrow();

    private static double loss(double[] v) {
        double s = 0;
        for (int i = 0; i < v.length; i++) if (!Double.isNaN(v[i])) s += Math.abs(Math.sin(v[i] * (i + 1)));
        return s;
    }

    @Test
    public void suggestionsStayInsideTheirSupportAndActivity() {
        Sampler sampler = sampler();
        List<Observation> history = new ArrayList<>();
        for (int t = 0; t < 80; t++) {
            Assignment a = sampler.suggest(new SamplingContext(SPACE, history, 11, t));
            assertValid(a);
            Observation o = switch (t % 9) {
                case 4 -> new Observation(t, a.values(), Observation.State.FAILED, Double.NaN);
                case 7 -> new Observation(t, a.values(), Observation.State.RUNNING, Double.NaN);
                default -> Observation.ok(t, a.values(), loss(a.values()));
            };
            history.add(o);
        }
    }

    @Test
    public void theSameContextGivesTheSameSuggestion() {
        Sampler sampler = sampler();
        List<Observation> history = new ArrayList<>();
        for (int t = 0; t < 40; t++) {
            Assignment a = sampler.suggest(new SamplingContext(SPACE, history, 3, t));
            history.add(Observation.ok(t, a.values(), loss(a.values())));
        }
        SamplingContext ctx = new SamplingContext(SPACE, history, 3, 40);
        Assignment first = sampler.suggest(ctx);
        assertThat(sampler.suggest(ctx)).isEqualTo(first);
        assertThat(sampler.suggest(new SamplingContext(SPACE, new ArrayList<>(history), 3, 40))).isEqualTo(first);
        // another trial number or seed draws differently
        assertThat(sampler.suggest(new SamplingContext(SPACE, history, 3, 41))).isNotEqualTo(first);
        assertThat(sampler.suggest(new SamplingContext(SPACE, history, 4, 40))).isNotEqualTo(first);
    }

    @Test
    public void worksWithNoHistoryOnlyFailuresOrOnlyRunningTrials() {
        Sampler sampler = sampler();
        assertValid(sampler.suggest(new SamplingContext(SPACE, List.of(), 1, 0)));
        List<Observation> failed = new ArrayList<>();
        List<Observation> running = new ArrayList<>();
        for (int t = 0; t < 40; t++) {
            Assignment a = sampler.suggest(new SamplingContext(SPACE, failed, 1, t));
            assertValid(a);
            failed.add(new Observation(t, a.values(), Observation.State.FAILED, Double.NaN));
            running.add(new Observation(t, a.values(), Observation.State.RUNNING, Double.NaN));
        }
        assertValid(sampler.suggest(new SamplingContext(SPACE, failed, 1, 40)));
        assertValid(sampler.suggest(new SamplingContext(SPACE, running, 1, 40)));
    }

    private static void assertValid(Assignment a) {
        double[] v = a.values();
        for (int i = 0; i < v.length; i++) {
            Hyperparameter h = SPACE.hyperparameter(i);
            boolean active = SPACE.isActive(i, v);
            assertThat(!Double.isNaN(v[i])).as("%s active", h.label()).isEqualTo(active);
            if (!active) continue;
            assertThat(v[i]).as(h.label()).isFinite();
            if (h instanceof Choice c) {
                assertThat(v[i]).as(h.label()).isBetween(0.0, c.size() - 1.0);
                assertThat(v[i]).isEqualTo(Math.rint(v[i]));
                continue;
            }
            Distribution d = ((Param) h).distribution();
            double x = v[i];
            switch (d.kind()) {
                case UNIFORM, LOGUNIFORM -> assertThat(x).as(h.label()).isBetween(d.a(), d.b());
                case QUNIFORM, QLOGUNIFORM -> {
                    assertThat(x).as(h.label()).isEqualTo(d.quantize(x));
                    // rounding may step half a grid step outside [low, high], never more
                    assertThat(x).as(h.label()).isBetween(d.quantize(d.a()) - d.q(), d.b() + d.q() / 2);
                }
                case QNORMAL, QLOGNORMAL -> assertThat(x).as(h.label()).isEqualTo(d.quantize(x));
                case LOGNORMAL -> assertThat(x).as(h.label()).isPositive();
                case RANDINT -> {
                    assertThat(x).as(h.label()).isBetween(d.a(), d.b() - 1);
                    assertThat(x).isEqualTo(Math.rint(x));
                }
                case UNIFORMINT -> {
                    assertThat(x).as(h.label()).isBetween(d.a(), d.b());
                    assertThat(x).isEqualTo(Math.rint(x));
                }
                case NORMAL -> { }
                default -> throw new AssertionError(d.kind());
            }
            if (d.kind() == Dist.QLOGNORMAL) assertThat(x).isGreaterThanOrEqualTo(0);
        }
    }
}
