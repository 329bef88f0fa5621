package dev.hyperopt.weka;

import dev.hyperopt.engine.ensemble.EnsembleSelection;
import dev.hyperopt.engine.ensemble.EnsembleSelection.Candidate;
import dev.hyperopt.engine.ensemble.EnsembleSelection.Ensemble;
import dev.hyperopt.engine.spi.Tuning;
import dev.hyperopt.weka.objective.Metric;
import dev.hyperopt.weka.objective.OutOfFold;
import dev.hyperopt.weka.objective.WekaObjective.Scored;
import weka.classifiers.Classifier;
import weka.classifiers.Evaluation;
import weka.classifiers.meta.Vote;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.SelectedTag;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.ToDoubleFunction;

/**
 * Ensembles of a Weka search's trials: {@link EnsembleSelection} over their out-of-fold
 * predictions, scored by the search's own metric, and the Weka {@link Vote} (average of
 * probabilities) that predicts as the selection does.
 */
final class WekaEnsemble {
    /** The library: the trials of lowest loss, as auto-sklearn's {@code ensemble_nbest}. */
    static final int LIBRARY = 50;

    private WekaEnsemble() {}

    /** A trained member that Java serialization cannot write (some Weka models hold matrices that are not serializable). */
    static final class NotSaveable extends Exception {
        final long trial;

        NotSaveable(long trial) {
            super("the model of trial " + trial + " cannot be saved");
            this.trial = trial;
        }
    }

    /**
     * A selection.
     *
     * @param ensemble          the picks, with their loss by {@code selectedBy}
     * @param selectedBy        what the selection climbed on: the search's metric, or {@code brier} for the error rate
     * @param outOfFoldLoss     the ensemble's out-of-fold loss by the search's metric
     * @param bestAloneSelected the best trial's out-of-fold loss by {@code selectedBy}
     */
    record Selection(Ensemble ensemble, String selectedBy, double outOfFoldLoss, double bestAloneSelected) {}

    /**
     * Selects an ensemble of {@code size} picks among the scored trials. For the error rate the
     * selection climbs on the Brier score of the averaged probabilities instead
     * ({@link EnsembleSelection#brierScore}; docs/weka.md measures both).
     *
     * @return the selection, or null when fewer than two trials were scored
     */
    static Selection select(List<Scored> trials, Metric metric, Attribute classAttribute, int size, Scored best) {
        if (trials.size() < 2) return null;
        OutOfFold rows = trials.get(0).outOfFold();
        boolean brier = metric == Metric.ERROR_RATE;
        ToDoubleFunction<double[][]> climb = brier ? EnsembleSelection.brierScore(rows.actual()) : loss(metric, rows, classAttribute);
        List<Candidate> candidates = new ArrayList<>();
        Map<Long, double[][]> distributions = new HashMap<>();
        for (Scored t : trials) {
            candidates.add(new Candidate(t.trial(), t.loss(), t.outOfFold().distributions()));
            distributions.put(t.trial(), t.outOfFold().distributions());
        }
        Ensemble e = EnsembleSelection.select(candidates, LIBRARY, size, climb);
        double outOfFold = brier ? loss(metric, rows, classAttribute).applyAsDouble(EnsembleSelection.average(e, distributions)) : e.loss();
        return new Selection(e, brier ? "brier" : metric.id(), outOfFold, climb.applyAsDouble(best.outOfFold().distributions()));
    }

    /** The metric of averaged predictions of the rows {@code rows} holds the true classes of. */
    static ToDoubleFunction<double[][]> loss(Metric metric, OutOfFold rows, Attribute classAttribute) {
        int[] y = rows.actual();
        return switch (metric) {
            case ERROR_RATE -> EnsembleSelection.errorRate(y);
            case LOG_LOSS -> d -> {
                double sum = 0;
                for (int i = 0; i < y.length; i++) sum -= Math.log(Math.max(d[i][y[i]], 1e-15));
                return sum / y.length;
            };
            default -> {
                // AUC, F1, RMSE, MAE: Weka's own Evaluation of the averaged distributions.
                ArrayList<Attribute> attributes = new ArrayList<>(List.of(classAttribute.copy(classAttribute.name())));
                Instances header = new Instances("out-of-fold", attributes, y.length);
                header.setClassIndex(0);
                List<Instance> instances = new ArrayList<>(y.length);
                for (int label : y) {
                    Instance inst = new DenseInstance(1.0, new double[]{label});
                    inst.setDataset(header);
                    instances.add(inst);
                }
                yield d -> {
                    try {
                        Evaluation e = new Evaluation(header);
                        for (int i = 0; i < y.length; i++) e.evaluationForSingleInstance(d[i], instances.get(i), true);
                        return metric.loss(e);
                    } catch (Exception e) {
                        return Double.NaN;
                    }
                };
            }
        };
    }

    /**
     * The ensemble as one Weka classifier: each distinct member's pipeline trained once on
     * {@code train}, and a {@link Vote} averaging their probabilities with a member picked k
     * times present k times. Its command line ({@code weka.classifiers.meta.Vote -R AVG -B ...})
     * builds the same ensemble in Weka.
     *
     * @throws NotSaveable when a trained member cannot be saved: select again without it
     */
    static Vote vote(Ensemble ensemble, Map<Long, Scored> trials, Instances train) throws Exception {
        Map<Long, Classifier> trained = new HashMap<>();
        List<Classifier> members = new ArrayList<>();
        for (Map.Entry<Long, Integer> w : ensemble.weights().entrySet()) {
            Classifier c = trained.computeIfAbsent(w.getKey(), id -> Pipeline.of(trials.get(id).config()).newClassifier());
            members.addAll(java.util.Collections.nCopies(w.getValue(), c));
        }
        trainAll(trained.values(), train);
        for (Map.Entry<Long, Classifier> c : trained.entrySet()) {
            if (!WekaModels.writable(c.getValue())) throw new NotSaveable(c.getKey());
        }
        Vote vote = new Vote();
        vote.setCombinationRule(new SelectedTag(Vote.AVERAGE_RULE, Vote.TAGS_RULES));
        // The members are trained already: Vote's own buildClassifier would train every copy again.
        vote.setClassifiers(members.toArray(new Classifier[0]));
        return vote;
    }

    /**
     * Trains the members side by side, one per core: each trains on one thread, and the
     * members of an ensemble are many (a dozen refits on a few thousand rows take minutes).
     */
    private static void trainAll(Collection<Classifier> members, Instances train) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(members.size(), Tuning.Defaults.cores())));
        try {
            List<Future<?>> running = new ArrayList<>();
            for (Classifier c : members) {
                // A copy each: some learners change the data they are given (filters, class order).
                running.add(pool.submit(() -> {
                    c.buildClassifier(new Instances(train));
                    return null;
                }));
            }
            for (Future<?> f : running) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Exception x ? x : e;
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
