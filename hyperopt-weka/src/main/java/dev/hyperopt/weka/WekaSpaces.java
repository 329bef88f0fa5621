package dev.hyperopt.weka;

import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.engine.spi.CommandException;
import dev.hyperopt.engine.spi.FamilyInputs;
import weka.core.Instances;

import java.io.PrintWriter;
import java.io.StringWriter;

/** The spaces users name: a shipped one by name ({@code classification}, {@code j48}, ...) or an {@code .hspace} file. */
public final class WekaSpaces {
    private WekaSpaces() {}

    /** Shipped spaces that are meant for one kind of class only. */
    private static final java.util.Set<String> NOMINAL_ONLY = java.util.Set.of("classification", "any_classifier");
    private static final java.util.Set<String> NUMERIC_ONLY = java.util.Set.of("regression", "any_regressor");

    /**
     * Refuses a shipped space meant for the other kind of class: {@code classification} and
     * {@code any_classifier} for a numeric class, {@code regression} and {@code any_regressor}
     * for a nominal one. (Other spaces are checked against the data's capabilities, see
     * {@link WekaEstimator#checkSpaceFits}.)
     *
     * @throws IllegalArgumentException saying which space to use instead
     */
    public static void checkClassType(String name, Instances data) {
        boolean nominal = data.classAttribute().isNominal();
        String cls = data.classAttribute().name();
        if (!nominal && NOMINAL_ONLY.contains(name)) {
            throw new IllegalArgumentException("space " + name + " is for a nominal class, but class '" + cls
                    + "' is numeric (use regression or any_regressor)");
        }
        if (nominal && NUMERIC_ONLY.contains(name)) {
            throw new IllegalArgumentException("space " + name + " is for a numeric class, but class '" + cls
                    + "' is nominal (use classification or any_classifier)");
        }
    }

    /** The shipped space for a data set's class: {@code classification} or {@code regression}. */
    public static String defaultFor(Instances data) {
        return data.classAttribute().isNominal() ? "classification" : "regression";
    }

    /**
     * Compiles a shipped space by name, or a file when the text ends in {@code .hspace}.
     *
     * @throws IllegalArgumentException for an unknown name, a missing file, or a space with errors (the
     *                                  message then holds the rendered diagnostics)
     */
    public static SearchSpace load(String nameOrFile) {
        StringWriter diagnostics = new StringWriter();
        try {
            return FamilyInputs.space(new WekaFamily(), nameOrFile, new PrintWriter(diagnostics, true));
        } catch (CommandException e) {
            String listed = diagnostics.toString();
            throw new IllegalArgumentException(listed.isEmpty() ? e.getMessage() : nameOrFile + " has errors:\n" + listed, e);
        }
    }
}
