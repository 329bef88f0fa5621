package dev.hyperopt.engine.spi;

import com.google.inject.Module;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A plug-in that brings samplers, stores or objectives to the engine (Weka, DL4J, ...).
 * Families are found with {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/dev.hyperopt.engine.spi.Family}. The engine installs each
 * family's {@link #module()} next to its own when it builds its injector; the module adds
 * entries to the engine's name-keyed maps (see {@code EngineModule}).
 */
public interface Family {

    /** A short, unique, lower-case name: {@code weka}. */
    String id();

    /** The Guice bindings the family contributes. */
    Module module();

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
