package dev.hyperopt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hyperopt.nd4j.data.DataSplits;
import dev.hyperopt.vision.data.ImageSources;
import dev.hyperopt.vision.data.ImageSplits;
import dev.hyperopt.vision.data.Images;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class VisionCommandTest {
    @TempDir
    Path dir;

    /** A 12x12 grey image with a bright left or right half and some noise. */
    private static BufferedImage half(boolean left, SplittableRandom rng) {
        BufferedImage img = new BufferedImage(12, 12, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 12; y++) {
            for (int x = 0; x < 12; x++) {
                boolean bright = left == x < 6;
                img.getRaster().setSample(x, y, 0, (bright ? 180 : 70) + rng.nextInt(40));
            }
        }
        return img;
    }

    private Path halvesFolder() throws IOException {
        Path data = dir.resolve("halves");
        SplittableRandom rng = new SplittableRandom(4);
        for (String c : new String[]{"left", "right"}) {
            Files.createDirectories(data.resolve(c));
            for (int i = 0; i < 40; i++) ImageIO.write(half(c.equals("left"), rng), "png", data.resolve(c).resolve(i + ".png").toFile());
        }
        return data;
    }

    private Path smallCnnSpace() throws IOException {
        Path f = dir.resolve("small.hspace");
        Files.writeString(f, """
                space = {
                  blocks: [{ filters: choice(4, 8), kernel: 3, pool: "max" }],
                  batch_norm: false, dropout: 0.0, dense: 0,
                  lr: loguniform(0.005, 0.02), schedule: { constant: {} }, l2: 0.0,
                  batch_size: 16, epochs: 4, seed: 1, max_params: 10000, max_seconds: 30,
                }
                """);
        return f;
    }

    @Test
    void tunesACnnOnAFolderSavesItAndPredictsItsImages() throws IOException {
        Path data = halvesFolder();
        Path model = dir.resolve("model");
        Cli c = Cli.run("vision", "tune", "--data", data.toString(), "--space", smallCnnSpace().toString(), "--kind", "cnn",
                "--max-evals", "2", "--seed", "1", "--store", "memory:", "--model", model.toString());
        assertThat(c.exit()).as(c.err()).isZero();
        assertThat(c.err()).contains("data: " + data + ", 48 training, 16 validation, 16 test images of 1x12x12, 2 classes")
                .contains("trial 1/2: validation error").contains("trial 2/2: ");
        assertThat(c.out()).contains("study:   vision-small-halves (algo tpe, seed 1)").contains("trials:  2 (ok 2, fail 0)")
                .containsPattern("best:    trial \\d, loss 0(\\.\\d+)?\n")
                .containsPattern("refit:   on 64 images in [0-9.]+ s; test error ([0-9.]+) \\(accuracy [0-9.]+\\) on 16 test images")
                .contains("model:   " + model + " (cnn;");
        assertThat(c.hasStackTrace()).isFalse();
        assertThat(model.resolve("model.json")).exists();

        // a colour image is read as grey for a grey model
        BufferedImage colour = new BufferedImage(24, 24, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = colour.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(12, 0, 12, 24);
        g.dispose();
        Path rgb = dir.resolve("right-colour.jpg");
        ImageIO.write(colour, "jpg", rgb.toFile());

        Cli p = Cli.run("vision", "predict", "--model", model.toString(), data.toString(), rgb.toString());
        assertThat(p.exit()).as(p.err()).isZero();
        List<String> lines = p.outLines();
        assertThat(lines).hasSize(81);
        int right = 0;
        for (String line : lines.subList(0, 80)) {
            String[] parts = line.split("\t");
            assertThat(parts).hasSize(2);
            assertThat(parts[1]).isIn("left", "right");
            if (parts[0].contains("/" + parts[1] + "/")) right++;
        }
        assertThat(right).as(p.out()).isGreaterThanOrEqualTo(72);
        assertThat(lines.get(80)).isEqualTo(rgb + "\tright");
    }

    /**
     * The shipped cnn space on 300 Fashion-MNIST images (CI installs dataset-fashion-mnist);
     * the two best configurations and the standard CNN are trained again on 500 images and
     * scored on 200 fresh ones, and the best of them is refitted on 700.
     */
    @Test
    void tunesTheShippedCnnSpaceOnFashionMnistAndRefitsTheBestOfARerank() throws IOException {
        JsonNode doc = tuneOnFashionMnistAndPredict("cnn", 3, "--max-seconds", "10", "--refit-size", "700", "--rerank", "2");
        JsonNode rerank = doc.get("rerank");
        assertThat(rerank.get("train").asInt()).isEqualTo(500);
        assertThat(rerank.get("valid").asInt()).isEqualTo(200);
        List<Integer> reranked = new ArrayList<>();
        rerank.get("trials").forEach(t -> reranked.add(t.get("trial").asInt()));
        // the two best ok trials, and trial 0 (the standard CNN, enqueued first) when it is not one of them
        assertThat(reranked).hasSizeBetween(2, 3).contains(0);
        rerank.get("trials").forEach(t -> assertThat(t.get("epochs").asInt()).isPositive());
        assertThat(doc.get("refit").get("images").asInt()).isEqualTo(700);
    }

    /** The shipped convnet space: random-filter pipelines, saved and predicted the same way; the refit takes more images than the search. */
    @Test
    void tunesTheShippedConvnetSpaceOnFashionMnist() throws IOException {
        tuneOnFashionMnistAndPredict("convnet", 2, "--refit-size", "600");
    }

    /** Runs vision tune on Fashion-MNIST with {@code more} options, checks its lines and predictions, and returns its result document. */
    private JsonNode tuneOnFashionMnistAndPredict(String space, int evals, String... more) throws IOException {
        Path model = dir.resolve(space + "-model");
        Path json = dir.resolve(space + ".json");
        List<String> args = new ArrayList<>(List.of("vision", "tune", "--data", "fashion-mnist", "--train-size", "300",
                "--valid-size", "100", "--test-size", "200", "--space", space, "--max-evals", Integer.toString(evals), "--seed", "1", "--store", "memory:",
                "--model", model.toString(), "--json", json.toString()));
        args.addAll(List.of(more));
        int refitSize = args.contains("--refit-size") ? Integer.parseInt(args.get(args.indexOf("--refit-size") + 1)) : 400;
        Cli c = Cli.run(args.toArray(String[]::new));
        assertThat(c.exit()).as(c.err()).isZero();
        assertThat(c.err()).contains("data: fashion-mnist, 300 training, 100 validation, 200 test images of 1x28x28, 10 classes")
                .contains("trial " + evals + "/" + evals + ": ");
        assertThat(c.out()).contains("study:   vision-" + space + "-fashion-mnist (algo tpe, seed 1)")
                .containsPattern("best:    trial \\d, loss 0\\.\\d+")
                .containsPattern("refit:   on " + refitSize + " images in [0-9.]+ s; test error [0-9.]+ \\(accuracy [0-9.]+\\) on 200 test images")
                .contains("model:   " + model + " (" + space + ";");
        JsonNode doc = new ObjectMapper().readTree(json.toFile());
        if (doc.has("rerank")) {
            assertThat(c.out()).contains("rerank:  " + doc.get("rerank").get("trials").size() + " configurations on "
                    + doc.get("rerank").get("train").asInt() + " training and " + doc.get("rerank").get("valid").asInt() + " fresh validation images");
            for (JsonNode t : doc.get("rerank").get("trials")) {
                assertThat(c.out()).containsPattern("rerank:  trial " + t.get("trial").asInt() + ": validation error 0\\.\\d+ \\(search [0-9.]+\\)");
            }
        }
        assertThat(c.hasStackTrace()).isFalse();

        // three test images written as PNG files are predicted as Fashion-MNIST classes
        ImageSplits fm = ImageSources.open("fashion-mnist", new DataSplits.Sizes(1, 1, 3), 0);
        Images test = fm.test();
        String[] files = new String[3];
        for (int i = 0; i < 3; i++) {
            BufferedImage img = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) img.getRaster().setSample(x, y, 0, Math.round(test.pixels().getFloat(i, 0, y, x) * 255));
            }
            files[i] = dir.resolve(space + "-" + i + ".png").toString();
            ImageIO.write(img, "png", new java.io.File(files[i]));
        }
        Cli p = Cli.run("vision", "predict", "--model", model.toString(), files[0], files[1], files[2]);
        assertThat(p.exit()).as(p.err()).isZero();
        assertThat(p.outLines()).hasSize(3);
        for (int i = 0; i < 3; i++) {
            String[] parts = p.outLines().get(i).split("\t");
            assertThat(parts[0]).isEqualTo(files[i]);
            assertThat(parts[1]).isIn(ImageSources.FASHION_MNIST_CLASSES);
        }
        return doc;
    }

    private static void assertOneLine(Cli c, String expected) {
        assertThat(c.exit()).as(c.out() + c.err()).isEqualTo(1);
        assertThat(c.errLines()).as(c.err()).hasSize(1);
        assertThat(c.err()).startsWith("hyperopt: ").contains(expected);
        assertThat(c.hasStackTrace()).isFalse();
    }

    @Test
    void badInputGetsOneClearLine() throws IOException {
        assertOneLine(Cli.run("vision", "tune", "--data", dir.resolve("nosuch").toString(), "--store", "memory:"), "no such file, folder or data set");
        Path one = dir.resolve("one");
        Files.createDirectories(one.resolve("only"));
        ImageIO.write(half(true, new SplittableRandom(1)), "png", one.resolve("only/a.png").toFile());
        assertOneLine(Cli.run("vision", "tune", "--data", one.toString(), "--store", "memory:"), "only one class (only) has images");
        Path flat = dir.resolve("flat");
        Files.createDirectories(flat);
        ImageIO.write(half(true, new SplittableRandom(1)), "png", flat.resolve("a.png").toFile());
        assertOneLine(Cli.run("vision", "tune", "--data", flat.toString(), "--store", "memory:"), "no class sub-folders");
        Files.createDirectories(one.resolve("other"));
        Files.writeString(one.resolve("other/broken.jpg"), "not a JPEG");
        assertOneLine(Cli.run("vision", "tune", "--data", one.toString(), "--store", "memory:"), "broken.jpg: not an image that can be read");

        Path oneClass = dir.resolve("one-class.csv");
        Files.writeString(oneClass, "a,b,class\n1,2,x\n2,3,x\n3,4,x\n4,5,x\n5,6,x\n");
        assertOneLine(Cli.run("vision", "tune", "--data", oneClass.toString(), "--store", "memory:"),
                oneClass + ": every example has the same class (a classifier needs examples of two classes at least)");

        assertOneLine(Cli.run("vision", "tune", "--data", "rectangles", "--space", "nosuch"), "invalid value for --space: 'nosuch'");
        assertOneLine(Cli.run("vision", "tune", "--data", "rectangles", "--space", "mine.hspace"), "needs --kind cnn or --kind convnet");
        assertOneLine(Cli.run("vision", "tune", "--data", "rectangles", "--kind", "forest"), "invalid value for --kind: 'forest'");
        assertOneLine(Cli.run("vision", "tune", "--data", "rectangles", "--train-size", "0"), "invalid value for --train-size: '0'");
        assertOneLine(Cli.run("vision", "tune", "--data", "rectangles", "--image-size", "huge"), "invalid value for --image-size: 'huge'");
        assertOneLine(Cli.run("vision", "tune", "--data", "rectangles", "--algo", "nope", "--store", "memory:"), "invalid value for --algo");
        assertOneLine(Cli.run("vision", "tune", "--data", "rectangles", "--refit-size", "10", "--store", "memory:"),
                "invalid value for --refit-size: 10 is fewer than the 1200 training and validation images the search uses");
        assertOneLine(Cli.run("vision", "tune", "--data", "rectangles", "--refit-size", "all", "--store", "memory:"),
                "invalid value for --refit-size: 'all' applies to fashion-mnist (give a number)");
        assertOneLine(Cli.run("vision", "tune", "--data", halvesFolder().toString(), "--refit-size", "5000", "--store", "memory:"),
                "--refit-size applies to fashion-mnist, rectangles and convex");
        assertOneLine(Cli.run("vision", "tune", "--data", "rectangles", "--rerank", "-1", "--store", "memory:"),
                "invalid value for --rerank: '-1' (needs an integer >= 0)");

        assertOneLine(Cli.run("vision", "predict", "--model", dir.resolve("nomodel").toString(), "x.png"), "no such model folder");
        assertOneLine(Cli.run("vision", "predict", "--model", flat.toString(), "x.png"), "not a saved model (no model.json)");
    }

    @Test
    void predictRefusesWhatIsNoImage() throws IOException {
        Path model = dir.resolve("model");
        Cli t = Cli.run("vision", "tune", "--data", halvesFolder().toString(), "--space", smallCnnSpace().toString(), "--kind", "cnn",
                "--max-evals", "1", "--seed", "2", "--store", "memory:", "--model", model.toString());
        assertThat(t.exit()).as(t.err()).isZero();
        Path text = dir.resolve("notes.png");
        Files.writeString(text, "hello");
        assertOneLine(Cli.run("vision", "predict", "--model", model.toString(), text.toString()), "notes.png: not an image that can be read");
        assertOneLine(Cli.run("vision", "predict", "--model", model.toString(), dir.resolve("gone.png").toString()), "no such file or folder");
        Path empty = dir.resolve("empty");
        Files.createDirectories(empty);
        assertOneLine(Cli.run("vision", "predict", "--model", model.toString(), empty.toString()), "no image files");
        Cli none = Cli.run("vision", "predict", "--model", model.toString());
        assertThat(none.exit()).isEqualTo(2);
        assertThat(Cli.run("vision").exit()).isEqualTo(2);
    }
}
