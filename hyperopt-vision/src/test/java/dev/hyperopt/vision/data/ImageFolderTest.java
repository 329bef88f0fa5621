package dev.hyperopt.vision.data;

import dev.hyperopt.nd4j.data.DataException;
import dev.hyperopt.nd4j.data.DataSplits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageFolderTest {
    @TempDir
    Path dir;

    /** A grey image of one level, or with its left half white when {@code half}. */
    static BufferedImage grey(int h, int w, int level, boolean half) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) img.getRaster().setSample(x, y, 0, half && x < w / 2 ? 255 : level);
        }
        return img;
    }

    static BufferedImage rgb(int h, int w, Color c) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(c);
        g.fillRect(0, 0, w, h);
        g.dispose();
        return img;
    }

    static void write(BufferedImage img, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        String name = file.getFileName().toString();
        assertThat(ImageIO.write(img, name.substring(name.lastIndexOf('.') + 1), file.toFile())).isTrue();
    }

    @Test
    void greyImagesOfTheMostCommonSizeKeepOneChannel() throws IOException {
        write(grey(6, 5, 0, false), dir.resolve("dark/a.png"));
        write(grey(6, 5, 0, false), dir.resolve("dark/nested/b.png"));
        write(grey(12, 10, 0, true), dir.resolve("light/c.png"));
        write(grey(6, 5, 255, false), dir.resolve("light/d.PNG"));
        Files.writeString(dir.resolve("light/notes.txt"), "not an image");
        Files.createDirectories(dir.resolve("empty-class"));

        Images all = ImageFolder.read(dir, null);
        assertThat(all.classNames()).containsExactly("dark", "light");
        assertThat(all.pixels().shape()).containsExactly(4, 1, 6, 5);
        assertThat(all.labels()).containsExactly(0, 0, 1, 1);
        assertThat(all.pixels().getDouble(0, 0, 3, 3)).isEqualTo(0.0);
        assertThat(all.pixels().getDouble(3, 0, 3, 3)).isEqualTo(1.0);
        // the 12x10 image was scaled down to 6x5: its left half is still white, its right half black
        assertThat(all.pixels().getDouble(2, 0, 3, 0)).isGreaterThan(0.9);
        assertThat(all.pixels().getDouble(2, 0, 3, 4)).isLessThan(0.1);

        Images scaled = ImageFolder.read(dir, ImageFolder.Size.parse("3x4"));
        assertThat(scaled.pixels().shape()).containsExactly(4, 1, 3, 4);
    }

    @Test
    void aColourImageMakesEveryImageRgb() throws IOException {
        write(rgb(8, 8, new Color(255, 0, 0)), dir.resolve("red/r.jpg"));
        write(grey(8, 8, 255, false), dir.resolve("white/w.jpeg"));
        Images all = ImageFolder.read(dir, null);
        assertThat(all.channels()).isEqualTo(3);
        assertThat(all.classNames()).containsExactly("red", "white");
        // JPEG is lossy: compare with a tolerance
        assertThat(all.pixels().getDouble(0, 0, 4, 4)).isGreaterThan(0.9);
        assertThat(all.pixels().getDouble(0, 1, 4, 4)).isLessThan(0.1);
        for (int c = 0; c < 3; c++) assertThat(all.pixels().getDouble(1, c, 4, 4)).isGreaterThan(0.9);
    }

    @Test
    void aFolderSplitsStratifiedAndBySeed() throws IOException {
        for (int i = 0; i < 20; i++) write(grey(4, 4, 10, false), dir.resolve("a/" + i + ".png"));
        for (int i = 0; i < 10; i++) write(grey(4, 4, 200, false), dir.resolve("b/" + i + ".png"));
        ImageSplits s = ImageSources.open(dir.toString(), DataSplits.Sizes.defaults(), 3);
        assertThat(s.train().size()).isEqualTo(18);
        assertThat(s.valid().size()).isEqualTo(6);
        assertThat(s.test().size()).isEqualTo(6);
        for (Images part : new Images[]{s.valid(), s.test()}) {
            assertThat(Arrays.stream(part.labels()).filter(y -> y == 1).count()).isEqualTo(2);
        }
        assertThat(Arrays.stream(s.train().labels()).filter(y -> y == 1).count()).isEqualTo(6);
        // the label follows the pixels through the split
        for (int i = 0; i < s.train().size(); i++) {
            assertThat(s.train().pixels().getDouble(i, 0, 0, 0)).isCloseTo(s.train().labels()[i] == 0 ? 10 / 255.0 : 200 / 255.0,
                    org.assertj.core.data.Offset.offset(1e-6));
        }
        ImageSplits again = ImageSources.open(dir.toString(), DataSplits.Sizes.defaults(), 3);
        assertThat(again.test().pixels()).isEqualTo(s.test().pixels());
        ImageSplits sized = ImageSources.open(dir.toString(), new DataSplits.Sizes(10, 5, 3), 3);
        assertThat(new int[]{sized.train().size(), sized.valid().size(), sized.test().size()}).containsExactly(10, 5, 3);
        assertThatThrownBy(() -> ImageSources.open(dir.toString(), new DataSplits.Sizes(25, 5, 3), 3))
                .isInstanceOf(DataException.class).hasMessageEndingWith("30 images are too few for 25 training, 5 validation and 3 test images");
    }

    @Test
    void badFoldersAreRefusedWithTheReason() throws IOException {
        assertThatThrownBy(() -> ImageFolder.read(dir, null)).isInstanceOf(DataException.class)
                .hasMessageContaining("no class sub-folders");
        Files.createDirectories(dir.resolve("a"));
        Files.writeString(dir.resolve("a/readme.txt"), "x");
        assertThatThrownBy(() -> ImageFolder.read(dir, null)).hasMessageContaining("no image files");
        write(grey(4, 4, 0, false), dir.resolve("a/x.png"));
        assertThatThrownBy(() -> ImageFolder.read(dir, null)).hasMessageContaining("only one class (a) has images");
        Files.createDirectories(dir.resolve("b"));
        Files.writeString(dir.resolve("b/broken.png"), "this is not a PNG");
        assertThatThrownBy(() -> ImageFolder.read(dir, null)).isInstanceOf(DataException.class)
                .hasMessageContaining("broken.png").hasMessageContaining("not an image that can be read");
        assertThatThrownBy(() -> ImageSources.open(dir.resolve("nosuch").toString(), DataSplits.Sizes.defaults(), 0))
                .hasMessageStartingWith("no such file, folder or data set:");
        assertThatThrownBy(() -> ImageFolder.Size.parse("big")).hasMessageContaining("is not an image size");
    }
}
