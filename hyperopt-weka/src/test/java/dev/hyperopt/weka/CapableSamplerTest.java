package dev.hyperopt.weka;

import dev.hyperopt.dsl.HSpaceCompiler;
import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.engine.sample.SamplingContext;
import dev.hyperopt.engine.sample.random.RandomSampler;
import dev.hyperopt.engine.space.SpaceEvaluator;
import dev.hyperopt.weka.data.DataSets;
import org.junit.jupiter.api.Test;
import weka.core.Instances;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CapableSamplerTest {

    @Test
    void learnersThatCannotHandleANumericClassAreNotSuggested() throws Exception {
        Instances cpu = DataSets.withClass(DataSets.read(TestData.path("cpu.arff")), "last", "cpu");
        SearchSpace space = new HSpaceCompiler().compile("s.hspace", """
                import weka.classifiers.j48 as j48
                import weka.classifiers.naive_bayes as nb
                import weka.classifiers.rep_tree as rep
                space = choice { j48: j48.space, naive_bayes: nb.space, rep_tree: rep.space }
                """).orThrow();
        List<String> plain = new ArrayList<>();
        List<String> capable = new ArrayList<>();
        CapableSampler sampler = new CapableSampler(new RandomSampler(), cpu);
        for (long t = 0; t < 30; t++) {
            SamplingContext ctx = new SamplingContext(space, List.of(), 5, t);
            plain.add(Pipeline.of(SpaceEvaluator.evaluate(new RandomSampler().suggest(ctx))).classifier().className());
            capable.add(Pipeline.of(SpaceEvaluator.evaluate(sampler.suggest(ctx))).classifier().className());
        }
        assertThat(plain).contains("weka.classifiers.trees.J48", "weka.classifiers.bayes.NaiveBayes");
        assertThat(capable).containsOnly("weka.classifiers.trees.REPTree");
        // Reproducible: the same context gives the same suggestion.
        SamplingContext ctx = new SamplingContext(space, List.of(), 5, 3);
        assertThat(sampler.suggest(ctx)).isEqualTo(sampler.suggest(ctx));
    }
}
