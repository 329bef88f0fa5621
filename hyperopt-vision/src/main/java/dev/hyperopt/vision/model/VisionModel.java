package dev.hyperopt.vision.model;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A fitted image classifier: what a tune refits on its best configuration, saves, and what
 * {@code hyperopt vision predict} loads again. Each kind writes a folder with a
 * {@code model.json} naming its kind, the input shape and the classes, beside its weights.
 */
public interface VisionModel {

    /** The kind written into {@code model.json}: {@code convnet} or {@code cnn}. */
    String kind();

    /** The class names, indexed by the predicted labels. */
    List<String> classNames();

    /** The input shape {@code [channels, height, width]} it was fitted on. */
    int[] inputShape();

    /** The predicted class of each image of {@code pixels}, shaped {@code [images, channels, height, width]}, in [0, 1]. */
    int[] predict(INDArray pixels);

    /** Writes the model into the folder {@code dir} (created if needed). */
    void save(Path dir) throws IOException;
}
