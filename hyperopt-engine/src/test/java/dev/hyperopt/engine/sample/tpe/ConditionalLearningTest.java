package dev.hyperopt.engine.sample.tpe;

import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.engine.sample.Observation;
import dev.hyperopt.engine.sample.Sampler;
import dev.hyperopt.engine.sample.SamplingContext;
import dev.hyperopt.engine.sample.anneal.AnnealSampler;
import dev.hyperopt.engine.sample.random.PriorSampler;
import dev.hyperopt.engine.space.Assignment;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A conditional hyperparameter is modelled on the trials where it was active: after a
 * random history in which branch b is good and its y is best near 0.8, suggestions pick b
 * and put y near 0.8, while x (only active in branch a) does not disturb them.
 */
class ConditionalLearningTest {

    static final SearchSpace SPACE = Problems.compile("cond", """
            space = {
              model: choice {
                a: { x: uniform(0, 1) },
                b: { y: uniform(0, 1) },
              },
            }
            """);

    static Stream<Arguments> samplers() {
        return Stream.of(
                Arguments.of("tpe-hyperopt", new HyperoptTpeSampler()),
                Arguments.of("tpe", new TpeSampler()),
                Arguments.of("tpe univariate", new TpeSampler(TpeOptions.DEFAULTS.withMultivariate(false))),
                Arguments.of("anneal", new AnnealSampler()));
    }

    private static double loss(double[] v) {
        return v[0] == 1 ? 10 * (v[2] - 0.8) * (v[2] - 0.8) : 1 + v[1];
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samplers")
    void picksTheGoodBranchAndItsGoodRegion(String name, Sampler sampler) {
        List<Observation> history = new ArrayList<>();
        SplittableRandom rng = new SplittableRandom(8);
        for (int t = 0; t < 60; t++) {
            Assignment a = PriorSampler.sample(SPACE, rng);
            history.add(Observation.ok(t, a.values(), loss(a.values())));
        }
        int b = 0;
        double distance = 0;
        int asks = 40;
        for (int t = 60; t < 60 + asks; t++) {
            Assignment a = sampler.suggest(new SamplingContext(SPACE, history, 1, t));
            if (a.value(0) == 1) {
                b++;
                distance += Math.abs(a.value(2) - 0.8);
            }
        }
        System.out.printf("%s: %d of %d in branch b, mean |y - 0.8| %.3f%n", name, b, asks, b == 0 ? Double.NaN : distance / b);
        assertThat(b).as("suggestions in branch b").isGreaterThan(asks * 3 / 4);
        // a uniform y would be 0.34 away from 0.8 on average
        assertThat(distance / b).as("mean |y - 0.8|").isLessThan(0.2);
    }
}
