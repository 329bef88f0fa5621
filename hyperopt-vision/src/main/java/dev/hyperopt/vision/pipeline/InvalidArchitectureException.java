package dev.hyperopt.vision.pipeline;

/**
 * A pipeline that cannot be built on the given images: a feature map shrinks to nothing, or the
 * readout has more features than allowed. The objective turns it into a failed trial with this
 * message, as hyperopt-convnet does, instead of stopping the search.
 */
public final class InvalidArchitectureException extends RuntimeException {
    public InvalidArchitectureException(String message) {
        super(message);
    }
}
