package dev.hyperopt.engine.spi;

import dev.hyperopt.engine.api.Objective;

import java.util.Map;

/**
 * Makes an objective from string options, so that objectives can be chosen by name (from a
 * command line or a file). Factories are bound in Guice by name; families add their own.
 */
public interface ObjectiveFactory {

    /**
     * @param options what the objective needs, for example {@code cmd} for the command objective
     * @throws IllegalArgumentException when an option is missing or invalid
     */
    Objective create(Map<String, String> options);
}
