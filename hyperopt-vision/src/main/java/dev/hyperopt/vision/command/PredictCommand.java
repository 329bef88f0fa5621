package dev.hyperopt.vision.command;

import dev.hyperopt.engine.spi.Arguments;
import dev.hyperopt.engine.spi.CommandException;
import dev.hyperopt.engine.spi.CommandOption;
import dev.hyperopt.engine.spi.FamilyCommand;
import dev.hyperopt.nd4j.Nd4jRuntime;
import dev.hyperopt.nd4j.data.DataException;
import dev.hyperopt.vision.data.ImageFiles;
import dev.hyperopt.vision.model.VisionModel;
import dev.hyperopt.vision.model.VisionModels;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * {@code hyperopt vision predict --model DIR IMAGE|FOLDER...}: the class a saved model
 * predicts for each image, one line each. Images are scaled to the model's input size and
 * converted to its channels, as the folder reader does for training. Every image is read
 * before anything is printed, so a bad one gives one line and no partial output.
 */
public final class PredictCommand implements FamilyCommand {
    private static final int BATCH = 256;

    @Override
    public String name() {
        return "predict";
    }

    @Override
    public String description() {
        return "Print the class a saved vision model predicts for each image: one line per image, its path, a tab and the class name. "
                + "A folder stands for the image files under it.";
    }

    @Override
    public List<CommandOption> options() {
        return List.of(
                CommandOption.value("--model", "DIR", "the folder vision tune saved the model in").withDefault("vision-model"),
                CommandOption.arguments("IMAGE|FOLDER", "PNG, JPEG, GIF or BMP files, or folders of them"));
    }

    @Override
    public int run(Arguments args, PrintWriter out, PrintWriter err) {
        Path folder = Path.of(args.value("--model"));
        Nd4jRuntime.start();
        VisionModel m;
        try {
            m = VisionModels.load(folder);
        } catch (DataException e) {
            throw new CommandException(e.getMessage(), e);
        } catch (IOException e) {
            throw new CommandException("cannot read the model in " + folder + ": " + e.getMessage(), e);
        }
        int[] shape = m.inputShape();
        int per = shape[0] * shape[1] * shape[2];
        List<Path> files;
        float[] pixels;
        try {
            files = ImageFiles.expand(args.positional().stream().map(Path::of).toList());
            pixels = new float[Math.multiplyExact(files.size(), per)];
            for (int i = 0; i < files.size(); i++) {
                float[] px = ImageFiles.pixels(ImageFiles.read(files.get(i)), shape[0], shape[1], shape[2]);
                System.arraycopy(px, 0, pixels, i * per, per);
            }
        } catch (DataException e) {
            throw new CommandException(e.getMessage(), e);
        } catch (ArithmeticException e) {
            throw new CommandException("too many images for one run: give fewer at a time");
        }
        for (int from = 0; from < files.size(); from += BATCH) {
            int n = Math.min(BATCH, files.size() - from);
            float[] chunk = Arrays.copyOfRange(pixels, from * per, (from + n) * per);
            int[] predicted = m.predict(Nd4j.create(chunk, new long[]{n, shape[0], shape[1], shape[2]}, 'c'));
            for (int i = 0; i < n; i++) out.println(files.get(from + i) + "\t" + m.classNames().get(predicted[i]));
        }
        return 0;
    }
}
