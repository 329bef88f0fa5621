package dev.hyperopt.suite.fidelity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The Python side of the multi-fidelity bench, {@code optuna_anchor.py} beside the problem
 * list, run as a subprocess: Optuna's TPE with its pruners on the same problems and budget
 * ({@link #run}), and the curves of the same configurations computed in Python ({@link #curves}),
 * which is how the tests hold the two implementations to each other.
 */
public final class OptunaAnchor {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String python;
    private final Path script;

    /**
     * @param python the Python interpreter ({@code python3}, or a path)
     * @param script {@code optuna_anchor.py}
     */
    public OptunaAnchor(String python, Path script) {
        this.python = python;
        this.script = script;
    }

    /** The script beside a problem list. */
    public static Path scriptBeside(Path problemsFile) {
        return problemsFile.toAbsolutePath().getParent().resolve("optuna_anchor.py");
    }

    /**
     * The Optuna version the interpreter imports.
     *
     * @throws IOException with one line that says what is missing (the interpreter, the script or Optuna)
     */
    public String optunaVersion() throws IOException, InterruptedException {
        if (!Files.isRegularFile(script)) throw new IOException("the Optuna anchors' script is missing: " + script);
        Result r = exec(List.of("version"), null);
        if (r.exit != 0) {
            String why = lastLine(r.err);
            throw new IOException("the Optuna anchors need Optuna: '" + python + "' cannot import it (" + why
                    + "); install it (Debian: apt-get install python3-optuna) or name an interpreter that has it with --python");
        }
        return r.out.isEmpty() ? "?" : r.out.get(0).trim();
    }

    /**
     * Searches with Optuna's TPE and the arm's pruner, one per seed.
     *
     * @throws IOException when the script fails, with its last line of standard error
     */
    public List<FidelityRun> run(Path problemsFile, CurveProblem problem, Arm arm, List<Long> seeds, int horizon)
            throws IOException, InterruptedException {
        StringJoiner s = new StringJoiner(",");
        for (long seed : seeds) s.add(Long.toString(seed));
        Result r = exec(List.of("run", problemsFile.toString(), "--problem", problem.name(), "--pruner", arm.pruner(), "--seeds",
                s.toString(), "--horizon", Integer.toString(horizon)), null);
        if (r.exit != 0) throw new IOException(arm.name() + " on " + problem.name() + " failed: " + lastLine(r.err));
        List<FidelityRun> out = new ArrayList<>();
        for (String line : r.out) {
            if (line.isBlank()) continue;
            JsonNode n = JSON.readTree(line);
            List<double[]> improvements = new ArrayList<>();
            for (JsonNode i : n.path("improvements")) improvements.add(new double[] {i.get(0).asDouble(), i.get(1).asDouble()});
            out.add(new FidelityRun(problem.name(), arm.name(), n.path("seed").asLong(), problem.budget(), horizon, improvements,
                    n.path("steps_used").asInt(), n.path("trials").asInt(), n.path("completed").asInt(), n.path("pruned").asInt(),
                    n.path("wall_seconds").asDouble()));
        }
        if (out.size() != seeds.size()) {
            throw new IOException(arm.name() + " on " + problem.name() + ": " + out.size() + " searches came back for " + seeds.size() + " seeds");
        }
        return out;
    }

    /**
     * The curves the Python twin computes for configurations (parameters by name).
     *
     * @throws IOException when the script fails, with its last line of standard error
     */
    public List<Curve> curves(Path problemsFile, String problem, List<Map<String, Object>> configs)
            throws IOException, InterruptedException {
        StringBuilder in = new StringBuilder();
        for (Map<String, Object> c : configs) in.append(JSON.writeValueAsString(c)).append('\n');
        Result r = exec(List.of("curves", problemsFile.toString(), "--problem", problem), in.toString());
        if (r.exit != 0) throw new IOException("the Python curves of " + problem + " failed: " + lastLine(r.err));
        List<Curve> out = new ArrayList<>();
        for (String line : r.out) {
            JsonNode n = JSON.readTree(line);
            double[] values = new double[n.path("values").size()];
            for (int i = 0; i < values.length; i++) values[i] = n.path("values").get(i).asDouble();
            out.add(new Curve(values, n.path("final").asDouble()));
        }
        return out;
    }

    private record Result(int exit, List<String> out, String err) {}

    private Result exec(List<String> args, String stdin) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(python, script.toString()));
        cmd.addAll(args);
        Path errFile = Files.createTempFile("optuna-anchor", ".err");
        try {
            Process p;
            try {
                p = new ProcessBuilder(cmd).redirectError(errFile.toFile()).start();
            } catch (IOException e) {
                throw new IOException("cannot start '" + python + "' for the Optuna anchors: " + e.getMessage());
            }
            // Written from its own thread, so that a long answer cannot block a long question.
            Thread writer = new Thread(() -> {
                try (BufferedWriter w = new BufferedWriter(new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8))) {
                    if (stdin != null) w.write(stdin);
                } catch (IOException e) {
                    // the process ended early; its exit status and standard error say why
                }
            }, "optuna-anchor-stdin");
            writer.start();
            List<String> out = new ArrayList<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) out.add(line);
            }
            int exit = p.waitFor();
            writer.join();
            return new Result(exit, out, Files.readString(errFile, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(errFile);
        }
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        String last = lines.length == 0 ? "" : lines[lines.length - 1].strip();
        return last.isEmpty() ? "no message" : last;
    }
}
