package dev.hyperopt.engine.prune;

import dev.hyperopt.engine.inject.Engine;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pruners as users name them: bindings, descriptions and option errors. */
class PrunerOptionsTest {

    private static Pruner pruner(String spec) {
        return Engine.standard().pruner(spec);
    }

    @Test
    void theStandardEngineListsEveryPrunerWithItsOptionsAndDefaults() {
        Map<String, String> pruners = Engine.standard().pruners();
        assertThat(pruners).containsOnlyKeys("none", "median", "percentile", "asha", "successive-halving", "hyperband", "wilcoxon");
        assertThat(pruners.values()).allSatisfy(d -> assertThat(d).isNotBlank().doesNotContain("\n"));
        assertThat(pruners.get("median")).contains("n_startup_trials=5", "n_warmup_steps=0", "interval_steps=1", "n_min_trials=1");
        assertThat(pruners.get("percentile")).contains("percentile=25.0", "n_startup_trials=5", "n_min_trials=1");
        assertThat(pruners.get("asha")).contains("min_resource=1 (or auto)", "reduction_factor=3", "min_early_stopping_rate=0", "bootstrap_count=0");
        assertThat(pruners.get("hyperband")).contains("min_resource=1", "max_resource=auto", "reduction_factor=3");
        assertThat(pruners.get("wilcoxon")).contains("p_threshold=0.1", "n_startup_steps=2");
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        assertThat(pruner("median")).isEqualTo(new PercentilePruner(50, 5, 0, 1, 1));
        assertThat(pruner("percentile")).isEqualTo(new PercentilePruner(25, 5, 0, 1, 1));
        assertThat(pruner("asha")).isEqualTo(new AshaPruner(1, 3, 0, 0));
        assertThat(pruner("hyperband")).isEqualTo(new HyperbandPruner(1, HyperbandPruner.AUTO, 3, 0));
        assertThat(pruner("wilcoxon")).isEqualTo(new WilcoxonPruner(0.1, 2));
        assertThat(pruner("none")).isSameAs(Pruner.NONE);
    }

    @Test
    void optionsAreRead() {
        assertThat(pruner("asha:reduction_factor=2")).isEqualTo(new AshaPruner(1, 2, 0, 0));
        assertThat(pruner("percentile:percentile=10,n_startup_trials=0,n_warmup_steps=4,interval_steps=2,n_min_trials=3"))
                .isEqualTo(new PercentilePruner(10, 0, 4, 2, 3));
        assertThat(pruner("hyperband:min_resource=2,max_resource=64,reduction_factor=2,bootstrap_count=1"))
                .isEqualTo(new HyperbandPruner(2, 64, 2, 1));
        assertThat(pruner("hyperband:max_resource=auto")).isEqualTo(new HyperbandPruner(1, HyperbandPruner.AUTO, 3, 0));
        assertThat(pruner("wilcoxon:p_threshold=0.05,n_startup_steps=5")).isEqualTo(new WilcoxonPruner(0.05, 5));
    }

    @Test
    void badOptionsGiveOneClearLine() {
        assertError("asha:reduction_factor=1", "pruner 'asha': option reduction_factor=1 must be an integer >= 2");
        assertError("successive-halving:reduction_factor=1", "pruner 'successive-halving': option reduction_factor=1 must be an integer >= 2");
        assertError("asha:min_resource=0", "pruner 'asha': option min_resource=0 must be an integer >= 1");
        assertError("asha:min_resource=soon", "pruner 'asha': option min_resource=soon must be an integer");
        assertError("median:n_warmup_step=3", "pruner 'median' has no option 'n_warmup_step'"
                + " (its options: interval_steps, n_min_trials, n_startup_trials, n_warmup_steps)");
        assertError("median:percentile=30", "pruner 'median' has no option 'percentile'"
                + " (its options: interval_steps, n_min_trials, n_startup_trials, n_warmup_steps)");
        assertError("percentile:percentile=150", "pruner 'percentile': option percentile=150 must be a number in [0, 100]");
        assertError("percentile:interval_steps=0", "pruner 'percentile': option interval_steps=0 must be an integer >= 1");
        assertError("hyperband:min_resource=4,max_resource=2", "pruner 'hyperband': option max_resource=2 must be >= min_resource (4)");
        assertError("hyperband:max_resource=lots", "pruner 'hyperband': option max_resource=lots must be an integer");
        assertError("wilcoxon:p_threshold=2", "pruner 'wilcoxon': option p_threshold=2 must be a number in [0, 1]");
        assertError("wilcoxon:alpha=0.1", "pruner 'wilcoxon' has no option 'alpha' (its options: n_startup_steps, p_threshold)");
        assertError("none:x=1", "pruner 'none' has no option 'x' (it takes none)");
        assertError("optimal", "unknown pruner 'optimal'; this build has asha, hyperband, median, none, percentile, successive-halving, wilcoxon");
    }

    private static void assertError(String spec, String message) {
        assertThatThrownBy(() -> pruner(spec)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }
}
