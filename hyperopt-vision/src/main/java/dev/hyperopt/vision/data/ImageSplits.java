package dev.hyperopt.vision.data;

import dev.hyperopt.nd4j.data.DataException;
import dev.hyperopt.nd4j.data.DataSplits;

import java.util.Objects;

/**
 * Training, validation and test images of one shape and one set of classes. Trials train on
 * {@code train} and are scored on {@code valid}; the refit of the best pipeline trains on both
 * and is scored on {@code test}.
 */
public record ImageSplits(String name, Images train, Images valid, Images test) {

    public ImageSplits {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(valid, "valid");
        Objects.requireNonNull(test, "test");
        for (Images part : new Images[]{valid, test}) {
            if (part.channels() != train.channels() || part.height() != train.height() || part.width() != train.width()) {
                throw new DataException(name + ": images of " + shape(part) + " in one part but " + shape(train) + " in the training set");
            }
            if (!part.classNames().equals(train.classNames())) {
                throw new DataException(name + ": the parts name different classes");
            }
        }
    }

    /** The image splits of a data set whose rows are one-channel images. */
    public static ImageSplits from(DataSplits d) {
        return new ImageSplits(d.name(), Images.from(d.train()), Images.from(d.valid()), Images.from(d.test()));
    }

    private static String shape(Images i) {
        return i.channels() + "x" + i.height() + "x" + i.width();
    }
}
