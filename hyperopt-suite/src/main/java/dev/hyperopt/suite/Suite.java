package dev.hyperopt.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hyperopt.dsl.HSpaceCompiler;
import dev.hyperopt.dsl.ir.SearchSpace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark suite read from its problem list ({@code problems.json}) and the spaces in
 * {@code hspace/NAME.hspace} beside it. The formulas are this package's ({@link Formulas});
 * the list supplies names, optima, budgets, checkpoints and the values of choice options.
 */
public final class Suite {
    private final Map<String, BenchProblem> problems;
    private final JsonNode document;

    private Suite(Map<String, BenchProblem> problems, JsonNode document) {
        this.problems = problems;
        this.document = document;
    }

    /** Reads {@code problemsFile} and the spaces from {@code hspace/} in the same directory. */
    public static Suite load(Path problemsFile) throws IOException {
        Path dir = problemsFile.toAbsolutePath().getParent();
        return load(problemsFile, dir.resolve("hspace"));
    }

    /**
     * @throws IllegalArgumentException when a problem has no formula here or its space does not compile
     */
    public static Suite load(Path problemsFile, Path spaceDir) throws IOException {
        JsonNode doc = new ObjectMapper().readTree(problemsFile.toFile());
        Map<String, BenchProblem> out = new LinkedHashMap<>();
        for (String section : List.of("problems", "overhead_problems")) {
            for (JsonNode p : doc.path(section)) {
                String name = p.path("name").asText();
                Formulas.Formula f = Formulas.of(name);
                if (f == null) throw new IllegalArgumentException("problem '" + name + "' has no formula in this build");
                Path file = spaceDir.resolve(name + ".hspace");
                SearchSpace space = new HSpaceCompiler().compile(file).orThrow();
                Map<String, List<Object>> choices = new LinkedHashMap<>();
                collectChoices(p.path("space"), choices);
                List<Integer> checkpoints = new ArrayList<>();
                p.path("checkpoints").forEach(c -> checkpoints.add(c.asInt()));
                int budget = p.path("budget").asInt(checkpoints.isEmpty() ? 0 : checkpoints.get(checkpoints.size() - 1));
                out.put(name, new BenchProblem(name, space, f, p.path("known_optimum").asDouble(Double.NaN),
                        p.path("stochastic").asBoolean(false), budget, checkpoints, choices));
            }
        }
        return new Suite(out, doc);
    }

    private static void collectChoices(JsonNode params, Map<String, List<Object>> out) {
        for (JsonNode p : params) {
            String dist = p.path("dist").asText();
            if (!dist.equals("choice") && !dist.equals("pchoice")) continue;
            List<Object> values = new ArrayList<>();
            for (JsonNode o : p.path("options")) {
                values.add(value(o.path("value")));
                collectChoices(o.path("params"), out);
            }
            out.put(p.path("label").asText(), values);
        }
    }

    /** A JSON value as the formulas read it: numbers as Double, anything else as its text. */
    static Object value(JsonNode v) {
        return v.isNumber() ? (Object) v.asDouble() : v.asText();
    }

    /** The quality problems (those with a budget), in list order. */
    public List<BenchProblem> qualityProblems() {
        List<BenchProblem> out = new ArrayList<>();
        for (JsonNode p : document.path("problems")) out.add(problems.get(p.path("name").asText()));
        return out;
    }

    /**
     * @throws IllegalArgumentException naming the known problems when there is none by that name
     */
    public BenchProblem problem(String name) {
        BenchProblem p = problems.get(name);
        if (p == null) throw new IllegalArgumentException("no problem '" + name + "'; the suite has " + String.join(", ", problems.keySet()));
        return p;
    }

    /** The problem list as read, for its reference values. */
    public JsonNode document() {
        return document;
    }
}
