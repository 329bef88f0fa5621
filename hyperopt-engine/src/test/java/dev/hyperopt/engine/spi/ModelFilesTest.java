package dev.hyperopt.engine.spi;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.NotSerializableException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelFilesTest {
    @TempDir
    Path dir;

    private String[] names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
        }
    }

    @Test
    void aSaveThatFailsHalfWayLeavesNoPartialFileAndTheOldModelUnchanged() throws Exception {
        Path model = dir.resolve("best.model");
        Files.writeString(model, "the old model");
        assertThatThrownBy(() -> ModelFiles.save(model, path -> {
            Files.writeString(path, "half of a mod");
            throw new NotSerializableException("no.uib.cipr.matrix.UpperSymmDenseMatrix");
        })).isInstanceOf(NotSerializableException.class);
        assertThat(names()).containsExactly("best.model");
        assertThat(model).hasContent("the old model");
    }

    @Test
    void aSaveThatSucceedsReplacesTheFile() throws Exception {
        Path model = dir.resolve("sub/best.model");
        ModelFiles.save(model, path -> Files.writeString(path, "one"));
        ModelFiles.save(model, path -> Files.writeString(path, "two"));
        assertThat(model).hasContent("two");
        try (Stream<Path> s = Files.list(model.getParent())) {
            assertThat(s).hasSize(1);
        }
    }

    @Test
    void aModelFolderReplacesTheOldFolderWhole() throws Exception {
        Path folder = dir.resolve("vision-model");
        ModelFiles.save(folder, path -> {
            Files.createDirectories(path);
            Files.writeString(path.resolve("a.bin"), "1");
            Files.writeString(path.resolve("stale.bin"), "1");
        });
        ModelFiles.save(folder, path -> {
            Files.createDirectories(path);
            Files.writeString(path.resolve("a.bin"), "2");
        });
        assertThat(folder.resolve("a.bin")).hasContent("2");
        assertThat(folder.resolve("stale.bin")).doesNotExist();
        assertThat(names()).containsExactly("vision-model");
    }

    @Test
    void aFileDoesNotReplaceAFolder() throws Exception {
        Path taken = Files.createDirectories(dir.resolve("taken.model"));
        assertThatThrownBy(() -> ModelFiles.save(taken, path -> Files.writeString(path, "model")))
                .isInstanceOf(IOException.class).hasMessage("it is a folder");
        assertThat(names()).containsExactly("taken.model");
    }
}
