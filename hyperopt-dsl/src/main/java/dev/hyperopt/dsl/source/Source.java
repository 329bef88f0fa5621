package dev.hyperopt.dsl.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
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
        return read(path.toString(), path);
    }

    /**
     * Reads a file as UTF-8, named {@code name} in diagnostics.
     *
     * @throws NotUtf8Exception where a byte is not UTF-8, naming the first such byte
     */
    public static Source read(String name, Path path) throws IOException {
        byte[] bytes = Files.readAllBytes(path);
        return decode(name, bytes, path);
    }

    /** Decodes UTF-8 bytes strictly (a leading byte-order mark is dropped). */
    public static Source decode(String name, byte[] bytes, Path path) throws NotUtf8Exception {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult r = decoder.decode(in, out, true);
        if (r.isError()) {
            int offset = in.position();
            String before = new String(bytes, 0, offset, StandardCharsets.UTF_8);
            int lineStart = before.lastIndexOf('\n') + 1;
            int line = (int) before.chars().filter(c -> c == '\n').count() + 1;
            int column = before.codePointCount(lineStart, before.length()) + 1;
            Source lenient = new Source(name, new String(bytes, StandardCharsets.UTF_8), path);
            throw new NotUtf8Exception(lenient, offset, bytes[offset] & 0xff, line, column);
        }
        decoder.flush(out);
        String text = out.flip().toString();
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        return new Source(name, text, path);
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
