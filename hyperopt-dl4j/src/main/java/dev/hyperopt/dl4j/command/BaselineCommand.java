package dev.hyperopt.dl4j.command;

import dev.hyperopt.dl4j.model.BaselineMlp;
import dev.hyperopt.engine.spi.Arguments;
import dev.hyperopt.engine.spi.CommandOption;
import dev.hyperopt.engine.spi.FamilyCommand;
import dev.hyperopt.nd4j.data.DataSplits;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code hyperopt dl4j baseline --data D}: the untuned DL4J MLP on the same split as {@code dl4j tune}, for comparison. */
public final class BaselineCommand implements FamilyCommand {
    private static final List<CommandOption> OPTIONS;

    static {
        List<CommandOption> o = new ArrayList<>(DataOptions.OPTIONS);
        o.add(CommandOption.value("--epochs", "N", "training epochs").withDefault("10"));
        o.add(CommandOption.value("--seed", "S", "seed of the weights and minibatch order").withDefault("1"));
        OPTIONS = List.copyOf(o);
    }

    @Override
    public String name() {
        return "baseline";
    }

    @Override
    public String description() {
        return "Train DL4J's default MLP (inputs-256-128-classes, ReLU, Adam 1e-3, batch 64) on the training set of the split "
                + "dl4j tune uses (the validation set is set aside) and report its test error.";
    }

    @Override
    public List<CommandOption> options() {
        return OPTIONS;
    }

    @Override
    public int run(Arguments args, PrintWriter out, PrintWriter err) {
        int epochs = args.integer("--epochs", 1);
        long seed = args.longValue("--seed");
        DataSplits splits = DataOptions.open(args);
        BaselineMlp.Report r = BaselineMlp.trainAndTest(splits.train(), splits.test(), epochs, seed);
        out.printf(Locale.ROOT, "baseline: %s, %d training examples, %d epochs: test error %.4f (accuracy %.4f) on %d test examples, %.1f s%n",
                splits.name(), splits.train().size(), r.epochs(), r.testError(), 1 - r.testError(), splits.test().size(), r.seconds());
        return 0;
    }
}
