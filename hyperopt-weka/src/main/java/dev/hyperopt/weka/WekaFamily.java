package dev.hyperopt.weka;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import dev.hyperopt.engine.inject.EngineModule;
import dev.hyperopt.engine.spi.Family;
import dev.hyperopt.engine.spi.Tuning;
import dev.hyperopt.weka.objective.WekaObjectiveFactory;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Weka family: the spaces under {@code hspace/weka/} and the {@code weka} objective
 * (cross-validation of a pipeline on a data set). Found by {@link java.util.ServiceLoader}.
 */
public final class WekaFamily implements Family {

    /** Per-classifier spaces, by the name users give them. */
    static final String[] CLASSIFIERS = {
            "j48", "random_forest", "random_tree", "rep_tree", "lmt", "decision_stump", "simple_logistic", "logistic", "smo",
            "naive_bayes", "bayes_net", "ibk", "kstar", "multilayer_perceptron", "jrip", "part", "decision_table", "one_r",
            "zero_r", "ada_boost", "bagging", "random_sub_space", "logit_boost", "random_committee", "vote", "stacking"};

    static final String[] REGRESSORS = {"linear_regression", "m5p", "smoreg", "gaussian_processes"};

    private static final Map<String, String> SPACES;

    static {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("classification", "hspace/weka/classification.hspace");
        m.put("regression", "hspace/weka/regression.hspace");
        m.put("any_classifier", "hspace/weka/classifiers.hspace");
        m.put("any_regressor", "hspace/weka/regressors.hspace");
        m.put("any_preprocessing", "hspace/weka/preprocessing.hspace");
        m.put("kernels", "hspace/weka/kernels.hspace");
        m.put("base", "hspace/weka/base.hspace");
        for (String c : CLASSIFIERS) m.put(c, "hspace/weka/classifiers/" + c + ".hspace");
        for (String r : REGRESSORS) m.put(r, "hspace/weka/regressors/" + r + ".hspace");
        SPACES = Collections.unmodifiableMap(m);
    }

    public WekaFamily() {
        WekaBootstrap.init();
    }

    @Override
    public String id() {
        return "weka";
    }

    @Override
    public String description() {
        return "Auto-tune Weka classifier pipelines.";
    }

    @Override
    public Optional<Tuning> tuning() {
        return Optional.of(new WekaTuning(this));
    }

    @Override
    public Module module() {
        return new AbstractModule() {
            @Override
            protected void configure() {
                EngineModule.objectives(binder()).addBinding("weka").to(WekaObjectiveFactory.class);
            }
        };
    }

    /**
     * {@code classification} and {@code regression} (a filter and a learner: the defaults
     * for a nominal or numeric class), {@code any_classifier}, {@code any_regressor},
     * {@code any_preprocessing}, and one space per learner ({@code j48}, {@code smo}, ...).
     */
    @Override
    public Map<String, String> spaces() {
        return SPACES;
    }
}
