package dev.hyperopt.engine.prune;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A pruner as users write it: {@code NAME[:KEY=VALUE,...]}, e.g. {@code median} or
 * {@code asha:min_resource=1,reduction_factor=3}. {@link #toString()} writes it back, so a
 * study can record it and a worker rebuild the same pruner.
 */
public record PrunerSpec(String name, Map<String, String> options) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]*");
    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]*");

    public PrunerSpec {
        options = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /** The pruner that never stops a trial. */
    public static final PrunerSpec NONE = new PrunerSpec("none", Map.of());

    /**
     * Reads {@code NAME[:KEY=VALUE,...]}.
     *
     * @throws IllegalArgumentException saying what is malformed
     */
    public static PrunerSpec parse(String text) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("a pruner needs a name, e.g. median or asha:reduction_factor=3");
        String t = text.trim();
        int colon = t.indexOf(':');
        String name = colon < 0 ? t : t.substring(0, colon);
        if (!NAME.matcher(name).matches()) throw new IllegalArgumentException("'" + name + "' is not a pruner name (in '" + text + "')");
        Map<String, String> options = new LinkedHashMap<>();
        if (colon >= 0) {
            String rest = t.substring(colon + 1);
            if (rest.isBlank()) throw new IllegalArgumentException("pruner '" + name + "': nothing after ':' (write KEY=VALUE,...)");
            for (String part : rest.split(",", -1)) {
                int eq = part.indexOf('=');
                String key = eq < 0 ? part.trim() : part.substring(0, eq).trim();
                if (eq < 0 || !KEY.matcher(key).matches() || part.substring(eq + 1).isBlank()) {
                    throw new IllegalArgumentException("pruner '" + name + "': '" + part + "' is not KEY=VALUE");
                }
                if (options.put(key, part.substring(eq + 1).trim()) != null) {
                    throw new IllegalArgumentException("pruner '" + name + "': option " + key + " is given twice");
                }
            }
        }
        return new PrunerSpec(name, options);
    }

    public boolean isNone() {
        return name.equals("none");
    }

    @Override
    public String toString() {
        if (options.isEmpty()) return name;
        StringBuilder b = new StringBuilder(name).append(':');
        String sep = "";
        for (Map.Entry<String, String> e : options.entrySet()) {
            b.append(sep).append(e.getKey()).append('=').append(e.getValue());
            sep = ",";
        }
        return b.toString();
    }
}
