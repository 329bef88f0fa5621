package dev.hyperopt.weka;

import dev.hyperopt.engine.space.SpaceEvaluator;
import dev.hyperopt.weka.data.DataSets;
import org.junit.jupiter.api.Test;
import weka.classifiers.Classifier;
import weka.classifiers.Evaluation;
import weka.core.Instances;
import weka.core.Utils;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every option of every choice in the classification and regression spaces, forced in turn,
 * gives a pipeline that Weka accepts, trains and predicts with. A branch gets three draws of
 * its other hyperparameters: on 57 rows a few Weka learners fail for some values (JRip
 * without pruning, a Gaussian process with an unscaled polynomial kernel), as they would in
 * a search, where such a trial fails and the search goes on; a branch fails the test only
 * when all three draws fail.
 */
class EveryBranchBuildsTest {

    @Test
    void everyClassifierAndFilterBranchBuildsOnSmallData() throws Exception {
        // labor: 57 rows, nominal and numeric attributes, many missing values
        Instances data = DataSets.withClass(DataSets.read(TestData.path("labor.arff")), "last", "labor");
        Set<String> taken = buildAll("classification", data);
        assertThat(taken).contains("classifiers.any_classifier=j48", "classifiers.any_classifier=smo",
                "classifiers.any_classifier=stacking", "preprocessing.any_preprocessing=pca",
                "preprocessing.any_preprocessing=info_gain", "preprocessing.any_preprocessing=none");
        assertThat(taken.stream().filter(s -> s.startsWith("classifiers.any_classifier=")).count()).isEqualTo(26);
        assertThat(taken.stream().filter(s -> s.startsWith("preprocessing.any_preprocessing=")).count()).isEqualTo(7);
        assertThat(taken).anyMatch(s -> s.endsWith("=puk")).anyMatch(s -> s.endsWith("=chebyshev"));
    }

    @Test
    void everyRegressorBranchBuildsOnNumericData() throws Exception {
        Instances data = DataSets.withClass(DataSets.read(TestData.path("cpu.arff")), "last", "cpu");
        Set<String> taken = buildAll("regression", data);
        assertThat(taken.stream().filter(s -> s.startsWith("regressors.any_regressor=")).count()).isEqualTo(8);
        assertThat(taken).contains("regressors.any_regressor=gaussian_processes", "regressors.any_regressor=m5p");
    }

    private static Set<String> buildAll(String spaceName, Instances data) throws Exception {
        var space = WekaSpaces.load(spaceName);
        Set<String> taken = new HashSet<>();
        java.util.Map<String, List<String>> failures = new java.util.LinkedHashMap<>();
        Set<String> built = new HashSet<>();
        for (Branches.Forced f : Branches.everyOption(space, 7, 3)) {
            String branch = f.label() + "=" + f.option();
            taken.add(branch);
            if (built.contains(branch)) continue;
            Pipeline p = Pipeline.of(SpaceEvaluator.evaluate(f.assignment()));
            try {
                Classifier c = p.newClassifier();
                Pipeline.checkCapabilities(c, data);
                c.buildClassifier(data);
                Evaluation e = new Evaluation(data);
                e.evaluateModel(c, data);
                assertThat(e.numInstances()).isEqualTo(data.numInstances());
                // The command line Weka reads back is the same pipeline.
                String[] parts = Utils.splitOptions(p.commandLine());
                assertThat(parts[0]).isEqualTo(p.asClassifier().className());
                built.add(branch);
            } catch (Exception | AssertionError e) {
                failures.computeIfAbsent(branch, k -> new ArrayList<>()).add(p.commandLine() + " -> " + e);
            }
        }
        failures.keySet().removeAll(built);
        assertThat(failures).isEmpty();
        return taken;
    }
}
