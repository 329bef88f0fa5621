package dev.hyperopt.engine.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A trial's configuration (the space evaluated for its assignment) with typed accessors, so
 * an objective reads {@code config.getDouble("optimizer.adam.lr")} instead of casting nested
 * maps. Paths join dict keys with dots and list items with {@code [i]}:
 * {@code layers[0].width}. A named choice is the one-key map {@code {branch: value}};
 * {@link #branch} tells which branch was chosen.
 *
 * <p>The wrapped value is made of {@link Map}s with string keys, {@link List}s,
 * {@link Long}, {@link Double}, {@link String}, {@link Boolean} and null, as
 * {@code SpaceEvaluator} produces it.
 */
public final class Config {
    private final Object value;

    private Config(Object value) {
        this.value = value;
    }

    /** Wraps a nested value; maps and lists are copied into unmodifiable ones. */
    public static Config of(Object value) {
        return new Config(freeze(value));
    }

    private static Object freeze(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) out.put(String.valueOf(e.getKey()), freeze(e.getValue()));
            return Collections.unmodifiableMap(out);
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object o : l) out.add(freeze(o));
            return Collections.unmodifiableList(out);
        }
        if (v instanceof Config c) return c.value;
        return v;
    }

    /** The wrapped value: a map, a list, a number, a string, a boolean or null. */
    public Object value() {
        return value;
    }

    /** Whether {@code path} leads to a value (which may be null). */
    public boolean has(String path) {
        try {
            resolve(path);
            return true;
        } catch (ConfigException e) {
            return false;
        }
    }

    /** The value at {@code path}, unwrapped. */
    public Object get(String path) {
        return resolve(path);
    }

    public double getDouble(String path) {
        Object v = resolve(path);
        if (v instanceof Number n) return n.doubleValue();
        throw wrongType(path, "a number", v);
    }

    /** An integer; a float with an integral value (1.0, as {@code quniform} gives) is accepted. */
    public long getLong(String path) {
        Object v = resolve(path);
        if (v instanceof Long l) return l;
        if (v instanceof Number n) {
            double d = n.doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 0x1p63) return (long) d;
        }
        throw wrongType(path, "an integer", v);
    }

    public int getInt(String path) {
        long l = getLong(path);
        if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) throw wrongType(path, "an int", l);
        return (int) l;
    }

    public String getString(String path) {
        Object v = resolve(path);
        if (v instanceof String s) return s;
        throw wrongType(path, "a string", v);
    }

    public boolean getBoolean(String path) {
        Object v = resolve(path);
        if (v instanceof Boolean b) return b;
        throw wrongType(path, "a boolean", v);
    }

    /** The part of the configuration at {@code path}. */
    public Config getConfig(String path) {
        return new Config(resolve(path));
    }

    /** The items of the list at {@code path}, each wrapped. */
    public List<Config> getList(String path) {
        Object v = resolve(path);
        if (!(v instanceof List<?> l)) throw wrongType(path, "a list", v);
        List<Config> out = new ArrayList<>(l.size());
        for (Object o : l) out.add(new Config(o));
        return Collections.unmodifiableList(out);
    }

    /** The keys of the map at the root, in order. */
    public List<String> keys() {
        if (!(value instanceof Map<?, ?> m)) throw wrongType("", "a map", value);
        List<String> out = new ArrayList<>();
        for (Object k : m.keySet()) out.add((String) k);
        return out;
    }

    /** The branch a named choice took: the one key of the one-key map at the root. */
    public String branch() {
        if (value instanceof Map<?, ?> m && m.size() == 1) return (String) m.keySet().iterator().next();
        throw wrongType("", "a named choice ({branch: value})", value);
    }

    /** The branch taken by the named choice at {@code path}. */
    public String branch(String path) {
        return getConfig(path).branch();
    }

    private Object resolve(String path) {
        Objects.requireNonNull(path, "path");
        Object cur = value;
        int i = 0;
        int n = path.length();
        StringBuilder walked = new StringBuilder();
        while (i < n) {
            char c = path.charAt(i);
            if (c == '[') {
                int close = path.indexOf(']', i);
                if (close < 0) throw new ConfigException("bad path '" + path + "': missing ']'");
                int index;
                try {
                    index = Integer.parseInt(path.substring(i + 1, close));
                } catch (NumberFormatException e) {
                    throw new ConfigException("bad path '" + path + "': '" + path.substring(i + 1, close) + "' is not an index");
                }
                if (!(cur instanceof List<?> l)) throw new ConfigException(where(walked) + " is not a list");
                if (index < 0 || index >= l.size()) {
                    throw new ConfigException(where(walked) + " has " + l.size() + " items, no [" + index + "]");
                }
                cur = l.get(index);
                walked.append(path, i, close + 1);
                i = close + 1;
            } else {
                if (c == '.') {
                    if (walked.length() == 0) throw new ConfigException("bad path '" + path + "'");
                    i++;
                }
                int end = i;
                while (end < n && path.charAt(end) != '.' && path.charAt(end) != '[') end++;
                String key = path.substring(i, end);
                if (key.isEmpty()) throw new ConfigException("bad path '" + path + "': empty key");
                if (!(cur instanceof Map<?, ?> m)) throw new ConfigException(where(walked) + " is not a map, so it has no '" + key + "'");
                if (!m.containsKey(key)) {
                    throw new ConfigException(where(walked) + " has no key '" + key + "' (keys: " + m.keySet() + ")");
                }
                cur = m.get(key);
                if (walked.length() > 0) walked.append('.');
                walked.append(key);
                i = end;
            }
        }
        return cur;
    }

    private static String where(StringBuilder walked) {
        return walked.length() == 0 ? "the configuration" : "'" + walked + "'";
    }

    private static ConfigException wrongType(String path, String expected, Object v) {
        String at = path.isEmpty() ? "the configuration" : "'" + path + "'";
        return new ConfigException(at + " is " + describe(v) + ", not " + expected);
    }

    private static String describe(Object v) {
        if (v == null) return "null";
        if (v instanceof Map) return "a map";
        if (v instanceof List) return "a list";
        if (v instanceof String s) return "the string \"" + s + "\"";
        return v.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Config c && Objects.equals(c.value, value);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(value);
    }

    @Override
    public String toString() {
        return String.valueOf(value);
    }
}
