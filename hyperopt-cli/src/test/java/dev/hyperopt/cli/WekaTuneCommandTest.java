package dev.hyperopt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weka.classifiers.Classifier;
import weka.core.SerializationHelper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WekaTuneCommandTest {
    @TempDir
    Path dir;

    private static final String NUMERIC = """
            @relation numeric
            @attribute x numeric
            @attribute y numeric
            @data
            1,2
            2,4
            3,6
            4,8
            5,10
            6,12
            """;

    @Test
    void tunesIrisWithAHoldoutAndSavesTheModel() throws Exception {
        Path model = dir.resolve("iris.model");
        Path json = dir.resolve("result.json");
        Cli r = Cli.run("weka", "tune", "--data", "iris", "--holdout", "0.3", "--max-evals", "3", "--seed", "2",
                "--store", "memory:", "--model", model.toString(), "--json", json.toString(), "--space", "j48", "--ensemble", "0");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("scoring: error by 5-fold CV on 105 training rows");
        assertThat(r.out()).contains("test loss (error):", "on holdout 0.3 (45 rows)",
                "weka:    weka.classifiers.trees.J48 ", "model:   " + model, "trials:  3 (ok 3, fail 0)", "best:    trial ");
        Classifier c = (Classifier) SerializationHelper.read(model.toString());
        assertThat(c.getClass().getName()).isEqualTo("weka.classifiers.trees.J48");
        assertThat(Files.readString(json)).contains("\"command\"", "\"accuracy\"");
        JsonNode doc = new ObjectMapper().readTree(json.toFile());
        assertThat(doc.get("test").get("loss").asDouble()).isBetween(0.0, 1.0);
        assertThat(doc.get("test").get("rows").asInt()).isEqualTo(45);
        assertThat(doc.get("weka").asText()).startsWith("weka.classifiers.trees.J48 ");
        assertThat(doc.get("model").asText()).isEqualTo(model.toString());
    }

    @Test
    void theModelIsAnEnsembleOfTheTrialsThatWekaLoadsAndRebuildsWithTheBestPipelineBesideIt() throws Exception {
        Path model = dir.resolve("credit.model");
        Path json = dir.resolve("e.json");
        Cli r = Cli.run("weka", "tune", "--data", "credit-g", "--holdout", "0.3", "--folds", "3", "--max-evals", "8", "--seed", "4",
                "--store", "memory:", "--model", model.toString(), "--json", json.toString(), "--quiet");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("ensemble: \\d+ pipelines \\(trial \\d+ x\\d+, trial .*\\), out-of-fold error 0\\.\\d+ against "
                        + "0\\.\\d+ for trial \\d+ alone; selected by brier 0\\.\\d+ against 0\\.\\d+")
                .containsPattern("test loss \\(error\\): 0\\.\\d+ on holdout 0.3 \\(300 rows\\); trial \\d+ alone 0\\.\\d+")
                .contains("weka:    weka.classifiers.meta.Vote ", " -R AVG", "model:   " + model + " (the ensemble); trial ");
        JsonNode doc = new ObjectMapper().readTree(json.toFile());
        JsonNode members = doc.get("ensemble").get("members");
        assertThat(members.size()).isGreaterThanOrEqualTo(2);
        int picks = 0;
        for (JsonNode m : members) picks += m.get("weight").asInt();
        assertThat(doc.get("ensemble").get("picks").asInt()).isEqualTo(picks);
        // The selection climbs on the Brier score, so the ensemble is never worse by it than the best pipeline alone.
        JsonNode selection = doc.get("ensemble").get("selection");
        assertThat(selection.get("by").asText()).isEqualTo("brier");
        assertThat(selection.get("loss").asDouble()).isLessThanOrEqualTo(selection.get("best_alone").asDouble());
        assertThat(doc.get("ensemble").get("out_of_fold_loss").asDouble()).isBetween(0.0, 1.0);
        Path single = dir.resolve("credit.single.model");
        assertThat(doc.get("single").get("model").asText()).isEqualTo(single.toString());
        assertThat(doc.get("single").get("trial").asLong()).isEqualTo(doc.get("best").get("trial").asLong());

        // The saved ensemble is a Weka Vote of `picks` members; the best pipeline alone is saved beside it.
        weka.classifiers.meta.Vote vote = (weka.classifiers.meta.Vote) SerializationHelper.read(model.toString());
        assertThat(vote.getClassifiers()).hasSize(picks);
        assertThat(((Classifier) SerializationHelper.read(single.toString())).getClass().getName()).startsWith("weka.classifiers.");
        // Weka itself accepts the command line and builds the same kind of ensemble from it.
        String[] options = weka.core.Utils.splitOptions(doc.get("weka").asText());
        String name = options[0];
        options[0] = "";
        Classifier rebuilt = weka.classifiers.AbstractClassifier.forName(name, options);
        assertThat(((weka.classifiers.meta.Vote) rebuilt).getClassifiers()).hasSize(picks);
    }

    @Test
    void aPipelineWithPrincipalComponentsSavesAndWekaLoadsIt() throws Exception {
        // Weka 3.8's PrincipalComponents keeps a matrix that Java cannot serialize; the model saves all the same.
        Path space = Files.writeString(dir.resolve("pca.hspace"), """
                space = {
                  preprocessing: { class: "weka.filters.unsupervised.attribute.PrincipalComponents", R: uniform(0.8, 0.95) },
                  classifier: { class: "weka.classifiers.functions.Logistic", R: 1e-8 },
                }
                """);
        Path model = dir.resolve("pca.model");
        Cli r = Cli.run("weka", "tune", "--data", "iris", "--holdout", "0.3", "--max-evals", "2", "--seed", "1", "--store", "memory:",
                "--space", space.toString(), "--model", model.toString(), "--ensemble", "0", "--quiet");
        assertThat(r.exit()).as(r.err()).isZero();
        // The command line names Weka's own classes, so Weka alone runs it.
        assertThat(r.out()).contains("test loss (error): ", "weka:    weka.classifiers.meta.FilteredClassifier -F \"weka.filters.unsupervised.attribute.PrincipalComponents",
                "model:   " + model);
        weka.classifiers.Classifier loaded = (weka.classifiers.Classifier) weka.core.SerializationHelper.read(model.toString());
        weka.core.Instances iris = new weka.core.Instances(new java.io.InputStreamReader(
                weka.core.Instances.class.getClassLoader().getResourceAsStream("weka/gui/beans/templates/iris.arff")));
        iris.setClassIndex(iris.numAttributes() - 1);
        int right = 0;
        for (int i = 0; i < iris.numInstances(); i++) if (loaded.classifyInstance(iris.instance(i)) == iris.instance(i).classValue()) right++;
        assertThat(right).as("the loaded model predicts iris").isGreaterThan(120);
        assertThat(r.hasStackTrace()).isFalse();
    }

    @Test
    void aModelThatCannotBeSavedLosesNeitherTheSearchNorTheOldFile() throws Exception {
        // A folder that is not empty stands where the model should go: the save fails at its last step.
        Path model = Files.createDirectories(dir.resolve("taken.model"));
        Files.writeString(model.resolve("keep.txt"), "mine");
        Path json = dir.resolve("result.json");
        Cli r = Cli.run("weka", "tune", "--data", "iris", "--folds", "3", "--max-evals", "2", "--seed", "1", "--store", "memory:",
                "--model", model.toString(), "--ensemble", "0", "--json", json.toString(), "--quiet");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.hasStackTrace()).isFalse();
        // The search's result is printed and written before the refit.
        assertThat(r.out()).contains("trials:  2 (ok 2, fail 0)", "best:    trial ", "weka:    weka.classifiers.", "result:  " + json);
        assertThat(r.errLines()).last().asString()
                .isEqualTo("hyperopt: after the search, which is kept (study 'weka-iris-error'): cannot write " + model + ": it is a folder");
        assertThat(json).exists();
        assertThat(Json.MAPPER.readTree(json.toFile()).get("trials")).hasSize(2);
        // Nothing half-written is left beside it, and what was there is untouched.
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
        }
        assertThat(model.resolve("keep.txt")).hasContent("mine");
    }

    @Test
    void wekasDefaultLearnersAreTheFirstTrialsUnlessSwitchedOff() throws Exception {
        String store = "sqlite:" + dir.resolve("k.db");
        Path json = dir.resolve("k.json");
        Cli r = Cli.run("weka", "tune", "--data", "iris", "--folds", "3", "--max-evals", "5", "--seed", "2", "--store", store,
                "--json", json.toString(), "--quiet");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode trials = new ObjectMapper().readTree(json.toFile()).get("trials");
        List<String> first = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) first.add(trials.get(i).get("labels").get("classifiers.any_classifier").asText());
        assertThat(first).containsExactly("smo", "logistic", "simple_logistic", "random_forest");
        assertThat(trials.get(0).get("labels").get("preprocessing.any_preprocessing").asText()).isEqualTo("none");

        Cli more = Cli.run("weka", "tune", "--data", "iris", "--folds", "3", "--max-evals", "9", "--seed", "2", "--store", store,
                "--json", json.toString(), "--quiet");
        assertThat(more.exit()).as(more.err()).isZero();
        JsonNode all = new ObjectMapper().readTree(json.toFile()).get("trials");
        assertThat(all).hasSize(9);
        for (int i = 4; i < 9; i++) {
            assertThat(all.get(i).get("labels")).as("a resumed search does not repeat them").isNotIn(trials.get(0).get("labels"),
                    trials.get(1).get("labels"), trials.get(2).get("labels"), trials.get(3).get("labels"));
        }

        Cli off = Cli.run("weka", "tune", "--data", "iris", "--folds", "3", "--max-evals", "1", "--seed", "2", "--store", "memory:",
                "--no-defaults", "--json", json.toString(), "--quiet");
        assertThat(off.exit()).as(off.err()).isZero();
        JsonNode sampled = new ObjectMapper().readTree(json.toFile()).get("trials").get(0).get("labels");
        assertThat(sampled).isNotEqualTo(trials.get(0).get("labels"));
    }

    @Test
    void aMissingFileIsOneLine() {
        expectError(new String[]{"--data", dir.resolve("nope.arff").toString()}, "no such file or built-in data set: ");
    }

    @Test
    void aMalformedFileIsOneLine() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.arff"), "@relation r\n@attribute a numeric\n@data\n1,2,oops\n");
        expectError(new String[]{"--data", bad.toString()}, "cannot read " + bad + ": ");
    }

    @Test
    void anUnknownFormatIsOneLine() throws Exception {
        Path txt = Files.writeString(dir.resolve("data.txt"), "1 2 3\n");
        expectError(new String[]{"--data", txt.toString()}, "not an .arff or .csv file");
    }

    @Test
    void aMissingClassAttributeIsOneLine() {
        expectError(new String[]{"--data", "iris", "--class", "colour"}, "iris has no attribute 'colour' to use as the class");
    }

    @Test
    void aNumericClassWithAClassificationOnlySpaceIsOneLine() throws Exception {
        Path num = Files.writeString(dir.resolve("num.arff"), NUMERIC);
        expectError(new String[]{"--data", num.toString(), "--space", "any_classifier"},
                "space any_classifier is for a nominal class, but class 'y' is numeric (use regression or any_regressor)");
        expectError(new String[]{"--data", num.toString(), "--space", "j48"},
                "the space does not fit this data set (numeric class 'y'): J48 cannot handle this data: Cannot handle numeric class!");
        expectError(new String[]{"--data", num.toString(), "--metric", "auc"}, "metric auc needs a nominal class");
    }

    @Test
    void anEmptyDataSetIsOneLine() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.arff"), "@relation e\n@attribute a numeric\n@attribute c {x,y}\n@data\n");
        expectError(new String[]{"--data", empty.toString()}, empty + " is empty: it has no rows");
    }

    @Test
    void dataNoLearnerCanLearnFromIsRefusedWithOneLine() throws Exception {
        Path onlyClass = Files.writeString(dir.resolve("only-class.arff"), "@relation c\n@attribute c {x,y}\n@data\nx\ny\n");
        expectError(new String[]{"--data", onlyClass.toString()}, onlyClass + " has no attribute besides the class 'c': there is nothing to learn from");

        Path oneClass = Files.writeString(dir.resolve("one-class.arff"),
                "@relation c\n@attribute a numeric\n@attribute c {x,y}\n@data\n1,x\n2,x\n3,x\n4,x\n5,x\n6,x\n");
        expectError(new String[]{"--data", oneClass.toString()}, oneClass + ": every row has the same class, 'x' (a classifier needs rows of two classes at least)");

        Path few = Files.writeString(dir.resolve("few.arff"), "@relation c\n@attribute a numeric\n@attribute c {x,y}\n@data\n1,x\n2,y\n3,x\n");
        expectError(new String[]{"--data", few.toString()}, few + " has 3 rows to train on, fewer than the 5 parts each trial is scored on (give --folds 3 or fewer, or more rows)");
        // Nothing was tuned or saved.
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".model"));
        }
    }

    @Test
    void aTestSetWithOtherAttributesIsOneLine() throws Exception {
        Path num = Files.writeString(dir.resolve("num.arff"), NUMERIC);
        expectError(new String[]{"--data", "iris", "--test", num.toString()}, "does not match iris");
    }

    @Test
    void badOptionValuesAreOneLine() {
        expectError(new String[]{"--data", "iris", "--metric", "speed"}, "invalid value for --metric: unknown metric 'speed'");
        expectError(new String[]{"--data", "iris", "--space", "nothing"}, "invalid value for --space: 'nothing' is none of classification, regression");
        expectError(new String[]{"--data", "iris", "--holdout", "1.5"}, "invalid value for --holdout");
        expectError(new String[]{"--data", "iris", "--holdout", "0.3", "--test", "x.arff"}, "--test and --holdout are alternatives");
        expectError(new String[]{"--data", "iris", "--stop-slow", "-1"}, "invalid value for --stop-slow: '-1' (needs a number >= 0)");
        expectError(new String[]{"--data", "iris", "--stop-slow", "often"}, "invalid value for --stop-slow: 'often' is not a number");
    }

    @Test
    void wekaAloneAsksForItsSubCommand() {
        Cli r = Cli.run("weka");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("missing sub-command (tune)");
        Cli help = Cli.run("weka", "tune", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("--data", "--holdout", "--metric", "--trial-timeout", "--memory", "--model");
    }

    private void expectError(String[] args, String message) {
        String[] full = new String[args.length + 6];
        full[0] = "weka";
        full[1] = "tune";
        System.arraycopy(args, 0, full, 2, args.length);
        full[args.length + 2] = "--store";
        full[args.length + 3] = "memory:";
        full[args.length + 4] = "--max-evals";
        full[args.length + 5] = "1";
        Cli r = Cli.run(full);
        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).startsWith("hyperopt: ").contains(message);
        assertThat(r.hasStackTrace()).isFalse();
        assertThat(r.out()).isEmpty();
    }
}
