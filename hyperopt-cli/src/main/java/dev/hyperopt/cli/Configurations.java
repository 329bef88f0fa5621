package dev.hyperopt.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.engine.space.Assignment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Configurations users give to evaluate first ({@code tune --enqueue FILE}, {@code enqueue
 * --labels|--config}): a hyperparameters' {@code {label: value}} map as {@code sample --labels}
 * prints it, or a configuration as {@code sample} prints it, which is mapped back to labels.
 */
final class Configurations {
    private Configurations() {}

    /**
     * The labels of each non-blank line of a JSON-lines file.
     *
     * @throws UserError naming the file and line of the first one that does not fit the space
     */
    static List<Map<String, Object>> read(Path file, SearchSpace space) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UserError("cannot read " + file + ": no such file");
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + UserError.describe(e));
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) continue;
            try {
                out.add(labels(space, parse(line), true));
            } catch (IllegalArgumentException e) {
                throw new UserError(file + ":" + (i + 1) + ": " + e.getMessage());
            }
        }
        return out;
    }

    /**
     * The labels of one configuration.
     *
     * @param either whether {@code value} may be labels or a configuration (tried in that order);
     *               otherwise it is a configuration
     * @throws IllegalArgumentException saying why it does not fit the space
     */
    static Map<String, Object> labels(SearchSpace space, Object value, boolean either) {
        if (either) {
            if (!(value instanceof Map<?, ?> m)) throw new IllegalArgumentException("not a JSON object of labels or a configuration");
            try {
                return Assignment.fromLabels(space, cast(m)).labels();
            } catch (IllegalArgumentException asLabels) {
                try {
                    return Assignment.fromConfig(space, value).labels();
                } catch (IllegalArgumentException asConfig) {
                    throw new IllegalArgumentException("neither labels (" + asLabels.getMessage() + ") nor a configuration ("
                            + asConfig.getMessage() + ")");
                }
            }
        }
        return Assignment.fromConfig(space, value).labels();
    }

    /** Labels given as such ({@code --labels}). */
    static Map<String, Object> labelsOnly(SearchSpace space, Object value) {
        if (!(value instanceof Map<?, ?> m)) throw new IllegalArgumentException("labels must be a JSON object {label: value}");
        return Assignment.fromLabels(space, cast(m)).labels();
    }

    static Object parse(String json) {
        try {
            return Json.MAPPER.readValue(json, new TypeReference<Object>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> cast(Map<?, ?> m) {
        return (Map<String, ?>) m;
    }
}
