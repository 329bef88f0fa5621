package dev.hyperopt.weka;

import dev.hyperopt.engine.api.Config;
import weka.classifiers.Classifier;
import weka.core.Instances;
import weka.core.Utils;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a trial builds: an optional filter and a classifier. A configuration is either a
 * dict {@code {preprocessing: FILTER-or-null, classifier: CLASSIFIER}} (the shipped
 * {@code classification} and {@code regression} spaces) or a classifier alone. With a filter,
 * the pipeline is Weka's {@code FilteredClassifier}, so that the filter is fitted on each
 * training fold only and the whole pipeline is one Weka command line.
 */
public record Pipeline(WekaSpec filter, WekaSpec classifier) {
    static final String FILTERED = "weka.classifiers.meta.FilteredClassifier";

    /**
     * Reads a configuration.
     *
     * @throws IllegalArgumentException when it is neither shape, or names a class that is not allowed
     */
    public static Pipeline of(Object config) {
        Object v = config instanceof Config c ? c.value() : config;
        if (v instanceof Map<?, ?> m && !m.containsKey("class") && m.containsKey("classifier")) {
            for (Object k : m.keySet()) {
                if (!k.equals("classifier") && !k.equals("preprocessing")) {
                    throw new IllegalArgumentException("a pipeline has the keys 'preprocessing' and 'classifier', not '" + k + "'");
                }
            }
            Object pre = WekaSpec.unwrap(m.get("preprocessing"));
            WekaSpec f = pre == null ? null : WekaSpec.of(pre, List.of(WekaClasses.Kind.FILTER));
            return new Pipeline(f, WekaSpec.of(m.get("classifier"), List.of(WekaClasses.Kind.CLASSIFIER)));
        }
        return new Pipeline(null, WekaSpec.of(v, List.of(WekaClasses.Kind.CLASSIFIER)));
    }

    /** The whole pipeline as one classifier specification. */
    public WekaSpec asClassifier() {
        if (filter == null) return classifier;
        List<String> opts = new ArrayList<>();
        opts.add("-F");
        opts.add(filter.commandLine());
        opts.add("-W");
        opts.add(classifier.className());
        if (!classifier.options().isEmpty()) {
            opts.add("--");
            opts.addAll(classifier.options());
        }
        return new WekaSpec(FILTERED, opts);
    }

    /** The command line Weka accepts, e.g. {@code weka.classifiers.meta.FilteredClassifier -F "..." -W weka.classifiers.trees.J48 -- -M 2}. */
    public String commandLine() {
        return asClassifier().commandLine();
    }

    /** A new, untrained classifier for this pipeline. */
    public Classifier newClassifier() {
        WekaBootstrap.init();
        return asClassifier().newInstance(Classifier.class);
    }

    /**
     * Refuses data the classifier cannot handle, before any training, with Weka's reason
     * (for example "Cannot handle numeric class!").
     *
     * @throws IllegalArgumentException naming the classifier and the reason
     */
    public static void checkCapabilities(Classifier c, Instances data) {
        try {
            c.getCapabilities().testWithFail(data);
        } catch (Exception e) {
            String name = c.getClass().getSimpleName();
            String reason = WekaSpec.firstLine(e);
            int colon = reason.indexOf(": ");
            if (colon > 0 && reason.substring(0, colon).startsWith("weka.")) reason = reason.substring(colon + 2);
            throw new IllegalArgumentException(name + " cannot handle this data: " + reason);
        }
    }

    /**
     * A classifier from a Weka command line, as {@code weka.classifiers.AbstractClassifier.forName}
     * would make it, after checking that the class is an allowed Weka classifier.
     */
    public static Classifier fromCommandLine(String commandLine) {
        String[] parts;
        try {
            parts = Utils.splitOptions(commandLine);
        } catch (Exception e) {
            throw new IllegalArgumentException("cannot read command line: " + WekaSpec.firstLine(e));
        }
        if (parts.length == 0) throw new IllegalArgumentException("empty command line");
        String name = parts[0];
        List<String> opts = new ArrayList<>(List.of(parts).subList(1, parts.length));
        WekaClasses.check(name, List.of(WekaClasses.Kind.CLASSIFIER));
        return new WekaSpec(name, opts).newInstance(Classifier.class);
    }

    @Override
    public String toString() {
        return commandLine();
    }
}
