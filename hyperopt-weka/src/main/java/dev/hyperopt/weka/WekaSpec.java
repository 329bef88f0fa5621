package dev.hyperopt.weka;

import dev.hyperopt.engine.api.Config;
import weka.core.OptionHandler;
import weka.core.Utils;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One Weka object as a class name and its command-line options, read from a configuration.
 *
 * <p>In a space, a Weka object is a dict with a {@code class} key; every other key is an
 * option letter or name without its dash ({@code C: 0.25} is {@code -C 0.25}). Values:
 * {@code true} is a flag, {@code false} and {@code null} leave the option out, numbers and
 * strings are the option's argument, a list repeats the option once per item, and a dict
 * with a {@code class} is a nested object passed as one quoted argument ({@code K: {class:
 * "...RBFKernel", G: 0.01}} is {@code -K "...RBFKernel -G 0.01"}), except under {@code W},
 * where it is a meta classifier's base learner written Weka's way, {@code -W name -- options},
 * last. A key starting with {@code _} is a group: its value is a named choice between dicts
 * of options, and the chosen dict's options are merged in (so conflicting options, such as
 * J48's {@code -U} and {@code -C}, live in different branches). A named choice whose branch
 * values are objects is unwrapped wherever an object is expected.
 */
public record WekaSpec(String className, List<String> options) {
    private static final MathContext DIGITS = new MathContext(6);

    public WekaSpec {
        Objects.requireNonNull(className, "className");
        options = List.copyOf(options);
    }

    /**
     * Reads an object from a configuration value.
     *
     * @param kinds what the top-level class may be
     * @throws IllegalArgumentException when the value is not an object or names a class that is not allowed
     */
    public static WekaSpec of(Object value, List<WekaClasses.Kind> kinds) {
        Object v = unwrap(value instanceof Config c ? c.value() : value);
        if (!(v instanceof Map<?, ?> m) || !m.containsKey("class")) {
            throw new IllegalArgumentException("expected a Weka object (a dict with a 'class' key), got " + describe(v));
        }
        Object cls = m.get("class");
        if (!(cls instanceof String name)) throw new IllegalArgumentException("'class' must be a string, got " + describe(cls));
        WekaClasses.check(name, kinds);
        List<String> options = new ArrayList<>();
        WekaSpec base = null;
        for (Map.Entry<?, ?> e : m.entrySet()) {
            String key = String.valueOf(e.getKey());
            if (key.equals("class")) continue;
            if (key.startsWith("_")) {
                Object group = unwrapOnce(e.getValue());
                if (group == null) continue;
                if (!(group instanceof Map<?, ?> g)) {
                    throw new IllegalArgumentException(name + ": group '" + key + "' must be a dict of options, got " + describe(group));
                }
                for (Map.Entry<?, ?> ge : g.entrySet()) base = add(name, String.valueOf(ge.getKey()), ge.getValue(), options, base);
            } else {
                base = add(name, key, e.getValue(), options, base);
            }
        }
        if (base != null) {
            options.add("-W");
            options.add(base.className);
            if (!base.options.isEmpty()) {
                options.add("--");
                options.addAll(base.options);
            }
        }
        return new WekaSpec(name, options);
    }

    private static WekaSpec add(String owner, String key, Object value, List<String> out, WekaSpec base) {
        if (key.isEmpty() || key.startsWith("-")) {
            throw new IllegalArgumentException(owner + ": option '" + key + "' must be written without its dash");
        }
        if (value == null || Boolean.FALSE.equals(value)) return base;
        if (Boolean.TRUE.equals(value)) {
            out.add("-" + key);
        } else if (value instanceof Number n) {
            out.add("-" + key);
            out.add(format(n));
        } else if (value instanceof String s) {
            checkClassNames(owner, key, s, 0);
            out.add("-" + key);
            out.add(s);
        } else if (value instanceof List<?> l) {
            for (Object item : l) base = add(owner, key, item, out, base);
        } else if (value instanceof Map<?, ?>) {
            Object inner = unwrap(value);
            if (inner == null) return base;
            if (key.equals("W") && inner instanceof Map<?, ?>) {
                if (base != null) throw new IllegalArgumentException(owner + ": more than one base classifier under W");
                return of(inner, List.of(WekaClasses.Kind.CLASSIFIER));
            }
            if (inner instanceof Map<?, ?>) {
                out.add("-" + key);
                out.add(of(inner, WekaClasses.any()).commandLine());
            } else {
                base = add(owner, key, inner, out, base);
            }
        } else {
            throw new IllegalArgumentException(owner + ": option '" + key + "' has an unusable value " + describe(value));
        }
        return base;
    }

    /** The object as Weka writes it: the class name, then its options quoted as needed. */
    public String commandLine() {
        return options.isEmpty() ? className : className + " " + Utils.joinOptions(options.toArray(new String[0]));
    }

    /** A fresh copy of the options, for {@code setOptions}, which consumes its argument. */
    public String[] optionArray() {
        return options.toArray(new String[0]);
    }

    /**
     * A new instance of the object with its options set.
     *
     * @throws IllegalArgumentException when Weka refuses an option or leaves one unused
     */
    public <T> T newInstance(Class<T> type) {
        Class<?> c = WekaClasses.check(className, WekaClasses.any());
        if (!type.isAssignableFrom(c)) throw new IllegalArgumentException(className + " is not a " + type.getSimpleName());
        Object o;
        try {
            o = c.getConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalArgumentException("cannot create " + className + ": " + e);
        }
        String[] opts = optionArray();
        if (opts.length > 0) {
            if (!(o instanceof OptionHandler h)) throw new IllegalArgumentException(className + " takes no options");
            try {
                h.setOptions(opts);
                Utils.checkForRemainingOptions(opts);
            } catch (Exception e) {
                throw new IllegalArgumentException(className + ": " + firstLine(e), e);
            }
        }
        return type.cast(o);
    }

    /**
     * Checks every word of a string option that has the shape of a class name, in nested
     * quoted specifications too, since Weka instantiates the classes such strings name.
     */
    private static void checkClassNames(String owner, String key, String text, int depth) {
        if (depth > 8) throw new IllegalArgumentException(owner + ": option '" + key + "' is nested too deeply");
        String[] words;
        try {
            words = Utils.splitOptions(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(owner + ": option '" + key + "' cannot be read: " + firstLine(e));
        }
        for (String w : words) {
            if (WekaClasses.looksLikeClassName(w) && !isNumber(w)) WekaClasses.check(w, WekaClasses.any());
            else if (w.indexOf(' ') >= 0 && !w.equals(text)) checkClassNames(owner, key, w, depth + 1);
        }
    }

    /** A named choice's branch, {@code {name: value}}, gives its value: repeatedly, until an object or a plain value. */
    static Object unwrap(Object v) {
        while (v instanceof Map<?, ?> m && !m.containsKey("class") && m.size() == 1) {
            Object inner = m.values().iterator().next();
            if (inner != null && !(inner instanceof Map<?, ?>)) break;
            v = inner;
        }
        return v;
    }

    private static Object unwrapOnce(Object v) {
        if (v instanceof Map<?, ?> m && m.size() == 1) {
            Object inner = m.values().iterator().next();
            if (inner == null || inner instanceof Map<?, ?>) return inner;
        }
        return v;
    }

    /**
     * Numbers as Weka's parsers read them: integral values without a fraction, others to six
     * significant digits, in exponent form below 1e-4 ({@code 1.14543E-9}).
     */
    static String format(Number n) {
        if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) return n.toString();
        double d = n.doubleValue();
        if (!Double.isFinite(d)) throw new IllegalArgumentException("option value " + d + " is not finite");
        if (d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString((long) d);
        BigDecimal b = new BigDecimal(d).round(DIGITS).stripTrailingZeros();
        return Math.abs(d) >= 1e-4 ? b.toPlainString() : b.toString();
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    static String firstLine(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) return e.getClass().getSimpleName();
        return m.lines().findFirst().orElse(m).strip();
    }

    private static String describe(Object v) {
        if (v == null) return "null";
        if (v instanceof Map<?, ?> m) return "a dict with keys " + m.keySet();
        if (v instanceof List<?>) return "a list";
        if (v instanceof String s) return "the string \"" + s + "\"";
        return String.valueOf(v);
    }

    @Override
    public String toString() {
        return commandLine();
    }
}
