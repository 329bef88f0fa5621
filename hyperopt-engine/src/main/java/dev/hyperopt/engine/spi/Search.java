package dev.hyperopt.engine.spi;

import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.engine.api.Objective;
import dev.hyperopt.engine.api.Trial;
import dev.hyperopt.engine.sample.Sampler;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A family's search as {@link Tuning#prepare} made it from the user's options: what to search,
 * how trials are scored, and how the best configuration becomes a model. Closed when the
 * command ends.
 */
public interface Search extends AutoCloseable {

    /** The space searched. */
    SearchSpace space();

    /** Scores one configuration; run on the driver, or on workers with {@code --workers}. */
    Objective objective();

    /** The study's name when {@code --study} is not given: {@code weka-credit-g-error}. */
    String study();

    /** The sampler to use given the one {@code --algo} names; a family may wrap it (to skip configurations its data cannot run). */
    default Sampler sampler(Sampler chosen) {
        return chosen;
    }

    /**
     * Configurations known to be good (the library's defaults), as flat {@code {label: value}}
     * maps, evaluated before the sampler is asked, so that a search ends no worse than they do
     * on its own scoring. A resumed study does not evaluate them again.
     */
    default List<Map<String, Object>> knownGood() {
        return List.of();
    }

    /** Where the model is saved when {@code --model} is not given, or null for a family that saves none. */
    default Path model() {
        return null;
    }

    /**
     * The trial to refit, given the ok trial with the lowest loss and all the study's trials:
     * by default that best one. A family whose losses are noisy may keep a known-good
     * configuration that the best does not beat by more than the noise
     * ({@link OneStandardError}); it says so to {@code out}, a line.
     */
    default Trial choose(Trial best, List<Trial> trials, PrintWriter out) {
        return best;
    }

    /**
     * Refits the best trial's configuration, scores it where the family can (a test set), saves
     * it to {@code model} and prints what it did to {@code out}, a line each.
     *
     * @return what the refit measured, added at the top level of the result document: for
     *         instance {@code "test": {"loss": 0.25}}
     * @throws CommandException when the refit cannot be done
     */
    default Map<String, Object> refit(Trial best, Path model, PrintWriter out, PrintWriter log) throws Exception {
        return Map.of();
    }

    @Override
    default void close() throws Exception {}
}
