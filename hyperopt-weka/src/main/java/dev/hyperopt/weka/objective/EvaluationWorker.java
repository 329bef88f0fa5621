package dev.hyperopt.weka.objective;

import dev.hyperopt.engine.api.Outcome;
import dev.hyperopt.engine.api.TrialContext;
import dev.hyperopt.engine.objective.ObjectiveServer;
import dev.hyperopt.weka.Pipeline;
import dev.hyperopt.weka.WekaBootstrap;
import weka.classifiers.Classifier;
import weka.core.Instances;
import weka.core.SerializationHelper;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The program a child JVM runs to score trials ({@link ObjectiveServer} speaks the engine's
 * objective protocol) over the training data it was started with. Under cross-validation it reports the loss of
 * each fold as it is done ({@code {"report": {"step": fold, "value": loss}}}) and stops the
 * trial as pruned when the engine's pruner answers so. Running Weka in its own process is what
 * makes the trial time-out real: Weka's training loops never look at thread interrupts,
 * so the only sure way to stop a runaway build is to kill the process, which the engine's
 * command objective does and then starts a fresh one. The JVM's heap limit is the trial's
 * memory limit; a trial that runs out fails with that reason and the process is replaced.
 *
 * <p>Arguments: {@code DATA-FILE METRIC FOLDS HOLDOUT SEED}, where DATA-FILE holds the
 * serialized {@code Instances} with the class set and HOLDOUT is {@code NaN} for
 * cross-validation.
 */
public final class EvaluationWorker {
    private EvaluationWorker() {}

    public static void main(String[] args) {
        WekaBootstrap.init();
        if (args.length != 5) {
            System.err.println("usage: EvaluationWorker DATA-FILE METRIC FOLDS HOLDOUT SEED");
            System.exit(2);
        }
        // Read once the server has set standard output aside: anything Weka prints goes to standard error.
        ObjectiveServer.serve(() -> {
            Instances data;
            try {
                data = (Instances) SerializationHelper.read(args[0]);
            } catch (Exception e) {
                throw new IllegalStateException("cannot read the training data: " + e.getMessage(), e);
            }
            EvaluationSettings settings = new EvaluationSettings(Metric.byId(args[1]), Integer.parseInt(args[2]),
                    Double.parseDouble(args[3]), Long.parseLong(args[4]));
            return context -> evaluate(context, data, settings);
        });
    }

    private static Outcome evaluate(TrialContext context, Instances data, EvaluationSettings settings) throws Exception {
        Pipeline p = Pipeline.of(context.config() == null ? null : context.config().value());
        Classifier c = p.newClassifier();
        CrossValidation.Score score = CrossValidation.evaluate(c, data, settings, (fold, foldLoss) -> {
            if (!Double.isFinite(foldLoss)) return false; // undefined on this fold (an AUC with one class): nothing to report
            context.report(fold, foldLoss);
            return context.shouldPrune();
        });
        Map<String, Object> att = new LinkedHashMap<>();
        att.put("command", p.commandLine());
        att.putAll(score.measures());
        if (score.stopped()) return Outcome.pruned(att);
        if (!Double.isFinite(score.loss())) return Outcome.fail(settings.metric().id() + " is undefined for this model's predictions", att);
        if (score.outOfFold() != null) att.put(OutOfFold.KEY, score.outOfFold().toAttachment());
        return Outcome.ok(score.loss(), att);
    }
}
