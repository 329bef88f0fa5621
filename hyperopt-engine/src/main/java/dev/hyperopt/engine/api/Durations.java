package dev.hyperopt.engine.api;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them on command lines and read them in messages: {@code 90s}, {@code 10m}, {@code 1h30m}. */
public final class Durations {
    private Durations() {}

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)");

    /**
     * Reads {@code 500ms}, {@code 90s}, {@code 1.5s}, {@code 10m}, {@code 2h}, {@code 1d}, or
     * several of them in a row ({@code 1h30m}); a bare number is seconds.
     *
     * @throws IllegalArgumentException when the text is none of these, or not positive
     */
    public static Duration parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        Duration total;
        if (t.matches("\\d+(\\.\\d+)?")) {
            total = seconds(Double.parseDouble(t));
        } else {
            Matcher m = PART.matcher(t);
            total = Duration.ZERO;
            int at = 0;
            while (at < t.length()) {
                if (!m.find(at) || m.start() != at) {
                    throw new IllegalArgumentException("invalid duration '" + text + "' (examples: 90s, 10m, 1h30m, 500ms)");
                }
                double v = Double.parseDouble(m.group(1));
                total = total.plus(switch (m.group(2)) {
                    case "ms" -> Duration.ofNanos(Math.round(v * 1e6));
                    case "s" -> seconds(v);
                    case "m" -> seconds(v * 60);
                    case "h" -> seconds(v * 3600);
                    default -> seconds(v * 86400);
                });
                at = m.end();
            }
            if (t.isEmpty()) throw new IllegalArgumentException("invalid duration '' (examples: 90s, 10m, 1h30m, 500ms)");
        }
        if (total.isZero() || total.isNegative()) throw new IllegalArgumentException("duration '" + text + "' must be positive");
        return total;
    }

    private static Duration seconds(double s) {
        return Duration.ofNanos(Math.round(s * 1e9));
    }

    /** Short text for messages: {@code 250ms}, {@code 1.5s}, {@code 2m}, {@code 1h5m}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) return ms + "ms";
        if (ms < 60_000) {
            return ms % 1000 == 0 ? (ms / 1000) + "s" : String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
        }
        long s = ms / 1000;
        long h = s / 3600;
        long m = (s % 3600) / 60;
        long sec = s % 60;
        StringBuilder sb = new StringBuilder();
        if (h > 0) sb.append(h).append('h');
        if (m > 0) sb.append(m).append('m');
        if (sec > 0) sb.append(sec).append('s');
        return sb.toString();
    }
}
