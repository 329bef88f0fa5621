package dev.hyperopt.dsl.source;

import java.io.IOException;

/**
 * A file whose bytes are not UTF-8 text. It says where the first invalid byte is, and
 * carries the text decoded leniently so that a diagnostic can show the line it is on.
 */
public final class NotUtf8Exception extends IOException {
    private final long offset;
    private final int badByte;
    private final int line;
    private final int column;
    private final Source lenient;

    NotUtf8Exception(Source lenient, long offset, int badByte, int line, int column) {
        super(String.format("not UTF-8 text: byte 0x%02X at offset %d (line %d, column %d)", badByte, offset, line, column));
        this.lenient = lenient;
        this.offset = offset;
        this.badByte = badByte;
        this.line = line;
        this.column = column;
    }

    /** 0-based offset of the first byte that is not UTF-8. */
    public long offset() { return offset; }

    public int badByte() { return badByte; }

    public int line() { return line; }

    public int column() { return column; }

    /** The file decoded with replacement characters, for showing the line. */
    public Source lenient() { return lenient; }
}
