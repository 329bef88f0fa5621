package dev.hyperopt.weka;

import org.junit.jupiter.api.Test;
import weka.classifiers.Classifier;
import weka.classifiers.functions.SMO;
import weka.classifiers.functions.supportVector.RBFKernel;
import weka.classifiers.meta.Bagging;
import weka.classifiers.meta.FilteredClassifier;
import weka.classifiers.trees.J48;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WekaSpecTest {

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    @Test
    void optionsFlagsGroupsAndNestedObjectsBecomeWekasCommandLine() {
        Object j48 = map("j48", map("class", "weka.classifiers.trees.J48", "M", 5L, "B", false, "A", true,
                "_pruning", map("confidence", map("C", 0.125, "S", true))));
        Pipeline p = Pipeline.of(map("preprocessing", map("standardize", map("class", "weka.filters.unsupervised.attribute.Standardize")),
                "classifier", j48));
        assertThat(p.commandLine()).isEqualTo("weka.classifiers.meta.FilteredClassifier -F weka.filters.unsupervised.attribute.Standardize"
                + " -W weka.classifiers.trees.J48 -- -M 5 -A -C 0.125 -S");
        FilteredClassifier fc = (FilteredClassifier) p.newClassifier();
        J48 tree = (J48) fc.getClassifier();
        assertThat(tree.getMinNumObj()).isEqualTo(5);
        assertThat(tree.getConfidenceFactor()).isEqualTo(0.125f);
        assertThat(tree.getSubtreeRaising()).isFalse();
        assertThat(tree.getUseLaplace()).isTrue();

        Pipeline smo = Pipeline.of(map("class", "weka.classifiers.functions.SMO", "C", 2.5,
                "K", map("rbf", map("class", "weka.classifiers.functions.supportVector.RBFKernel", "G", 1.2345678e-3))));
        assertThat(smo.commandLine()).isEqualTo("weka.classifiers.functions.SMO -C 2.5 -K \"weka.classifiers.functions.supportVector.RBFKernel -G 0.00123457\"");
        assertThat(((RBFKernel) ((SMO) smo.newClassifier()).getKernel()).getGamma()).isEqualTo(0.00123457);

        Pipeline bag = Pipeline.of(map("class", "weka.classifiers.meta.Bagging", "W", map("class", "weka.classifiers.trees.REPTree", "M", 3.0), "I", 7L));
        assertThat(bag.commandLine()).isEqualTo("weka.classifiers.meta.Bagging -I 7 -W weka.classifiers.trees.REPTree -- -M 3");
        assertThat(((Bagging) bag.newClassifier()).getNumIterations()).isEqualTo(7);

        Pipeline vote = Pipeline.of(map("class", "weka.classifiers.meta.Vote", "B",
                List.of(map("class", "weka.classifiers.trees.J48"), map("nb", map("class", "weka.classifiers.bayes.NaiveBayes", "K", true)))));
        assertThat(vote.commandLine()).isEqualTo("weka.classifiers.meta.Vote -B weka.classifiers.trees.J48 -B \"weka.classifiers.bayes.NaiveBayes -K\"");
        Classifier back = Pipeline.fromCommandLine(vote.commandLine());
        assertThat(back.getClass().getName()).isEqualTo("weka.classifiers.meta.Vote");
    }

    @Test
    void numbersPrintAsWekaReadsThem() {
        assertThat(WekaSpec.format(2.0)).isEqualTo("2");
        assertThat(WekaSpec.format(7L)).isEqualTo("7");
        assertThat(WekaSpec.format(0.25)).isEqualTo("0.25");
        assertThat(WekaSpec.format(1.14543217e-9)).isEqualTo("1.14543E-9");
        assertThat(WekaSpec.format(-1.0)).isEqualTo("-1");
    }

    @Test
    void onlyWekaClassesOfTheRightKindAreResolved() {
        assertThatThrownBy(() -> Pipeline.of(map("class", "java.lang.ProcessBuilder")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a Weka class name");
        assertThatThrownBy(() -> Pipeline.of(map("class", "weka.core.Utils")))
                .hasMessage("weka.core.Utils is not a classifier");
        assertThatThrownBy(() -> Pipeline.of(map("class", "weka.filters.unsupervised.attribute.Normalize")))
                .hasMessage("weka.filters.unsupervised.attribute.Normalize is not a classifier");
        assertThatThrownBy(() -> Pipeline.of(map("preprocessing", map("class", "weka.classifiers.trees.J48"), "classifier", map("class", "weka.classifiers.trees.J48"))))
                .hasMessage("weka.classifiers.trees.J48 is not a filter");
        assertThatThrownBy(() -> Pipeline.of(map("class", "weka.classifiers.AbstractClassifier")))
                .hasMessageContaining("not a concrete public class");
        assertThatThrownBy(() -> Pipeline.of(map("class", "weka.classifiers.trees.NoSuchTree")))
                .hasMessage("no Weka class weka.classifiers.trees.NoSuchTree");
        // A class named inside a string option, however deeply quoted, is checked too.
        assertThatThrownBy(() -> Pipeline.of(map("class", "weka.classifiers.lazy.IBk",
                "A", "weka.core.neighboursearch.LinearNNSearch -A \"java.lang.ProcessBuilder -x\"")))
                .hasMessageContaining("'java.lang.ProcessBuilder' is not a Weka class name");
        assertThatThrownBy(() -> Pipeline.fromCommandLine("java.lang.Runtime -x"))
                .hasMessageContaining("is not a Weka class name");
    }

    @Test
    void anOptionWekaDoesNotUseIsAnError() {
        Pipeline p = Pipeline.of(map("class", "weka.classifiers.trees.J48", "Z", 3L));
        assertThatThrownBy(p::newClassifier).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Illegal options: -Z 3");
    }
}
