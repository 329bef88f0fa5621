package dev.hyperopt.engine.sample.random;

import dev.hyperopt.dsl.ir.Distribution;
import dev.hyperopt.dsl.ir.Node;
import dev.hyperopt.dsl.ir.Param;
import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.engine.sample.Seeds;
import dev.hyperopt.engine.testing.RandomSpaces;
import dev.hyperopt.engine.testing.SpaceChecks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.random.RandomGenerator;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Prior sampling of many generated spaces, checked against oracles that walk the graph. */
class RandomSpacePropertyTest {

    static LongStream seeds() {
        return LongStream.range(0, 300);
    }

    @ParameterizedTest(name = "space {0}")
    @MethodSource("seeds")
    void samplesOfGeneratedSpacesAreValid(long seed) {
        RandomSpaces gen = RandomSpaces.generate(seed, 4);
        SearchSpace space = SearchSpace.of(gen.root());
        SpaceChecks.assertWellFormed(space);
        assertThat(space.size()).isEqualTo(SpaceChecks.countHyperparameters(gen.root()));
        SpaceChecks.assertSamplesAreValid(space, seed, 200);
    }

    @Test
    void theGeneratorCoversEveryFeature() {
        // Guards the property above against a generator that stopped producing the hard cases.
        int lets = 0;
        int sharedSpaces = 0;
        int deepChoices = 0;
        int total = 0;
        for (long seed = 0; seed < 300; seed++) {
            RandomSpaces gen = RandomSpaces.generate(seed, 4);
            SearchSpace space = SearchSpace.of(gen.root());
            lets += gen.lets().size();
            total += space.size();
            boolean shared = false;
            for (int i = 0; i < space.size(); i++) {
                if (space.condition(i).anyOf().size() > 1) shared = true;
                int depth = 0;
                for (int j = i; !space.condition(j).isAlways(); j = space.condition(j).anyOf().get(0).choice()) depth++;
                if (depth >= 2) deepChoices++;
            }
            if (shared) sharedSpaces++;
        }
        assertThat(lets).isGreaterThan(300);
        assertThat(sharedSpaces).as("spaces with a hyperparameter under two choices").isGreaterThan(10);
        assertThat(deepChoices).as("hyperparameters under nested choices").isGreaterThan(100);
        assertThat(total).isGreaterThan(3000);
    }

    @ParameterizedTest(name = "distributions {0}")
    @MethodSource("seeds")
    void everyGeneratedDistributionStaysInItsSupport(long seed) {
        RandomSpaces gen = RandomSpaces.generate(seed, 0);
        RandomGenerator rng = Seeds.stream(seed, 1);
        for (int k = 0; k < 20; k++) {
            Distribution d = gen.distribution();
            assertThat(d.problem()).as("%s is valid", d).isNull();
            Node p = Param.labelled("x", d);
            SearchSpace space = SearchSpace.of(p);
            for (int i = 0; i < 200; i++) SpaceChecks.assertInSupport(space.hyperparameter(0), d.sample(rng));
        }
    }
}
