package dev.hyperopt.dsl;

import dev.hyperopt.dsl.source.Source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Finds the spaces that modules ship: {@code import a.b as x} loads the class-path
 * resource {@code hspace/a/b.hspace}. Adapter modules put their spaces there.
 */
public interface ModuleLoader {

    /** The source of a resource path such as {@code hspace/a/b.hspace}, or empty when there is none. */
    Optional<Source> loadResource(String resource) throws IOException;

    /** The source of module {@code dottedName}, or empty when no such module is shipped. */
    default Optional<Source> load(String dottedName) throws IOException {
        return loadResource(resourceOf(dottedName));
    }

    /** The resource a module name maps to. */
    static String resourceOf(String dottedName) {
        return "hspace/" + dottedName.replace('.', '/') + ".hspace";
    }

    /** Loads modules from a class loader. */
    static ModuleLoader classpath(ClassLoader loader) {
        return resource -> {
            try (InputStream in = loader.getResourceAsStream(resource)) {
                if (in == null) return Optional.empty();
                return Optional.of(Source.of("classpath:" + resource, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            }
        };
    }

    /** The class loader that loaded this library, which sees every module on the class path. */
    static ModuleLoader classpath() {
        return classpath(ModuleLoader.class.getClassLoader());
    }
}
