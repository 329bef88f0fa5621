package dev.hyperopt.weka;

import dev.hyperopt.dsl.CompileResult;
import dev.hyperopt.dsl.HSpaceCompiler;
import dev.hyperopt.dsl.ir.SearchSpace;
import weka.core.Instances;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The spaces users name: a shipped one by name ({@code classification}, {@code j48}, ...) or an {@code .hspace} file. */
public final class WekaSpaces {
    private WekaSpaces() {}

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
        WekaFamily family = new WekaFamily();
        CompileResult r;
        if (nameOrFile.endsWith(".hspace")) {
            Path p = Path.of(nameOrFile);
            if (!Files.isRegularFile(p)) throw new IllegalArgumentException("no such file: " + nameOrFile);
            try {
                r = new HSpaceCompiler().compile(p);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read " + nameOrFile + ": " + e.getMessage());
            }
        } else {
            String resource = family.spaces().get(nameOrFile);
            if (resource == null) {
                throw new IllegalArgumentException("no Weka space named '" + nameOrFile + "' (shipped: "
                        + String.join(", ", family.spaces().keySet()) + "; or give an .hspace file)");
            }
            r = new HSpaceCompiler().compile("classpath:" + resource, family.spaceText(nameOrFile));
        }
        try {
            return r.orThrow();
        } catch (dev.hyperopt.dsl.CompileException e) {
            throw new IllegalArgumentException(nameOrFile + " has errors:\n" + e.getMessage(), e);
        }
    }
}
