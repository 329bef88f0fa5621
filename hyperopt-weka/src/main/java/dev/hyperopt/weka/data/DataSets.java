package dev.hyperopt.weka.data;

import dev.hyperopt.weka.WekaBootstrap;
import weka.core.Attribute;
import weka.core.Instances;
import weka.core.converters.ArffLoader;
import weka.core.converters.CSVLoader;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Reading data sets: ARFF or CSV files, or the data sets that ship inside Weka's jar by
 * name. Every problem is an {@link IllegalArgumentException} with one line that says what
 * is wrong with which input.
 */
public final class DataSets {
    private DataSets() {}

    /** Data sets inside the Weka jar, by name. */
    public static final Map<String, String> BUILT_IN = Map.of(
            "credit-g", "weka/gui/beans/templates/credit-g.arff",
            "iris", "weka/gui/beans/templates/iris.arff");

    /**
     * A data set from a file ({@code .arff} or {@code .csv}) or a built-in name, with no
     * class attribute set yet.
     */
    public static Instances load(String fileOrName) {
        WekaBootstrap.init();
        if (fileOrName == null || fileOrName.isBlank()) throw new IllegalArgumentException("no data set given");
        Path p = Path.of(fileOrName);
        if (Files.isRegularFile(p)) return read(p);
        String resource = BUILT_IN.get(fileOrName);
        if (resource != null) {
            try (InputStream in = Instances.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) throw new IllegalStateException("built-in data set " + fileOrName + " is missing from the Weka jar");
                return new Instances(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read built-in data set " + fileOrName + ": " + e.getMessage(), e);
            }
        }
        if (Files.isDirectory(p)) throw new IllegalArgumentException("is a directory: " + fileOrName);
        throw new IllegalArgumentException("no such file or built-in data set: " + fileOrName
                + " (built-in: " + String.join(", ", new java.util.TreeSet<>(BUILT_IN.keySet())) + ")");
    }

    /** Reads an ARFF or CSV file. */
    public static Instances read(Path file) {
        WekaBootstrap.init();
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        Instances data;
        try {
            if (name.endsWith(".arff")) {
                ArffLoader loader = new ArffLoader();
                loader.setFile(file.toFile());
                data = loader.getDataSet();
            } else if (name.endsWith(".csv")) {
                CSVLoader loader = new CSVLoader();
                loader.setFile(file.toFile());
                data = loader.getDataSet();
            } else {
                throw new IllegalArgumentException("cannot read " + file + ": not an .arff or .csv file");
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae && iae.getMessage().startsWith("cannot read")) throw iae;
            throw new IllegalArgumentException("cannot read " + file + ": " + oneLine(e));
        }
        if (data.numAttributes() == 0) throw new IllegalArgumentException("cannot read " + file + ": no attributes");
        return data;
    }

    /**
     * Sets the class attribute: {@code first}, {@code last} (also when null), a name, or a
     * 1-based index; drops rows whose class is missing.
     *
     * @param source names the data set in messages
     * @throws IllegalArgumentException when there is no such attribute, or no rows are left
     */
    public static Instances withClass(Instances data, String classAttribute, String source) {
        Instances d = new Instances(data);
        int index;
        String c = classAttribute == null ? "last" : classAttribute.strip();
        if (c.equalsIgnoreCase("last")) {
            index = d.numAttributes() - 1;
        } else if (c.equalsIgnoreCase("first")) {
            index = 0;
        } else {
            Attribute a = d.attribute(c);
            if (a != null) {
                index = a.index();
            } else if (c.matches("\\d+") && Integer.parseInt(c) >= 1 && Integer.parseInt(c) <= d.numAttributes()) {
                index = Integer.parseInt(c) - 1;
            } else {
                List<String> names = new ArrayList<>();
                for (int i = 0; i < d.numAttributes(); i++) names.add(d.attribute(i).name());
                throw new IllegalArgumentException(source + " has no attribute '" + c + "' to use as the class (attributes: "
                        + String.join(", ", names.size() > 12 ? names.subList(0, 12) : names) + (names.size() > 12 ? ", ..." : "") + ")");
            }
        }
        Attribute a = d.attribute(index);
        if (!a.isNominal() && !a.isNumeric()) {
            throw new IllegalArgumentException(source + ": class attribute '" + a.name() + "' must be nominal or numeric");
        }
        d.setClassIndex(index);
        if (d.numInstances() == 0) throw new IllegalArgumentException(source + " is empty: it has no rows");
        d.deleteWithMissingClass();
        if (d.numInstances() == 0) throw new IllegalArgumentException(source + ": every row's class '" + a.name() + "' is missing");
        return d;
    }

    /**
     * Refuses training data no learner can learn from: no attribute besides the class, a
     * nominal class with one value only (or a numeric one that never changes), or fewer rows
     * than there are parts to score a trial on.
     *
     * @param parts the folds of cross-validation, or 2 for a holdout
     * @throws IllegalArgumentException with one line saying what is wrong and what to do
     */
    public static void checkLearnable(Instances train, int parts, String source) {
        Attribute c = train.classAttribute();
        if (train.numAttributes() < 2) {
            throw new IllegalArgumentException(source + " has no attribute besides the class '" + c.name() + "': there is nothing to learn from");
        }
        double first = train.instance(0).classValue();
        boolean varies = false;
        for (int i = 1; i < train.numInstances() && !varies; i++) varies = train.instance(i).classValue() != first;
        if (!varies) {
            throw new IllegalArgumentException(source + ": every row has the same class, " + (c.isNominal()
                    ? "'" + c.value((int) first) + "' (a classifier needs rows of two classes at least)"
                    : c.name() + " = " + first + " (there is nothing to predict)"));
        }
        if (train.numInstances() < parts) {
            throw new IllegalArgumentException(source + " has " + train.numInstances() + (train.numInstances() == 1 ? " row" : " rows")
                    + " to train on, fewer than the " + parts + " parts each trial is scored on (give --folds "
                    + Math.max(2, train.numInstances()) + " or fewer, or more rows)");
        }
    }

    /**
     * A train and a test part: the test part is {@code fraction} of the rows, drawn within
     * each class for a nominal class (stratified), so both parts keep the class proportions.
     */
    public static Instances[] split(Instances data, double fraction, long seed) {
        if (!(fraction > 0 && fraction < 1)) throw new IllegalArgumentException("holdout fraction must be in (0, 1), got " + fraction);
        Random rng = new Random(seed);
        List<List<Integer>> groups = new ArrayList<>();
        if (data.classAttribute().isNominal()) {
            for (int k = 0; k < data.numClasses(); k++) groups.add(new ArrayList<>());
            for (int i = 0; i < data.numInstances(); i++) groups.get((int) data.instance(i).classValue()).add(i);
        } else {
            List<Integer> all = new ArrayList<>();
            for (int i = 0; i < data.numInstances(); i++) all.add(i);
            groups.add(all);
        }
        boolean[] test = new boolean[data.numInstances()];
        int nTest = 0;
        for (List<Integer> g : groups) {
            java.util.Collections.shuffle(g, rng);
            int take = (int) Math.round(g.size() * fraction);
            for (int j = 0; j < take; j++) test[g.get(j)] = true;
            nTest += take;
        }
        if (nTest < 1 || nTest >= data.numInstances()) {
            throw new IllegalArgumentException("holdout " + fraction + " of " + data.numInstances() + " rows leaves an empty part");
        }
        Instances train = new Instances(data, data.numInstances() - nTest);
        Instances held = new Instances(data, nTest);
        for (int i = 0; i < data.numInstances(); i++) (test[i] ? held : train).add(data.instance(i));
        train.randomize(rng);
        held.randomize(rng);
        return new Instances[]{train, held};
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) return e.getClass().getSimpleName();
        return m.lines().map(String::strip).filter(s -> !s.isEmpty()).findFirst().orElse(m);
    }
}
