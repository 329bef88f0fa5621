package dev.hyperopt.dl4j.command;

import dev.hyperopt.engine.spi.Arguments;
import dev.hyperopt.engine.spi.CommandException;
import dev.hyperopt.engine.spi.CommandOption;
import dev.hyperopt.nd4j.data.DataException;
import dev.hyperopt.nd4j.data.DataSplits;

import java.util.List;

/** The data options {@code dl4j tune} and {@code dl4j baseline} share, so that both read the same split. */
final class DataOptions {
    private DataOptions() {}

    static final List<CommandOption> OPTIONS = List.of(
            CommandOption.value("--data", "DATA", "fashion-mnist (Debian's dataset-fashion-mnist), rectangles, convex, "
                    + "or a .csv, .arff or IDX *-images-idx3-ubyte[.gz] file").asRequired(),
            CommandOption.value("--train-size", "N", "training examples (default: 1000 for rectangles and convex, 5000 for fashion-mnist, 60% of a file)"),
            CommandOption.value("--valid-size", "N", "validation examples for early stopping and the loss (default: 200, 1000, 20% of a file)"),
            CommandOption.value("--test-size", "N", "test examples for the refit (default: 2000, the official 10000, 20% of a file)"),
            CommandOption.value("--data-seed", "S", "seed of the generators and of the split").withDefault("0"));

    /** The data as the options name it, for trials that load it in their own JVM. */
    static dev.hyperopt.dl4j.objective.IsolatedDl4jObjective.Source source(Arguments args) {
        return new dev.hyperopt.dl4j.objective.IsolatedDl4jObjective.Source(args.value("--data"),
                new DataSplits.Sizes(args.integer("--train-size", 1), args.integer("--valid-size", 1), args.integer("--test-size", 1)),
                args.longValue("--data-seed"));
    }

    /** The training, validation and test sets the options name. */
    static DataSplits open(Arguments args) {
        DataSplits.Sizes sizes = new DataSplits.Sizes(args.integer("--train-size", 1), args.integer("--valid-size", 1), args.integer("--test-size", 1));
        try {
            return DataSplits.open(args.value("--data"), sizes, args.longValue("--data-seed"));
        } catch (DataException e) {
            throw new CommandException(e.getMessage(), e);
        }
    }
}
