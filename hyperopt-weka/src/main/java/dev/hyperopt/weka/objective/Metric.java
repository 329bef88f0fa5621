package dev.hyperopt.weka.objective;

import weka.classifiers.Evaluation;
import weka.classifiers.evaluation.NominalPrediction;
import weka.classifiers.evaluation.Prediction;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The loss a trial minimizes, computed from a Weka {@link Evaluation}. */
public enum Metric {
    /** Fraction of rows misclassified (the default for a nominal class). */
    ERROR_RATE("error", true) {
        @Override
        public double loss(Evaluation e) {
            return 1 - e.pctCorrect() / 100;
        }
    },
    /** 1 - the class-weighted area under the ROC curve. */
    AUC("auc", true) {
        @Override
        public double loss(Evaluation e) {
            return 1 - e.weightedAreaUnderROC();
        }
    },
    /** Mean negative log of the probability given to the true class (probabilities floored at 1e-15). */
    LOG_LOSS("logloss", true) {
        @Override
        public double loss(Evaluation e) {
            double sum = 0;
            double weight = 0;
            for (Prediction p : e.predictions()) {
                if (!(p instanceof NominalPrediction np) || Double.isNaN(np.actual())) continue;
                double prob = np.distribution()[(int) np.actual()];
                sum += -Math.log(Math.max(prob, 1e-15)) * np.weight();
                weight += np.weight();
            }
            return weight == 0 ? Double.NaN : sum / weight;
        }
    },
    /** 1 - the class-weighted F1 score. */
    F1("f1", true) {
        @Override
        public double loss(Evaluation e) {
            return 1 - e.weightedFMeasure();
        }
    },
    /** Root mean squared error (for a nominal class, of the class probabilities). */
    RMSE("rmse", false) {
        @Override
        public double loss(Evaluation e) {
            return e.rootMeanSquaredError();
        }
    },
    /** Mean absolute error (for a nominal class, of the class probabilities). */
    MAE("mae", false) {
        @Override
        public double loss(Evaluation e) {
            return e.meanAbsoluteError();
        }
    };

    private final String id;
    private final boolean nominalOnly;

    Metric(String id, boolean nominalOnly) {
        this.id = id;
        this.nominalOnly = nominalOnly;
    }

    /** The loss from an evaluation (NaN when it is undefined, e.g. an AUC without both classes). */
    public abstract double loss(Evaluation e);

    /** The name users write: {@code error}, {@code auc}, {@code logloss}, {@code f1}, {@code rmse}, {@code mae}. */
    public String id() {
        return id;
    }

    /** Whether the metric needs a nominal class. */
    public boolean nominalOnly() {
        return nominalOnly;
    }

    /** The usual metric for a class: error rate for a nominal one, RMSE for a numeric one. */
    public static Metric defaultFor(boolean nominalClass) {
        return nominalClass ? ERROR_RATE : RMSE;
    }

    /**
     * The metric named {@code id} (case-insensitive; {@code 1-auc}, {@code 1-f1}, {@code log-loss} and
     * {@code error-rate} are accepted too).
     */
    public static Metric byId(String id) {
        String k = id.strip().toLowerCase(Locale.ROOT).replace("_", "-");
        if (k.startsWith("1-")) k = k.substring(2);
        k = switch (k) {
            case "log-loss" -> "logloss";
            case "error-rate", "err" -> "error";
            default -> k;
        };
        for (Metric m : values()) if (m.id.equals(k)) return m;
        List<String> ids = new ArrayList<>();
        for (Metric m : values()) ids.add(m.id);
        throw new IllegalArgumentException("unknown metric '" + id + "'; choose one of " + String.join(", ", ids));
    }
}
