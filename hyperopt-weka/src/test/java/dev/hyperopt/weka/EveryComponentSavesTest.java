package dev.hyperopt.weka;

import dev.hyperopt.engine.space.SpaceEvaluator;
import dev.hyperopt.weka.data.DataSets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weka.classifiers.Classifier;
import weka.core.Instances;
import weka.core.SerializationHelper;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Weka class that a shipped space can draw, in a pipeline trained on small data, is
 * written as {@code weka tune} writes its model, read back by Weka's {@code SerializationHelper}
 * and predicts the held-out rows as before. Every option of every choice is forced in turn
 * (three draws each, as a branch's other values may not build on 57 rows); a draw whose Weka
 * classes were all saved already is not trained again.
 */
class EveryComponentSavesTest {
    private static final Pattern WEKA_CLASS = Pattern.compile("weka\\.[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)+");

    @TempDir
    Path dir;

    @Test
    void everyComponentOfEveryShippedSpaceSavesAndLoads() throws Exception {
        Instances labor = DataSets.withClass(DataSets.read(TestData.path("labor.arff")), "last", "labor");
        Instances cpu = DataSets.withClass(DataSets.read(TestData.path("cpu.arff")), "last", "cpu");
        Map<Boolean, Instances[]> parts = Map.of(true, DataSets.split(labor, 0.25, 1), false, DataSets.split(cpu, 0.25, 1));
        Map<Boolean, Set<String>> saved = Map.of(true, new TreeSet<>(), false, new TreeSet<>());
        Map<String, List<String>> failures = new LinkedHashMap<>();
        Set<String> unbuilt = new LinkedHashSet<>();
        int models = 0;

        for (String spaceName : new WekaFamily().spaces().keySet()) {
            var space = WekaSpaces.load(spaceName);
            Map<String, Boolean> branchBuilt = new LinkedHashMap<>();
            for (Branches.Forced f : draws(space)) {
                String branch = spaceName + ": " + f.label() + "=" + f.option();
                if (Boolean.TRUE.equals(branchBuilt.get(branch))) continue;
                branchBuilt.putIfAbsent(branch, false);
                Pipeline p = pipeline(SpaceEvaluator.evaluate(f.assignment()));
                if (p == null) {
                    branchBuilt.put(branch, true);
                    continue;
                }
                Set<String> classes = wekaClasses(p.commandLine());
                if (saved.get(true).containsAll(classes) || saved.get(false).containsAll(classes)) {
                    branchBuilt.put(branch, true);
                    continue;
                }
                // A nominal class where the pipeline takes one, else a numeric class.
                Classifier c = null;
                boolean nominal = true;
                for (boolean n : new boolean[]{true, false}) {
                    Classifier candidate = p.newClassifier();
                    try {
                        Pipeline.checkCapabilities(candidate, parts.get(n)[0]);
                        candidate.buildClassifier(parts.get(n)[0]);
                        c = candidate;
                        nominal = n;
                        break;
                    } catch (Exception e) {
                        // not this class type, or this draw does not build: the branch's next draw may
                    }
                }
                if (c == null) continue;
                Instances[] trainTest = parts.get(nominal);
                branchBuilt.put(branch, true);
                try {
                    Path file = dir.resolve("m" + models++ + ".model");
                    WekaModels.write(c, file);
                    Classifier loaded = (Classifier) SerializationHelper.read(file.toString());
                    for (int i = 0; i < trainTest[1].numInstances(); i++) {
                        assertThat(loaded.distributionForInstance(trainTest[1].instance(i)))
                                .as("row %d", i).containsExactly(c.distributionForInstance(trainTest[1].instance(i)));
                    }
                    saved.get(nominal).addAll(classes);
                } catch (Exception | AssertionError e) {
                    failures.computeIfAbsent(branch, k -> new ArrayList<>()).add(p.commandLine() + " -> " + e);
                }
            }
            branchBuilt.forEach((b, built) -> {
                if (!built) unbuilt.add(b);
            });
        }
        assertThat(failures).isEmpty();
        assertThat(unbuilt).isEmpty();
        assertThat(saved.get(true)).contains("weka.filters.unsupervised.attribute.PrincipalComponents",
                "weka.classifiers.functions.Logistic", "weka.classifiers.meta.Stacking", "weka.classifiers.functions.SMO");
        assertThat(saved.get(false)).contains("weka.classifiers.functions.GaussianProcesses", "weka.classifiers.trees.M5P");
    }

    @Test
    void principalComponentsNeedsTheMatrixStandIn() throws Exception {
        Instances labor = DataSets.withClass(DataSets.read(TestData.path("labor.arff")), "last", "labor");
        Classifier c = Pipeline.fromCommandLine("weka.classifiers.meta.FilteredClassifier -F "
                + "\"weka.filters.unsupervised.attribute.PrincipalComponents -R 0.9\" -W weka.classifiers.functions.Logistic");
        c.buildClassifier(labor);
        try (java.io.ObjectOutputStream plain = new java.io.ObjectOutputStream(java.io.OutputStream.nullOutputStream())) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> plain.writeObject(c))
                    .isInstanceOf(java.io.NotSerializableException.class).hasMessageContaining("no.uib.cipr.matrix");
        }
        assertThat(WekaModels.writable(c)).isTrue();
    }

    /** Every branch forced, or one prior draw of a space without choices. */
    private static List<Branches.Forced> draws(dev.hyperopt.dsl.ir.SearchSpace space) {
        List<Branches.Forced> all = new ArrayList<>(Branches.everyOption(space, 7, 3));
        if (all.isEmpty()) {
            double[] v = new double[space.size()];
            var rng = new java.util.SplittableRandom(7);
            for (int i = 0; i < v.length; i++) {
                v[i] = space.hyperparameter(i) instanceof dev.hyperopt.dsl.ir.Param prm ? prm.distribution().sample(rng) : 0;
            }
            all.add(new Branches.Forced("space", "prior", new dev.hyperopt.engine.space.Assignment(space, v)));
        }
        return all;
    }

    /**
     * The configuration as a pipeline; a filter alone goes before IBk, which predicts from every
     * attribute it passes on; null for anything else.
     */
    private static Pipeline pipeline(Object config) {
        try {
            return Pipeline.of(config);
        } catch (IllegalArgumentException notAClassifier) {
            Object v = WekaSpec.unwrap(config instanceof dev.hyperopt.engine.api.Config c ? c.value() : config);
            try {
                return new Pipeline(v == null ? null : WekaSpec.of(v, List.of(WekaClasses.Kind.FILTER)),
                        new WekaSpec("weka.classifiers.lazy.IBk", List.of()));
            } catch (IllegalArgumentException notAFilter) {
                return null; // a part, such as a kernel, saved within the learners that take it
            }
        }
    }

    private static Set<String> wekaClasses(String commandLine) {
        Set<String> out = new TreeSet<>();
        Matcher m = WEKA_CLASS.matcher(commandLine);
        while (m.find()) out.add(m.group());
        return out;
    }
}
