package dev.hyperopt.vision.objective;

import dev.hyperopt.engine.api.Objective;
import dev.hyperopt.engine.objective.ChildJvmObjective;
import dev.hyperopt.engine.objective.ObjectiveServer;
import dev.hyperopt.nd4j.Nd4jRuntime;
import dev.hyperopt.nd4j.data.DataSplits;
import dev.hyperopt.vision.cnn.CnnObjective;
import dev.hyperopt.vision.data.ImageFolder;
import dev.hyperopt.vision.data.ImageSources;
import dev.hyperopt.vision.data.ImageSplits;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The program a child JVM runs to score vision trials ({@link #isolated}): a
 * {@link CnnObjective} or a {@link VisionObjective} over the images it was started with,
 * served with {@link ObjectiveServer}. A trial past its time-out has its process killed, which
 * stops its training and frees its native memory; a crash fails that trial only.
 *
 * <p>Arguments: {@code DATA TRAIN-SIZE VALID-SIZE TEST-SIZE DATA-SEED IMAGE-SIZE KIND MAX-SECONDS
 * VERBOSE}, a size or IMAGE-SIZE {@code -} for the default, KIND {@code cnn} or {@code convnet}.
 */
public final class VisionWorker {
    private VisionWorker() {}

    /** Where and how the children load the images: as {@link ImageSources#open} takes them. */
    public record Source(String data, DataSplits.Sizes sizes, long seed, ImageFolder.Size imageSize) {
        public Source {
            Objects.requireNonNull(data, "data");
            Objects.requireNonNull(sizes, "sizes");
        }
    }

    /**
     * Trials of {@code kind} ({@code cnn} or {@code convnet}), each in a child JVM, one per parallel trial.
     *
     * @param heap       each child's heap ({@code -Xmx})
     * @param jvmOptions further options for the children
     * @param log        receives the children's progress and standard error lines, or null to log them
     */
    public static ChildJvmObjective isolated(Source source, String kind, double maxSeconds, boolean verbose, String heap,
                                             List<String> jvmOptions, Consumer<String> log) {
        if (!kind.equals("cnn") && !kind.equals("convnet")) throw new IllegalArgumentException("unknown kind '" + kind + "' (cnn or convnet)");
        List<String> args = List.of(source.data(), size(source.sizes().train()), size(source.sizes().valid()), size(source.sizes().test()),
                Long.toString(source.seed()), source.imageSize() == null ? "-" : source.imageSize().height() + "x" + source.imageSize().width(),
                kind, Double.toString(maxSeconds), Boolean.toString(verbose));
        return new ChildJvmObjective("vision trial", VisionWorker.class, heap, jvmOptions, args, log);
    }

    private static String size(Integer n) {
        return n == null ? "-" : n.toString();
    }

    public static void main(String[] args) {
        if (args.length != 9) {
            System.err.println("usage: VisionWorker DATA TRAIN-SIZE VALID-SIZE TEST-SIZE DATA-SEED IMAGE-SIZE KIND MAX-SECONDS VERBOSE");
            System.exit(2);
        }
        ObjectiveServer.serve(() -> {
            Nd4jRuntime.start();
            ImageSplits splits = ImageSources.open(args[0], new DataSplits.Sizes(count(args[1]), count(args[2]), count(args[3])),
                    Long.parseLong(args[4]), args[5].equals("-") ? null : ImageFolder.Size.parse(args[5]));
            Objective o = args[6].equals("cnn")
                    ? new CnnObjective(splits, Double.parseDouble(args[7]), Boolean.parseBoolean(args[8]) ? System.err::println : null)
                    : new VisionObjective(splits);
            return o;
        });
    }

    private static Integer count(String s) {
        return s.equals("-") ? null : Integer.valueOf(s);
    }
}
