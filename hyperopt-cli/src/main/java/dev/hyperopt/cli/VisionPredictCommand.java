package dev.hyperopt.cli;

import dev.hyperopt.nd4j.data.DataException;
import dev.hyperopt.nd4j.Nd4jRuntime;
import dev.hyperopt.vision.data.ImageFiles;
import dev.hyperopt.vision.model.VisionModel;
import dev.hyperopt.vision.model.VisionModels;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code hyperopt vision predict --model DIR IMAGE|FOLDER...}: the class a saved model
 * predicts for each image, one line each. Images are scaled to the model's input size and
 * converted to its channels, as the folder reader does for training. Every image is read
 * before anything is printed, so a bad one gives one line and no partial output.
 */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Print the class a saved vision model predicts for each image: one line per image, its path, a tab and the class name.",
                "A folder stands for the image files under it."})
final class VisionPredictCommand implements Callable<Integer> {
    private static final int BATCH = 256;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "DIR", defaultValue = "vision-model",
            description = "the folder vision tune saved the model in (default: ${DEFAULT-VALUE})")
    Path model;

    @Parameters(arity = "1..*", paramLabel = "IMAGE|FOLDER", description = "PNG, JPEG, GIF or BMP files, or folders of them")
    List<Path> inputs;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Nd4jRuntime.start();
        VisionModel m;
        try {
            m = VisionModels.load(model);
        } catch (DataException e) {
            throw new UserError(e.getMessage());
        } catch (IOException e) {
            throw new UserError("cannot read the model in " + model + ": " + UserError.describe(e));
        }
        int[] shape = m.inputShape();
        int per = shape[0] * shape[1] * shape[2];
        List<Path> files;
        float[] pixels;
        try {
            files = ImageFiles.expand(inputs);
            pixels = new float[Math.multiplyExact(files.size(), per)];
            for (int i = 0; i < files.size(); i++) {
                float[] px = ImageFiles.pixels(ImageFiles.read(files.get(i)), shape[0], shape[1], shape[2]);
                System.arraycopy(px, 0, pixels, i * per, per);
            }
        } catch (DataException e) {
            throw new UserError(e.getMessage());
        } catch (ArithmeticException e) {
            throw new UserError("too many images for one run: give fewer at a time");
        }
        for (int from = 0; from < files.size(); from += BATCH) {
            int n = Math.min(BATCH, files.size() - from);
            float[] chunk = java.util.Arrays.copyOfRange(pixels, from * per, (from + n) * per);
            int[] predicted = m.predict(Nd4j.create(chunk, new long[]{n, shape[0], shape[1], shape[2]}, 'c'));
            for (int i = 0; i < n; i++) out.println(files.get(from + i) + "\t" + m.classNames().get(predicted[i]));
        }
        out.flush();
        return 0;
    }
}
