package dev.hyperopt.vision.data;

import dev.hyperopt.nd4j.data.DataException;
import dev.hyperopt.nd4j.data.DataSplits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageSourcesTest {
    @TempDir
    Path dir;

    /** Fashion-MNIST from Debian's package (CI installs dataset-fashion-mnist): named classes, the official test images. */
    @Test
    void fashionMnistHasItsClassNames() {
        ImageSplits s = ImageSources.open("fashion-mnist", new DataSplits.Sizes(20, 10, 5), 1);
        assertThat(s.name()).isEqualTo("fashion-mnist");
        assertThat(s.train().classNames()).hasSize(10).startsWith("T-shirt/top", "Trouser").endsWith("Bag", "Ankle boot");
        assertThat(s.train().pixels().shape()).containsExactly(20, 1, 28, 28);
        assertThat(s.valid().size()).isEqualTo(10);
        assertThat(s.test().size()).isEqualTo(5);
        assertThat(s.train().pixels().maxNumber().doubleValue()).isLessThanOrEqualTo(1.0);
        // the first official test image is an ankle boot
        assertThat(s.test().labels()[0]).isEqualTo(9);
    }

    @Test
    void anIdxPairIsSplitWithNumberedClasses() throws IOException {
        Path images = dir.resolve("tiny-images-idx3-ubyte");
        Path labels = dir.resolve("tiny-labels-idx1-ubyte");
        try (DataOutputStream d = new DataOutputStream(Files.newOutputStream(images))) {
            d.writeInt(0x803);
            d.writeInt(10);
            d.writeInt(3);
            d.writeInt(2);
            for (int i = 0; i < 10; i++) for (int p = 0; p < 6; p++) d.writeByte(i * 25);
        }
        try (DataOutputStream d = new DataOutputStream(Files.newOutputStream(labels))) {
            d.writeInt(0x801);
            d.writeInt(10);
            for (int i = 0; i < 10; i++) d.writeByte(i % 3);
        }
        ImageSplits s = ImageSources.open(images.toString(), DataSplits.Sizes.defaults(), 0);
        assertThat(s.train().pixels().shape()).containsExactly(6, 1, 3, 2);
        assertThat(s.valid().size() + s.test().size()).isEqualTo(4);
        assertThat(s.train().classNames()).containsExactly("0", "1", "2");
        assertThatThrownBy(() -> ImageSources.open(dir.resolve("x.csv").toString(), DataSplits.Sizes.defaults(), 0))
                .isInstanceOf(DataException.class).hasMessageContaining("no such file, folder or data set");
        assertThatThrownBy(() -> ImageSources.open(images.toString(), DataSplits.Sizes.defaults(), 0, ImageFolder.Size.parse("4x4")))
                .hasMessage("an image size to scale to applies to a folder of images, not to " + images);
    }

    @Test
    void joinedImagesKeepTheirOrderAndLabels() {
        ImageSplits s = ImageSources.open("rectangles", new DataSplits.Sizes(4, 3, 2), 5);
        Images both = ImageSources.join(s.train(), s.valid());
        assertThat(both.size()).isEqualTo(7);
        assertThat(both.labels()).startsWith(s.train().labels()).endsWith(s.valid().labels());
        assertThat(both.rows(new int[]{4, 5, 6}).pixels()).isEqualTo(s.valid().pixels());
    }
}
