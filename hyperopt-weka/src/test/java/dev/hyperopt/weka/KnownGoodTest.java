package dev.hyperopt.weka;

import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.engine.space.Assignment;
import dev.hyperopt.engine.space.SpaceEvaluator;
import dev.hyperopt.weka.data.DataSets;
import org.junit.jupiter.api.Test;
import weka.classifiers.AbstractClassifier;
import weka.classifiers.Classifier;
import weka.classifiers.functions.Logistic;
import weka.classifiers.functions.SMO;
import weka.classifiers.functions.SimpleLogistic;
import weka.classifiers.trees.RandomForest;
import weka.core.Instances;
import weka.core.OptionHandler;
import weka.core.Utils;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class KnownGoodTest {
    private static final Instances CREDIT = DataSets.withClass(DataSets.load("credit-g"), null, "credit-g");

    private static List<Classifier> classifiers(SearchSpace space, List<Map<String, Object>> labels) throws Exception {
        List<Classifier> out = new ArrayList<>();
        for (Map<String, Object> l : labels) {
            out.add(Pipeline.of(SpaceEvaluator.evaluate(Assignment.fromLabels(space, l))).newClassifier());
        }
        return out;
    }

    private static String options(Classifier c) {
        return Utils.joinOptions(((OptionHandler) c).getOptions());
    }

    @Test
    void theDefaultSpaceHoldsTheStrongestDefaultsExactlyAsWekaDefaultsThem() throws Exception {
        SearchSpace space = WekaSpaces.load("classification");
        List<Classifier> cs = classifiers(space, KnownGood.in(space, CREDIT));
        assertThat(cs).extracting(c -> c.getClass().getName())
                .containsExactly(SMO.class.getName(), Logistic.class.getName(), SimpleLogistic.class.getName(), RandomForest.class.getName());
        List<Classifier> defaults = List.of(new SMO(), new Logistic(), new SimpleLogistic(), new RandomForest());
        for (int i = 0; i < cs.size(); i++) {
            Classifier expected = AbstractClassifier.makeCopy(defaults.get(i));
            assertThat(options(cs.get(i))).as(expected.getClass().getSimpleName()).isEqualTo(options(expected));
        }
    }

    @Test
    void aSpaceOfOtherLearnersGetsNoneAndASingleLearnersSpaceGetsItsOwn() throws Exception {
        assertThat(KnownGood.in(WekaSpaces.load("j48"), CREDIT)).isEmpty();
        SearchSpace smo = WekaSpaces.load("smo");
        List<Classifier> cs = classifiers(smo, KnownGood.in(smo, CREDIT));
        assertThat(cs).hasSize(1);
        assertThat(options(cs.get(0))).isEqualTo(options(new SMO()));
    }

    @Test
    void learnersTheDataCannotFeedAreLeftOut() throws Exception {
        Instances cpu = DataSets.withClass(DataSets.read(TestData.path("cpu.arff")), "last", "cpu");
        SearchSpace space = WekaSpaces.load("any_classifier");
        List<Classifier> cs = classifiers(space, KnownGood.in(space, cpu));
        assertThat(cs).as("a numeric class: SMO and the logistic regressions cannot take it, a random forest regresses")
                .extracting(c -> c.getClass().getName()).containsExactly(RandomForest.class.getName());
    }
}
