package dev.hyperopt.weka;

import java.lang.reflect.Modifier;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The only classes a space may name: concrete public classes in {@code weka.*} that are
 * classifiers, filters, attribute evaluators or searches, or one of the helpers those take
 * as options (kernels, distance functions, neighbour searches, Bayes-net searches and
 * estimators). A configuration comes from a file a user may not have written, so a name
 * is checked before Weka instantiates it: the class is loaded without running its static
 * initialiser and only then compared against these kinds.
 */
public final class WekaClasses {
    private WekaClasses() {}

    /** What a class is allowed to be, and the Weka type it must extend. */
    public enum Kind {
        CLASSIFIER("weka.classifiers.Classifier", "a classifier"),
        FILTER("weka.filters.Filter", "a filter"),
        ATTRIBUTE_EVALUATOR("weka.attributeSelection.ASEvaluation", "an attribute evaluator"),
        ATTRIBUTE_SEARCH("weka.attributeSelection.ASSearch", "an attribute search"),
        KERNEL("weka.classifiers.functions.supportVector.Kernel", "a kernel"),
        DISTANCE("weka.core.DistanceFunction", "a distance function"),
        NEIGHBOUR_SEARCH("weka.core.neighboursearch.NearestNeighbourSearch", "a nearest-neighbour search"),
        BAYES_NET_SEARCH("weka.classifiers.bayes.net.search.SearchAlgorithm", "a Bayes net search"),
        BAYES_NET_ESTIMATOR("weka.classifiers.bayes.net.estimate.BayesNetEstimator", "a Bayes net estimator");

        private final String type;
        private final String description;

        Kind(String type, String description) {
            this.type = type;
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    private static final Pattern CLASS_NAME = Pattern.compile("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)+");

    /** Whether {@code text} has the shape of a qualified class name (so a string option naming a class gets checked). */
    public static boolean looksLikeClassName(String text) {
        return CLASS_NAME.matcher(text).matches();
    }

    /**
     * Loads {@code name} after checking it is an allowed Weka class of one of {@code kinds}.
     *
     * @throws IllegalArgumentException saying why the name is refused
     */
    public static Class<?> check(String name, List<Kind> kinds) {
        WekaBootstrap.init();
        String expected = describe(kinds);
        if (name == null || !looksLikeClassName(name) || !name.startsWith("weka.")) {
            throw new IllegalArgumentException("'" + name + "' is not a Weka class name (expected " + expected + " in weka.*)");
        }
        ClassLoader loader = WekaClasses.class.getClassLoader();
        Class<?> c;
        try {
            c = Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalArgumentException("no Weka class " + name);
        }
        int mod = c.getModifiers();
        if (!Modifier.isPublic(mod) || Modifier.isAbstract(mod) || c.isInterface()) {
            throw new IllegalArgumentException(name + " is not a concrete public class");
        }
        for (Kind k : kinds) {
            try {
                if (Class.forName(k.type, false, loader).isAssignableFrom(c)) return c;
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("Weka type " + k.type + " is missing from the class path", e);
            }
        }
        throw new IllegalArgumentException(name + " is not " + expected);
    }

    /** Every kind: for class names nested in options, where Weka itself checks the exact type. */
    public static List<Kind> any() {
        return List.of(Kind.values());
    }

    private static String describe(List<Kind> kinds) {
        if (kinds.size() == 1) return kinds.get(0).description();
        if (kinds.size() == Kind.values().length) return "a Weka classifier, filter, attribute selection or helper class";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < kinds.size(); i++) {
            if (i > 0) sb.append(i == kinds.size() - 1 ? " or " : ", ");
            sb.append(kinds.get(i).description());
        }
        return sb.toString();
    }
}
