package dev.hyperopt.suite.fidelity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hyperopt.dsl.HSpaceCompiler;
import dev.hyperopt.dsl.ir.SearchSpace;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The multi-fidelity bench's problems, read from their list ({@code problems.json} of
 * {@code bench/multifidelity/}) with the spaces in {@code hspace/NAME.hspace} and the
 * recorded tables beside it. A problem is {@code "kind": "synthetic"} (the curves of
 * {@link SyntheticCurves}) or {@code "kind": "table"} (a {@link CurveTable}: {@code table},
 * {@code params}, {@code step_prefix}, {@code final} = {@code last} or {@code mean}).
 */
public final class FidelitySuite {
    private final Path file;
    private final Map<String, CurveProblem> problems;
    private final JsonNode document;

    private FidelitySuite(Path file, Map<String, CurveProblem> problems, JsonNode document) {
        this.file = file;
        this.problems = problems;
        this.document = document;
    }

    /**
     * @throws IOException              when a file cannot be read
     * @throws IllegalArgumentException when a problem is malformed, its space does not compile or its table is bad
     */
    public static FidelitySuite load(Path problemsFile) throws IOException {
        Path dir = problemsFile.toAbsolutePath().getParent();
        JsonNode doc = new ObjectMapper().readTree(problemsFile.toFile());
        if (!doc.path("problems").isArray() || doc.path("problems").isEmpty()) {
            throw new IllegalArgumentException(problemsFile + ": no \"problems\" list");
        }
        Map<String, CurveProblem> out = new LinkedHashMap<>();
        for (JsonNode p : doc.path("problems")) {
            String name = p.path("name").asText();
            if (name.isEmpty()) throw new IllegalArgumentException(problemsFile + ": a problem without a name");
            SearchSpace space = new HSpaceCompiler().compile(dir.resolve("hspace").resolve(name + ".hspace")).orThrow();
            int maxSteps = p.path("max_steps").asInt();
            CurveSource source;
            double bestFinal = p.path("best_final").isNumber() ? p.path("best_final").asDouble() : Double.NaN;
            String kind = p.path("kind").asText();
            switch (kind) {
                case "synthetic" -> source = new SyntheticCurves(maxSteps, p.path("noise").asDouble());
                case "table" -> {
                    List<String> params = new ArrayList<>();
                    p.path("params").forEach(c -> params.add(c.asText()));
                    CurveTable.Final rule = CurveTable.Final.valueOf(p.path("final").asText("last").toUpperCase(Locale.ROOT));
                    CurveTable table = CurveTable.read(dir.resolve(p.path("table").asText()), params, p.path("step_prefix").asText(), rule);
                    if (table.steps() != maxSteps) {
                        throw new IllegalArgumentException(name + ": the table has " + table.steps() + " steps, max_steps says " + maxSteps);
                    }
                    source = table;
                    bestFinal = table.bestFinal();
                }
                default -> throw new IllegalArgumentException(name + ": unknown kind '" + kind + "' (synthetic or table)");
            }
            List<String> extra = new ArrayList<>();
            p.path("extra_arms").forEach(a -> extra.add(a.asText()));
            out.put(name, new CurveProblem(name, p.path("description").asText(), space, maxSteps, p.path("budget").asInt(),
                    p.path("step_unit").asText("step"), source, bestFinal, extra));
        }
        return new FidelitySuite(problemsFile, out, doc);
    }

    /** Every problem, in list order. */
    public List<CurveProblem> problems() {
        return List.copyOf(problems.values());
    }

    /**
     * @throws IllegalArgumentException naming the known problems when there is none by that name
     */
    public CurveProblem problem(String name) {
        CurveProblem p = problems.get(name);
        if (p == null) {
            throw new IllegalArgumentException("no multi-fidelity problem '" + name + "'; the suite has " + String.join(", ", problems.keySet()));
        }
        return p;
    }

    /** The problem list as read. */
    public JsonNode document() {
        return document;
    }

    /** The problem list's path. */
    public Path file() {
        return file;
    }
}
