package dev.hyperopt.vision.convnet;

import dev.hyperopt.engine.api.Config;
import dev.hyperopt.nd4j.data.SyntheticImages;
import dev.hyperopt.vision.TestConfigs;
import dev.hyperopt.vision.data.Images;
import dev.hyperopt.vision.pipeline.InvalidArchitectureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConvnetModelTest {

    private static Config whitenedTwoLayers() {
        Map<String, Object> input = TestConfigs.input();
        input.put("warp", Map.of("affine", Map.of("rotate", 0.1, "scale", 1.1, "shear", 0.05, "shift_x", 0.02, "shift_y", -0.03)));
        input.put("standardize", true);
        return TestConfigs.config(16L, input,
                List.of(TestConfigs.layer(8, 3, TestConfigs.whitened("whitened_patches", 0.1, 600), 2, 1),
                        TestConfigs.layer(8, 3, TestConfigs.whitened("whitened_random", 0.1, 600), 2, 2)),
                TestConfigs.gridReadout(2, 2.0),
                Map.of("loss", Map.of("svm", Map.of("l2", 1e-3, "iterations", 100L, "learning_rate", 0.05)),
                        "standardize", true, "variance_threshold", 1e-3),
                4096);
    }

    @Test
    void aFittedModelClassifiesColourImagesAndPredictsTheSameAfterLoading(@TempDir Path dir) throws IOException {
        Images train = TestConfigs.colourSquares(60, 1);
        Images test = TestConfigs.colourSquares(40, 2);
        ConvnetModel m = ConvnetModel.fit(whitenedTwoLayers(), train);
        assertThat(m.kind()).isEqualTo("convnet");
        assertThat(m.inputShape()).containsExactly(3, 12, 12);
        assertThat(m.classNames()).containsExactly("red", "blue");
        assertThat(m.errorRate(test)).isLessThan(0.3);

        m.save(dir);
        assertThat(dir.resolve("model.json")).exists();
        String json = Files.readString(dir.resolve("model.json"));
        assertThat(json).contains("\"kind\" : \"convnet\"").contains("\"red\"").contains("\"whitened_patches\"");
        ConvnetModel back = ConvnetModel.load(dir);
        assertThat(back.config()).isEqualTo(m.config());
        assertThat(back.inputShape()).containsExactly(3, 12, 12);
        assertThat(back.classNames()).containsExactly("red", "blue");
        INDArray pixels = test.pixels();
        assertThat(back.pipeline().features(pixels)).isEqualTo(m.pipeline().features(pixels));
        assertThat(back.predict(pixels)).containsExactly(m.predict(pixels));
    }

    @Test
    void anInvalidArchitectureFailsTheFitWithTheReason() {
        Config c = TestConfigs.config(List.of(TestConfigs.layer(4, 9, 4, 1), TestConfigs.layer(4, 3, 2, 1)), 4096);
        // 12 -9+1-> 4 -3+1-> 2 pool 4 > 2
        assertThatThrownBy(() -> ConvnetModel.fit(c, TestConfigs.colourSquares(10, 3)))
                .isInstanceOf(InvalidArchitectureException.class)
                .hasMessage("the feature map shrinks to nothing: layer 1 pooling window 4 is larger than the 2-pixel map");
    }

    @Test
    void predictRejectsImagesOfAnotherShape() {
        ConvnetModel m = ConvnetModel.fit(TestConfigs.config(List.of(TestConfigs.layer(4, 3, 2, 2)), 4096), TestConfigs.colourSquares(10, 4));
        Images grey = Images.from(SyntheticImages.rectangles(3, 1));
        assertThatThrownBy(() -> m.predict(grey.pixels())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("takes images of 3x12x12");
    }

    @Test
    void loadingAFolderWithoutAModelSaysSo(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> ConvnetModel.load(dir)).isInstanceOf(IOException.class).hasMessageContaining("model.json");
        Files.writeString(dir.resolve("model.json"), "{\"kind\":\"cnn\"}");
        assertThatThrownBy(() -> ConvnetModel.load(dir)).isInstanceOf(IOException.class).hasMessageContaining("not 'convnet'");
    }
}
