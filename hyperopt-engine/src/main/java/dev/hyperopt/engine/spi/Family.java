package dev.hyperopt.engine.spi;

import com.google.inject.Module;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A plug-in that brings samplers, stores or objectives to the engine (Weka, DL4J, ...).
 * Families are found with {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/dev.hyperopt.engine.spi.Family}. The engine installs each
 * family's {@link #module()} next to its own when it builds its injector; the module adds
 * entries to the engine's name-keyed maps (see {@code EngineModule}). A family with a
 * {@link #tuning()} or {@link #commands()} gets {@code hyperopt ID tune} and its other
 * commands on the command line, with no command-line code of its own.
 */
public interface Family {

    /** A short, unique, lower-case name: {@code weka}. */
    String id();

    /** The Guice bindings the family contributes. */
    Module module();

    /** Its tune command, {@code hyperopt ID tune}, or empty for a family that has none. */
    default Optional<Tuning> tuning() {
        return Optional.empty();
    }

    /** Its other commands, {@code hyperopt ID NAME}. */
    default List<FamilyCommand> commands() {
        return List.of();
    }

    /** One line for {@code hyperopt --help}: what the family's commands do. */
    default String description() {
        return "Commands of the " + id() + " family.";
    }

    /** The search spaces the family ships: name to classpath resource path. */
    default Map<String, String> spaces() {
        return Map.of();
    }

    /**
     * The text of shipped space {@code name}, read with the family's class loader.
     *
     * @throws IllegalArgumentException when the family ships no such space
     */
    default String spaceText(String name) {
        String resource = spaces().get(name);
        if (resource == null) {
            throw new IllegalArgumentException("family '" + id() + "' ships no space named '" + name
                    + "'; it ships " + spaces().keySet());
        }
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IllegalArgumentException("family '" + id() + "': resource " + resource + " is missing");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
