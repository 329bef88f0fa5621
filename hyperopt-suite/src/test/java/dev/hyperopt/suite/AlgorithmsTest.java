package dev.hyperopt.suite;

import dev.hyperopt.engine.sample.Sampler;
import dev.hyperopt.engine.sample.random.RandomSampler;
import dev.hyperopt.engine.sample.tpe.TpeOptions;
import dev.hyperopt.engine.sample.tpe.TpeSampler;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlgorithmsTest {
    @Test
    void tpeOptionsChangeOnlyWhatTheyName() {
        Sampler s = Algorithms.sampler("tpe:rankWeights=0,startup=10", name -> null);
        TpeOptions o = ((TpeSampler) s).options();
        assertThat(o).isEqualTo(TpeOptions.DEFAULTS.withRankWeights(0).withStartup(10));
        assertThat(Algorithms.tpeOptions("optuna,multivariate=true")).isEqualTo(TpeOptions.OPTUNA.withMultivariate(true));
    }

    @Test
    void plainNamesGoToTheEngine() {
        RandomSampler r = new RandomSampler();
        assertThat(Algorithms.sampler("rand", name -> name.equals("rand") ? r : null)).isSameAs(r);
    }

    @Test
    void badOptionsAreNamed() {
        assertThatThrownBy(() -> Algorithms.tpeOptions("bandwidth=2")).hasMessageContaining("unknown tpe option 'bandwidth'");
        assertThatThrownBy(() -> Algorithms.tpeOptions("gamma=x")).hasMessageContaining("not a number");
        assertThatThrownBy(() -> Algorithms.tpeOptions("multivariate=yes")).hasMessageContaining("true or false");
        assertThatThrownBy(() -> Algorithms.sampler("anneal:x=1", n -> null)).hasMessageContaining("only taken by tpe");
    }
}
