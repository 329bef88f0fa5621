package dev.hyperopt.vision;

import dev.hyperopt.dsl.CompileResult;
import dev.hyperopt.dsl.HSpaceCompiler;
import dev.hyperopt.dsl.ir.Choice;
import dev.hyperopt.dsl.ir.Hyperparameter;
import dev.hyperopt.dsl.ir.Param;
import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.engine.api.Objective;
import dev.hyperopt.engine.inject.Engine;
import dev.hyperopt.engine.spi.Family;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VisionFamilyTest {

    @Test
    void theEngineFindsTheFamilyAndItsObjective() {
        Engine engine = Engine.create();
        assertThat(engine.families()).extracting(Family::id).contains("vision");
        Objective o = engine.objective("vision", Map.of("data", "rectangles", "train-size", "20", "valid-size", "10", "test-size", "10"));
        assertThat(o).isNotNull();
        assertThat(engine.objective("cnn", Map.of("data", "rectangles", "train-size", "20", "valid-size", "10", "test-size", "10",
                "max-seconds", "5"))).isNotNull();
        assertThatThrownBy(() -> engine.objective("cnn", Map.of("data", "rectangles", "epochs", "3"))).hasMessageContaining("unknown option 'epochs'");
        assertThatThrownBy(() -> engine.objective("vision", Map.of())).hasMessageContaining("needs the option 'data'");
        assertThatThrownBy(() -> engine.objective("vision", Map.of("data", "rectangles", "epochs", "3")))
                .hasMessageContaining("unknown option 'epochs'");
    }

    @Test
    void theVisionObjectiveReadsAFolderOfImages(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        // Two classes told apart by which half of the image is bright.
        for (String cls : new String[] {"left", "right"}) {
            for (int i = 0; i < 12; i++) {
                java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(12, 12, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
                for (int y = 0; y < 12; y++) {
                    for (int x = 0; x < 12; x++) {
                        boolean bright = cls.equals("left") ? x < 6 : x >= 6;
                        img.getRaster().setSample(x, y, 0, bright ? 200 + (i * 3) % 50 : (i * 7) % 40);
                    }
                }
                java.nio.file.Files.createDirectories(dir.resolve(cls));
                assertThat(javax.imageio.ImageIO.write(img, "png", dir.resolve(cls + "/" + i + ".png").toFile())).isTrue();
            }
        }
        Objective o = Engine.create().objective("vision", Map.of("data", dir.toString(), "data-seed", "1"));
        dev.hyperopt.engine.api.Outcome outcome = o.evaluate(dev.hyperopt.engine.api.TrialContext.of(0,
                TestConfigs.config(List.of(TestConfigs.layer(4, 3, 2, 2)), 16384), Map.of()));
        assertThat(outcome.ok()).as(outcome.error()).isTrue();
        assertThat(outcome.loss()).as("a bright half is easy to tell").isLessThan(0.5);
        assertThatThrownBy(() -> Engine.create().objective("vision", Map.of("data", dir.resolve("left").toString())))
                .hasMessageContaining("left");
    }

    @Test
    void theConvnetSpaceHasOverTwoHundredHyperparameters() {
        VisionFamily family = new VisionFamily();
        assertThat(family.spaces()).containsKey("convnet");
        CompileResult r = new HSpaceCompiler().compile("convnet", family.spaceText("convnet"));
        assertThat(r.ok()).as(r.diagnostics().toString()).isTrue();
        SearchSpace s = r.space();
        assertThat(s.size()).isGreaterThan(200);
        // input 7; 6 layer copies of 20; per depth (4) a resize side of 2, a readout of 8, a classifier of 10 and a seed; the depth choice
        assertThat(s.size()).isEqualTo(7 + 6 * 20 + 4 * (2 + 8 + 10 + 1) + 1);
        assertThat(s.labels()).contains("depth", "input.warp.affine.rotate", "depth.three.side[1]", "depth.zero.readout.grid.cells",
                "depth.three.layers[2].filterbank.kind.whitened_patches.whitening", "depth.two.layers[1].pooling.order[3]",
                "depth.one.classifier.loss.svm.l2", "depth.two.classifier.variance_threshold[1]");
    }

    @Test
    void theSpaceImportsAsAModule() {
        CompileResult r = new HSpaceCompiler().compile("mine", "import vision.convnet as v\nspace = { p: v.space, extra: 1 }\n");
        assertThat(r.ok()).as(r.diagnostics().toString()).isTrue();
    }

    private static SearchSpace compile(String text) {
        CompileResult r = new HSpaceCompiler().compile("test", text);
        assertThat(r.ok()).as(r.diagnostics().toString()).isTrue();
        return r.space();
    }

    /** A hyperparameter's kind and prior, without its label. */
    private static String prior(Hyperparameter h) {
        if (h instanceof Param p) return p.distribution().toString();
        Choice c = (Choice) h;
        return c.kind() + " " + c.names() + " " + c.weights() + " of " + c.options().size();
    }

    /** The priors of the hyperparameters under {@code prefix}, by label relative to it. */
    private static Map<String, String> under(SearchSpace s, String prefix, String renamed) {
        Map<String, String> out = new TreeMap<>();
        for (Hyperparameter h : s.hyperparameters()) {
            if (h.label().equals(prefix) || h.label().startsWith(prefix + ".") || h.label().startsWith(prefix + "[")) {
                out.put(renamed + h.label().substring(prefix.length()), prior(h));
            }
        }
        return out;
    }

    /**
     * The convnet space writes its pieces out once per copy; each copy must have exactly the
     * hyperparameters and priors of the importable piece.
     */
    @Test
    void everyCopyInTheConvnetSpaceIsTheImportablePiece() {
        SearchSpace convnet = compile(new VisionFamily().spaceText("convnet"));
        SearchSpace layer = compile("import vision.layer as m\nspace = { x: m.space }\n");
        SearchSpace readout = compile("import vision.readout as m\nspace = { x: m.space }\n");
        SearchSpace classifier = compile("import vision.classifier as m\nspace = { x: m.space }\n");
        SearchSpace input = compile("import vision.input as m\nspace = { x: m.space }\n");
        assertThat(layer.size()).isEqualTo(20);
        assertThat(under(convnet, "input", "x")).isEqualTo(under(input, "x", "x"));
        String[] depths = {"zero", "one", "two", "three"};
        int counted = input.size() + 1;
        for (int d = 0; d < depths.length; d++) {
            String at = "depth." + depths[d];
            for (int i = 0; i < d; i++) {
                assertThat(under(convnet, at + ".layers[" + i + "]", "x")).as(at + " layer " + i).isEqualTo(under(layer, "x", "x"));
            }
            assertThat(under(convnet, at + ".readout", "x")).isEqualTo(under(readout, "x", "x"));
            assertThat(under(convnet, at + ".classifier", "x")).isEqualTo(under(classifier, "x", "x"));
            assertThat(convnet.byLabel(at + ".seed")).isNotNull();
            assertThat(convnet.byLabel(at + ".side[1]")).isNotNull();
            counted += d * layer.size() + readout.size() + classifier.size() + 1 + 2;
        }
        assertThat(convnet.size()).isEqualTo(counted);
    }

    @Test
    void thePiecesImportAsModules() {
        SearchSpace s = compile("""
                import vision.input as input
                import vision.layer as layer
                import vision.readout as readout
                import vision.classifier as classifier
                space = { input: input.space, layers: [layer.space], readout: readout.space, classifier: classifier.space }
                """);
        assertThat(s.size()).isEqualTo(7 + 20 + 8 + 10);
        assertThat(s.labels()).contains("layers[0].filterbank.kind.whitened_random.patches", "layers[0].normalization[1].size",
                "layers[0].pooling.order[3]", "readout.lpool.stride", "classifier.loss.softmax.l2", "input.warp.affine.shear");
        for (String piece : new String[]{"filterbank", "normalization", "pooling"}) {
            assertThat(compile("import vision." + piece + " as m\nspace = m.space\n").size()).as(piece).isEqualTo(
                    Map.of("filterbank", 7, "normalization", 4, "pooling", 4).get(piece));
        }
    }
}
