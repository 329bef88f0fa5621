package dev.hyperopt.dl4j.objective;

import dev.hyperopt.engine.api.Outcome;
import dev.hyperopt.engine.objective.ObjectiveServer;
import dev.hyperopt.nd4j.Nd4jRuntime;
import dev.hyperopt.nd4j.data.DataSplits;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The program a child JVM runs to train DL4J trials ({@link IsolatedDl4jObjective}): a
 * {@link Dl4jObjective} over the data it was started with, served with
 * {@link ObjectiveServer}. A trial whose net is among the best this child trained is saved
 * (preprocessing folded in) to the directory it was given, for the parent's ensemble.
 *
 * <p>Arguments: {@code DATA TRAIN-SIZE VALID-SIZE TEST-SIZE DATA-SEED MAX-UNITS MAX-SECONDS
 * KEEP-DIR VERBOSE}, a size {@code -} for the data set's default, KEEP-DIR {@code -} for none.
 */
public final class Dl4jWorker {
    private Dl4jWorker() {}

    public static void main(String[] args) {
        if (args.length != 9) {
            System.err.println("usage: Dl4jWorker DATA TRAIN-SIZE VALID-SIZE TEST-SIZE DATA-SEED MAX-UNITS MAX-SECONDS KEEP-DIR VERBOSE");
            System.exit(2);
        }
        ObjectiveServer.serve(() -> {
            Nd4jRuntime.start();
            DataSplits splits = DataSplits.open(args[0], new DataSplits.Sizes(size(args[1]), size(args[2]), size(args[3])), Long.parseLong(args[4]));
            Dl4jObjective net = new Dl4jObjective(splits, Integer.parseInt(args[5]), Double.parseDouble(args[6]),
                    Boolean.parseBoolean(args[8]) ? System.err::println : null);
            Path keep = args[7].equals("-") ? null : Path.of(args[7]);
            return context -> {
                Outcome o = net.evaluate(context);
                if (keep == null || !o.ok()) return o;
                for (Dl4jObjective.Kept k : net.kept()) {
                    if (k.trial() != context.trial()) continue;
                    Path file = keep.resolve("trial-" + context.trial() + ".zip");
                    try {
                        k.net().save(file);
                        return o.attach(IsolatedDl4jObjective.KEPT_NET, file.toString());
                    } catch (IOException e) {
                        System.err.println("cannot keep trial " + context.trial() + "'s net for the ensemble: " + e.getMessage());
                    }
                }
                return o;
            };
        });
    }

    private static Integer size(String s) {
        return s.equals("-") ? null : Integer.valueOf(s);
    }
}
