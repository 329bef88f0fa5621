package dev.hyperopt.weka;

import java.net.URISyntaxException;
import java.nio.file.Path;

final class TestData {
    private TestData() {}

    /** A file of src/test/resources/data. */
    static Path path(String name) {
        try {
            return Path.of(TestData.class.getClassLoader().getResource("data/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
