package dev.hyperopt.cli;

import dev.hyperopt.nd4j.data.DataException;
import dev.hyperopt.nd4j.data.DataSplits;
import dev.hyperopt.dl4j.model.BaselineMlp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code hyperopt dl4j baseline --data D}: the untuned DL4J MLP on the same split, for comparison with a tuned network. */
@Command(name = "baseline", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train DL4J's default MLP (inputs-256-128-classes, ReLU, Adam 1e-3, batch 64) on the training set and report its test error.")
final class Dl4jBaselineCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "DATA", description = "as for dl4j tune")
    String data;

    @Option(names = "--train-size", paramLabel = "N", description = "as for dl4j tune")
    String trainSize;

    @Option(names = "--valid-size", paramLabel = "N", description = "as for dl4j tune (set aside, unused, so that the training set is the same)")
    String validSize;

    @Option(names = "--test-size", paramLabel = "N", description = "as for dl4j tune")
    String testSize;

    @Option(names = "--data-seed", paramLabel = "S", defaultValue = "0", description = "as for dl4j tune (default: ${DEFAULT-VALUE})")
    String dataSeed;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "10", description = "training epochs (default: ${DEFAULT-VALUE})")
    String epochs;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "seed of the weights and minibatch order (default: ${DEFAULT-VALUE})")
    String seed;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        DataSplits.Sizes sizes = new DataSplits.Sizes(OptionValues.size("--train-size", trainSize), OptionValues.size("--valid-size", validSize), OptionValues.size("--test-size", testSize));
        int e = OptionValues.integer("--epochs", epochs, 1);
        long s = OptionValues.longValue("--seed", seed);
        DataSplits splits;
        try {
            splits = DataSplits.open(data, sizes, OptionValues.longValue("--data-seed", dataSeed));
        } catch (DataException ex) {
            throw new UserError(ex.getMessage());
        }
        BaselineMlp.Report r = BaselineMlp.trainAndTest(splits.train(), splits.test(), e, s);
        out.printf(Locale.ROOT, "baseline: %s, %d training examples, %d epochs: test error %.4f (accuracy %.4f) on %d test examples, %.1f s%n",
                splits.name(), splits.train().size(), r.epochs(), r.testError(), 1 - r.testError(), splits.test().size(), r.seconds());
        out.flush();
        return 0;
    }

}
