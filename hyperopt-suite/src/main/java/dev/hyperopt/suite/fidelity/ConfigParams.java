package dev.hyperopt.suite.fidelity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A configuration as the multi-fidelity problems read it: every value that is not a map or
 * a list, by its own key, however deeply the space nests it ({@code {"model": {"learner":
 * "rf", "rf_trees": 30}}} gives {@code learner} and {@code rf_trees}). The problems' spaces
 * give every value a distinct key, so nothing is lost.
 */
public final class ConfigParams {
    private ConfigParams() {}

    /**
     * @param config a configuration's value (maps, lists and scalars, as {@code Config.value()} gives it)
     * @throws IllegalArgumentException when two values share a key
     */
    public static Map<String, Object> flatten(Object config) {
        Map<String, Object> out = new LinkedHashMap<>();
        walk(null, config, out);
        return out;
    }

    private static void walk(String key, Object v, Map<String, Object> out) {
        if (v instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) walk(String.valueOf(e.getKey()), e.getValue(), out);
        } else if (v instanceof List<?> l) {
            for (Object o : l) walk(key, o, out);
        } else if (key != null) {
            if (out.containsKey(key)) throw new IllegalArgumentException("the configuration has two values named '" + key + "'");
            out.put(key, v);
        }
    }
}
