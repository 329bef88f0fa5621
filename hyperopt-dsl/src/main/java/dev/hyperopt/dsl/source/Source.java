package dev.hyperopt.dsl.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The text of one {@code .hspace} file and the name diagnostics call it by. {@code path}
 * is where it was read from (null for text given in memory or read from the class path);
 * file imports resolve relative to it.
 */
public record Source(String name, String text, Path path) {

    public static Source of(String name, String text) {
        return new Source(name, text, null);
    }

    /** Reads a file; the name is the path as given, as compilers print it. */
    public static Source read(Path path) throws IOException {
        return new Source(path.toString(), Files.readString(path, StandardCharsets.UTF_8), path);
    }

    /** The text of 1-based line {@code line}, without its line break ("" past the end). */
    public String line(int line) {
        int start = 0;
        for (int i = 1; i < line; i++) {
            int nl = text.indexOf('\n', start);
            if (nl < 0) return "";
            start = nl + 1;
        }
        int end = text.indexOf('\n', start);
        String s = end < 0 ? text.substring(start) : text.substring(start, end);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }
}
