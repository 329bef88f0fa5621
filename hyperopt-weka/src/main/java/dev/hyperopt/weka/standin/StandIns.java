package dev.hyperopt.weka.standin;

import weka.classifiers.Classifier;
import weka.classifiers.MultipleClassifiersCombiner;
import weka.classifiers.SingleClassifierEnhancer;
import weka.classifiers.functions.GaussianProcesses;
import weka.classifiers.meta.FilteredClassifier;
import weka.core.OptionHandler;
import weka.filters.Filter;
import weka.filters.MultiFilter;
import weka.filters.unsupervised.attribute.PrincipalComponents;

import java.util.Map;

/**
 * Puts a stand-in that saves in place of each Weka component that cannot be serialized,
 * wherever it sits in a classifier (inside a FilteredClassifier, a MultiFilter, a meta
 * classifier or an ensemble), with the same options. The command lines a user sees keep
 * Weka's own class names: a stand-in's options are its Weka class's.
 */
public final class StandIns {
    private StandIns() {}

    /** Weka's class name of each stand-in. */
    private static final Map<String, String> WEKA_NAMES = Map.of(
            PrincipalComponentsStandIn.class.getName(), PrincipalComponents.class.getName(),
            GaussianProcessesStandIn.class.getName(), GaussianProcesses.class.getName());

    /** The classifier with its unserializable components replaced, in place where Weka allows it. */
    public static Classifier apply(Classifier c) {
        if (c == null) return null;
        if (c.getClass() == GaussianProcesses.class) return copyOptions((OptionHandler) c, new GaussianProcessesStandIn());
        if (c instanceof FilteredClassifier f) f.setFilter(apply(f.getFilter()));
        if (c instanceof SingleClassifierEnhancer e) e.setClassifier(apply(e.getClassifier()));
        if (c instanceof MultipleClassifiersCombiner m) {
            Classifier[] members = m.getClassifiers();
            for (int i = 0; i < members.length; i++) members[i] = apply(members[i]);
            m.setClassifiers(members);
        }
        return c;
    }

    private static Filter apply(Filter f) {
        if (f == null) return null;
        if (f.getClass() == PrincipalComponents.class) return copyOptions((OptionHandler) f, new PrincipalComponentsStandIn());
        if (f instanceof MultiFilter m) {
            Filter[] parts = m.getFilters();
            for (int i = 0; i < parts.length; i++) parts[i] = apply(parts[i]);
            m.setFilters(parts);
        }
        return f;
    }

    private static <T extends OptionHandler> T copyOptions(OptionHandler from, T to) {
        try {
            to.setOptions(from.getOptions());
        } catch (Exception e) {
            throw new IllegalStateException("cannot copy the options of " + from.getClass().getName() + ": " + e.getMessage(), e);
        }
        return to;
    }

    /** A Weka command line with Weka's class names in place of the stand-ins'. */
    public static String wekaNames(String commandLine) {
        String out = commandLine;
        for (Map.Entry<String, String> e : WEKA_NAMES.entrySet()) out = out.replace(e.getKey(), e.getValue());
        return out;
    }
}
